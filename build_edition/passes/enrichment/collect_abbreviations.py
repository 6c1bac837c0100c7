"""Collect the document's own definitions of abbreviations for the glossary (nothing in the text changes).

Two shapes count (see :mod:`build_edition.enrich.glossary`): the entries of a printed list of
abbreviations (blocks the book structure pass marked ``abbreviation_list``; without marks, a run
of five or more `АББР – expansion` paragraphs) and definitions in running text, where the words
before the bracket spell the abbreviation. The result is ``doc.meta["abbreviation_definitions"]``:
``(abbreviation, Definition)`` pairs with the defining paragraph's id (this pass runs after ids
are assigned). The glossary page and the tooltips merge them across documents.

>>> from build_edition.core.model import Document
>>> text = "Қазақстан халқы Ассамблеясының (бұдан әрі – ҚХА) рөлі артты.\\n\\nЕуразиялық одақ (ЕАО) идеясы."
>>> doc = Document("x", "article", "x.txt", text)
>>> doc.blocks = [doc.make_block("paragraph", 0, 61, id="p1"), doc.make_block("paragraph", 63, len(text), id="p3")]
>>> run(doc)
>>> [(term, d.expansion, d.source, d.block) for term, d in doc.meta["abbreviation_definitions"]]
[('ҚХА', 'Қазақстан халқы Ассамблеясы', 'inline', 'p1')]
"""
from __future__ import annotations

from build_edition.enrich.glossary import definitions_in_blocks
from build_edition.core.model import Document


def run(doc: Document) -> None:
    doc.meta["abbreviation_definitions"] = definitions_in_blocks(doc.blocks, doc.slug)
