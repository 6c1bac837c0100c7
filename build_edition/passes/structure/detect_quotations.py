"""Mark block quotations: quoted text the source sets off as a paragraph of its own.

A paragraph is a block quotation when it opens with `«` right after a paragraph ending with a
colon (`…былай деді:` / `«…»`), or when the whole paragraph is one quotation (`«Мен кіммін? Қайдан
келдім? Мені гейсінбейтін ел бар ма?»`, an epigraph), possibly followed by a reference (`[4]`).
Quoted speech that runs on into its attribution (`«…», – деп атап өтті Олжас Бектенов.`) stays a
paragraph, and so do quoted names and titles (`«ТОҚАЕВ МОДЕЛІ»`, a headline).

>>> from build_edition.core.model import Document
>>> from build_edition.text.line_shapes import paragraphs_of
>>> doc = Document("x", "book", "x.txt", "Ол былай деді:\\n\\n«Біз бірге боламыз.\\nБұл – ортақ үй».\\n\\n"
...                "«Мен кіммін? Қайдан келдім? Мені гейсінбейтін ел бар ма?»\\n\\n"
...                "«Жаңа жоба – болашақ құжаты», – деп атап өтті ол.\\n\\n«ТОҚАЕВ МОДЕЛІ»")
>>> doc.blocks = paragraphs_of(doc); run(doc)
>>> [b.kind for b in doc.blocks]
['paragraph', 'quote', 'quote', 'paragraph', 'paragraph']
"""
from __future__ import annotations

import re

from build_edition.text import line_shapes
from build_edition.core.model import Document

WHOLE_QUOTE = re.compile(r"^\s*«[^«»]*(?:«[^«»]*»[^«»]*)*»\s*(?:\[[^\]]{1,30}\])?\s*[.!?…]?\s*$")
MIN_QUOTE = 30   # characters: shorter quoted paragraphs are names or titles


def run(doc: Document) -> None:
    previous = None
    for block in doc.blocks:
        if block.kind == "paragraph" and block.text.lstrip().startswith("«") and not line_shapes.is_caps_heading(block.text):
            introduced = previous is not None and previous.text.rstrip().endswith(":")
            whole = WHOLE_QUOTE.match(block.text) and len(block.text) >= MIN_QUOTE
            if introduced or whole:
                block.kind = "quote"
        previous = block
