"""Give every block a stable segment id derived from the seed line it starts on.

The id names where the segment comes from (``p123`` starts on seed line 123), so it does not
change when editors edit other paragraphs or when the pipeline changes elsewhere. Two segments that
start on the same line get ``p123``, ``p123-2``...

>>> from build_edition.model import Document
>>> doc = Document("x", "book", "x.txt", "а\\nә")
>>> doc.blocks = [doc.make_block("paragraph", 0, 1), doc.make_block("heading", 2, 3)]
>>> run(doc); [b.id for b in doc.blocks]
['p1', 'p2']
"""
from __future__ import annotations

import bisect

from ..model import Document


def run(doc: Document) -> None:
    seen: dict[str, int] = {}
    for block in doc.blocks:
        if block.id:
            seen[block.id] = seen.get(block.id, 0) + 1
            continue
        first = doc.line_of(min(block.origin)) if block.origin else 0
        base = f"p{first}"
        seen[base] = seen.get(base, 0) + 1
        block.id = base if seen[base] == 1 else f"{base}-{seen[base]}"
    _attach_emendations(doc)


def _attach_emendations(doc: Document) -> None:
    """Record in each emendation the id of the block that now holds its position."""
    spans = sorted((min(b.origin), max(b.origin), b.id) for b in doc.blocks if b.origin)
    starts = [s[0] for s in spans]
    for e in doc.emendations:
        i = bisect.bisect_right(starts, e.offset) - 1
        if i >= 0 and spans[i][0] <= e.offset <= spans[i][1]:
            e.block_id = spans[i][2]
