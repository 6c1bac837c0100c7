"""Assemble source lines into paragraphs.

Blank lines separate paragraphs; a very long line (web pages put one paragraph per line) is a
paragraph of its own. Lines joined into a paragraph keep their "\\n" until ``unwrap_lines``, so
line-level repairs (hyphens at line ends) can still see them.

>>> from build_edition.model import Document
>>> doc = Document("x", "book", "x.txt", "Бір екі\\nүш.\\n\\nТөрт")
>>> from build_edition.reader import read_lines; read_lines(doc); run(doc)
>>> [b.text for b in doc.blocks]
['Бір екі\\nүш.', 'Төрт']
"""
from __future__ import annotations

from ..model import Block, Document

LONG_LINE = 200  # characters: longer lines are paragraphs in their own right (web text)


def run(doc: Document) -> None:
    out: list[Block] = []
    group: list[Block] = []

    def flush() -> None:
        if group:
            out.append(Document.merge(group, "paragraph"))
            group.clear()

    for block in doc.blocks:
        if block.kind != "line":
            flush()
            out.append(block)
            continue
        if block.attrs.get("blank_before") or block.attrs.get("starts_paragraph"):
            flush()
        if len(block.text) >= LONG_LINE:
            flush()
            group.append(block)
            flush()
            continue
        group.append(block)
    flush()
    doc.blocks = out
