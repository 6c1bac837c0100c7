"""Join words split by a hyphen at the end of a line (naive version: lowercase continuation).

>>> from build_edition.model import Document
>>> doc = Document("x", "book", "x.txt", "шын мә-\\nнін де")
>>> doc.blocks = [doc.make_block("paragraph", 0, len(doc.source))]
>>> run(doc); doc.blocks[0].text
'шын мәнін де'
"""
from __future__ import annotations

import re

from ..model import Document

SPLIT = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[a-zа-яёәғқңөұүһі])")


def run(doc: Document) -> None:
    for block in doc.blocks:
        doc.substitute(block, SPLIT, "", "join_hyphenated_words")
