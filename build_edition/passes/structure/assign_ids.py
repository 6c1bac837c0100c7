"""Give every block a stable segment id: the id it had at the last build, or a new one never used before.

Ids are kept in the document's registry of issued ids (:mod:`build_edition.store.segment_ids`, committed
under ``content/.edition/segments/``; the pipeline attaches it as ``doc.meta["segment_registry"]``).
A block keeps the id whose seed text it still mostly holds, so ids survive rebuilds, editors'
corrections and pipeline improvements that move a paragraph's start; a block with new seed text gets
a new id named after its first seed line (``p123``, then ``p123-2``…), never one issued before.
Without a registry (a first build) every id is simply named after the block's first seed line.

>>> from build_edition.core.model import Document
>>> doc = Document("x", "book", "x.txt", "а\\nә")
>>> doc.blocks = [doc.make_block("paragraph", 0, 1), doc.make_block("heading", 2, 3)]
>>> run(doc); [b.id for b in doc.blocks]
['p1', 'p2']
>>> doc.blocks[0].id = ""; doc.blocks[1].id = ""; doc.blocks.reverse()
>>> run(doc); [b.id for b in doc.blocks]   # the same text keeps its id wherever it stands
['p2', 'p1']
"""
from __future__ import annotations

import bisect

from build_edition.core.model import Document
from build_edition.store.segment_ids import Registry, spans_of


def run(doc: Document) -> None:
    registry = doc.meta.get("segment_registry")
    if not isinstance(registry, Registry):
        registry = doc.meta["segment_registry"] = Registry()
    pending = [b for b in doc.blocks if not b.id]
    reserved = [b.id for b in doc.blocks if b.id]
    for block, ident in zip(pending, registry.assign(spans_of(doc, pending), reserved)):
        block.id = ident
    _attach_emendations(doc)


def _attach_emendations(doc: Document) -> None:
    """Record in each emendation the id of the block that now holds its position."""
    spans = sorted((min(b.origin), max(b.origin), b.id) for b in doc.blocks if b.origin)
    starts = [s[0] for s in spans]
    for e in doc.emendations:
        i = bisect.bisect_right(starts, e.offset) - 1
        if i >= 0 and spans[i][0] <= e.offset <= spans[i][1]:
            e.block_id = spans[i][2]
