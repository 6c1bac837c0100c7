"""Structure of a saved web page (kind ``web page``): news items, their headlines and leads, separators.

A page copied from a news site holds one or more items. A new item starts at the top of the text
and wherever a chat-paste stamp (`[10:49, 11.02.2026] Аида:`) shows that another text was pasted
in. An item whose first paragraph is a single short sentence starts with its headline; the next
paragraph is the lead. An item pasted without its headline starts with its lead, and its page is
named by the first words of that lead (the text offers no other name). A lone `*` is a thematic
break.

>>> from build_edition.core.model import Document
>>> from build_edition.text.line_shapes import paragraphs_of
>>> text = ("Комиссия жобаны жариялады.\\n\\nБұл құжат ұсыныстардан пайда болды. Екінші сөйлем.\\n\\nМәтін.\\n\\n"
...         "[10:49, 11.02.2026] Аида: Премьер-министр ғалымдармен кездесу өткізді. Онда ғылым мәселелері талқыланды.\\n\\n*\\n\\nСоңы.")
>>> doc = Document("x", "web page", "x.txt", text); doc.blocks = paragraphs_of(doc)
>>> doc.remove_span(doc.blocks[3], 0, 26, "chat stamp")  # as the furniture pass does
>>> run(doc)
>>> [(b.kind, b.attrs.get("page_title", "")) for b in doc.blocks]  # doctest: +NORMALIZE_WHITESPACE
[('heading', 'Комиссия жобаны жариялады.'), ('lead', ''), ('paragraph', ''),
 ('lead', 'Премьер-министр ғалымдармен кездесу өткізді'), ('separator', ''), ('paragraph', '')]
"""
from __future__ import annotations

import re

from build_edition.core.model import Block, Document


PASTE_STAMP = re.compile(r"\s*\[\d{1,2}:\d{2},\s*\d{1,2}\.\d{1,2}\.\d{2,4}\]\s*[^:\n]{1,40}:")
HEADLINE_MAX = 250          # characters: a headline is one short sentence
PAGE_TITLE_WORDS = 6        # words of a lead that name an item pasted without its headline
SEPARATOR = re.compile(r"^\s*(\*\s*){1,3}$|^\s*[-–—_]{3,}\s*$")


def run(doc: Document) -> None:
    items: list[list[Block]] = []
    for block in doc.blocks:
        if SEPARATOR.match(block.text):
            block.kind = "separator"
        if not items or _pasted_here(doc, block):
            items.append([])
        items[-1].append(block)
    for item in items:
        _structure_item([b for b in item if b.kind == "paragraph"], first_item=item is items[0])


def _pasted_here(doc: Document, block: Block) -> bool:
    if not block.origin:
        return False
    line_start = doc.source.rfind("\n", 0, block.origin[0]) + 1
    return bool(PASTE_STAMP.match(doc.source, line_start))


def _structure_item(blocks: list[Block], first_item: bool) -> None:
    if not blocks:
        return
    first = blocks[0]
    if _is_headline(first) and len(blocks) > 1:
        first.kind, first.level = "heading", 2
        first.attrs["page_title"] = first.text
        first.attrs["section_title"] = first.text
        blocks[1].kind = "lead"
        return
    first.kind = "lead"
    if not first_item:
        first.attrs["page_title"] = _opening_words(first.text)


def _is_headline(block: Block) -> bool:
    text = block.text.strip()
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
    return len(text) <= HEADLINE_MAX and len(sentences) == 1


def _opening_words(text: str) -> str:
    """The first sentence if it is short, else its first words."""
    first = re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0]
    words = first.split()
    if len(words) <= PAGE_TITLE_WORDS + 2:
        return first.rstrip(".")
    return " ".join(words[:PAGE_TITLE_WORDS]).rstrip(",;:–—") + "…"
