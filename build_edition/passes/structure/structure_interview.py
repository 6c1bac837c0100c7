"""Structure of an interview (kind ``interview``): title, lead, question and answer turns, subheadings.

Before the first turn stand the title (the first paragraph) and the lead (`Мемлекет басшысының
«Ana tili» газетіне берген сұхбаты`). Every turn opens with a dash (`– Құрметті Қасым-Жомарт
Кемелұлы, …`), and turns alternate: the interviewer asks, the interviewee answers; the paragraphs
that follow an answer without a dash continue it. All-capital paragraphs between turns are
subheadings. The first paragraph of each turn carries ``attrs["turn"]`` (its number, from 1), so
the writer can show where a turn begins.

>>> from build_edition.core.model import Document
>>> from build_edition.text.line_shapes import paragraphs_of
>>> text = ("Тоқаев: «Мақсатым»\\n\\nГазетке берген сұхбаты\\n\\n– Қалайсыз?\\n\\n– Жақсы.\\n\\nТағы бір ой.\\n\\n"
...         "– Неге?\\n\\n– Себебі солай.")
>>> doc = Document("x", "interview", "x.txt", text); doc.blocks = paragraphs_of(doc); run(doc)
>>> [(b.kind, b.attrs.get("turn")) for b in doc.blocks]  # doctest: +NORMALIZE_WHITESPACE
[('heading', None), ('lead', None), ('question', 1), ('answer', 2), ('answer', None), ('question', 3),
 ('answer', 4)]
"""
from __future__ import annotations

from build_edition.text import line_shapes
from build_edition.core.model import Document



def run(doc: Document) -> None:
    paragraphs = [b for b in doc.blocks if b.kind == "paragraph"]
    first_turn = next((i for i, b in enumerate(paragraphs) if line_shapes.starts_with_dash(b.text)), len(paragraphs))
    for i, block in enumerate(paragraphs[:first_turn]):
        if i == 0:
            block.kind, block.level = "heading", 1
        else:
            block.kind = "lead"
    current = ""
    turns = 0
    for block in paragraphs[first_turn:]:
        if line_shapes.starts_with_dash(block.text):
            current = "answer" if current == "question" else "question"
            turns += 1
            block.kind = current
            block.attrs["turn"] = turns
        elif line_shapes.is_caps_heading(block.text):
            block.kind, block.level = "heading", 2
            block.attrs["section_title"] = block.text
        else:
            block.kind = current or "paragraph"
