"""Find the mentions of persons, organisations and places of the index of names (nothing in the text changes).

The curated list (``content/data/entities.yml``, see :mod:`build_edition.enrich.entities`) is matched
in every block with Kazakh endings on the last word of a name. Each block with mentions gets
``attrs["mentions"]``: ``(start, end, entity id)`` in its text. The writer links the first mention
of an entity on a page to the entity's page and lists all mentions there.

>>> from build_edition.core.model import Document
>>> text = "Қасым-Жомарт Тоқаевтың сөзін Сенат қолдады. Тоқаевқа рақмет. Ассамблеясының мүшесі."
>>> doc = Document("x", "article", "x.txt", text)
>>> doc.blocks = [doc.make_block("paragraph", 0, len(text), id="p1")]
>>> run(doc)
>>> [(text[s:e], entity) for s, e, entity in doc.blocks[0].attrs["mentions"]]
[('Қасым-Жомарт Тоқаевтың', 'toqaev'), ('Сенат', 'senate'), ('Тоқаевқа', 'toqaev'), ('Ассамблеясының', 'assembly')]
"""
from __future__ import annotations

from build_edition.store.datafiles import data_file_of
from build_edition.enrich.entities import ENTITIES_FILE, matcher_for_file
from build_edition.core.model import Document


def run(doc: Document) -> None:
    matcher = matcher_for_file(data_file_of(doc, ENTITIES_FILE))
    for block in doc.blocks:
        block.attrs.pop("mentions", None)
        found = matcher.find(block.text)
        if found:
            block.attrs["mentions"] = [(m.start, m.end, m.entity) for m in found]
