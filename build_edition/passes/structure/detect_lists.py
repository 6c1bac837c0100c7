"""Mark list items: paragraphs that start with a list marker and belong to a list.

Markers are numbers (`1)`, `13)`, `1.`, `10.`) and Kazakh letters (`а)`, `ә)`, `б)`). They stay in
the text (the printed numbering is part of the text); ``attrs["marker"]`` records the marker. A
numbered paragraph is an item when it belongs to a run: the next or previous paragraph carries the
neighbouring number, or the paragraph before ends with a colon (`…айқындап берді:`); a lone
numbered paragraph in prose stays a paragraph. Lettered markers always make items. Headings
(numbered section titles found by the structure passes) are never touched.

>>> from build_edition.core.model import Document
>>> from build_edition.text.line_shapes import paragraphs_of
>>> doc = Document("x", "article", "x.txt", "қағидаларын айқындап берді:\\n\\n1) этностық ерекшеліктерін;\\n\\n"
...                "2) тілдерін дамытуға.\\n\\n5. Мемлекеттің рөлі зор.\\n\\nа) қауымдастығын,")
>>> doc.blocks = paragraphs_of(doc); run(doc)
>>> [(b.kind, b.attrs.get("marker")) for b in doc.blocks]
[('paragraph', None), ('list_item', '1)'), ('list_item', '2)'), ('paragraph', None), ('list_item', 'а)')]
"""
from __future__ import annotations

import re

from build_edition.text import line_shapes
from build_edition.core.model import Block, Document

NUMBER = re.compile(r"(\d{1,2})[.)]$")


def run(doc: Document) -> None:
    paragraphs = [b for b in doc.blocks if b.kind == "paragraph"]
    markers = {id(b): line_shapes.list_marker(b.text) for b in paragraphs}
    for i, block in enumerate(doc.blocks):
        marker = markers.get(id(block), "")
        if not marker or "." in marker[:-1]:      # `2.1.` numbers sections, not items
            continue
        if _lettered(marker) or _in_run(doc.blocks, i, marker, markers):
            block.kind = "list_item"
            block.attrs["marker"] = marker


def _lettered(marker: str) -> bool:
    return marker[0].isalpha()


def _in_run(blocks: list[Block], i: int, marker: str, markers: dict[int, str]) -> bool:
    number, style = int(NUMBER.match(marker).group(1)), marker[-1]
    for j, expected in ((i - 1, number - 1), (i + 1, number + 1)):
        if 0 <= j < len(blocks):
            other = markers.get(id(blocks[j]), "") or blocks[j].attrs.get("marker", "")
            m = NUMBER.match(other)
            if m and other[-1] == style and int(m.group(1)) == expected:
                return True
    previous = blocks[i - 1] if i else None
    return number == 1 and previous is not None and previous.text.rstrip().endswith(":")
