"""Turn the remaining line breaks inside a block into spaces and collapse runs of spaces (layout only).

>>> from build_edition.core.model import Document
>>> doc = Document("x", "book", "x.txt", " Бір  екі \\n үш ")
>>> doc.blocks = [doc.make_block("paragraph", 0, len(doc.source))]
>>> run(doc); doc.blocks[0].text
'Бір екі үш'
"""
from __future__ import annotations

import re

from build_edition.core.model import Document

WHITESPACE_RUN = re.compile(r"[ \t\n]{2,}|[\t\n]")


def run(doc: Document) -> None:
    for block in doc.blocks:
        doc.relayout_spans(block, ((m.start(), m.end(), " ") for m in WHITESPACE_RUN.finditer(block.text)))
        stripped = block.text.strip()
        if stripped != block.text:
            lead = len(block.text) - len(block.text.lstrip())
            doc.relayout(block, lead + len(stripped), len(block.text), "")
            doc.relayout(block, 0, lead, "")
    doc.blocks = [b for b in doc.blocks if b.text]
