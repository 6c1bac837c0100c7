"""Structure of a book (not implemented yet: the blocks pass through unchanged)."""
from __future__ import annotations

from ..model import Document

KIND = "book"


def run(doc: Document) -> None:
    if doc.kind != KIND:
        return
