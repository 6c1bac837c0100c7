"""Pair the newspaper's continuation notes: "continued on" with the "continued from" that answers it.

A newspaper prints the start of an article on one page with `(Жалғасы 2,3,4,5-беттерде)` and the
rest on a later page under `Басы 1-бетте`. The furniture pass keeps both lines as ``note`` blocks
(``attrs["continuation"]``). Here every "continued on" note (`Жалғасы`) is paired with the next
unpaired "continued from" note (`Басы`, `Соңы`) after it: the first gets ``attrs["continued_at"]``,
the second ``attrs["continued_from"]``, each the other's block id; the writer makes them links.
A note without its partner stays as printed.

>>> from build_edition.core.model import Document
>>> text = "(Жалғасы 2,3-беттерде)\\nМәтін.\\nБасы 1-бетте"
>>> doc = Document("x", "newspaper", "x.txt", text)
>>> doc.blocks = [doc.make_block("note", 0, 22, id="p1", attrs={"continuation": "(Жалғасы 2,3-беттерде)"}),
...               doc.make_block("paragraph", 23, 29, id="p2"),
...               doc.make_block("note", 30, len(text), id="p3", attrs={"continuation": "Басы 1-бетте"})]
>>> run(doc)
>>> doc.blocks[0].attrs["continued_at"], doc.blocks[2].attrs["continued_from"]
('p3', 'p1')
"""
from __future__ import annotations

import re

from build_edition.core.model import Document

CONTINUED_ON = re.compile(r"\bЖалғасы\b", re.IGNORECASE)
CONTINUED_FROM = re.compile(r"\b(?:Басы|Соңы)\b", re.IGNORECASE)


def run(doc: Document) -> None:
    notes = [b for b in doc.blocks if b.kind == "note" and b.attrs.get("continuation")]
    waiting = []
    for note in notes:
        note.attrs.pop("continued_at", None)
        note.attrs.pop("continued_from", None)
        text = note.attrs["continuation"]
        if CONTINUED_ON.search(text):
            waiting.append(note)
        elif CONTINUED_FROM.search(text) and waiting:
            start = waiting.pop(0)
            start.attrs["continued_at"] = note.id
            note.attrs["continued_from"] = start.id
