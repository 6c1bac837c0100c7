"""Structure of a newspaper (not implemented yet: the blocks pass through unchanged)."""
from __future__ import annotations

from ..model import Document

KIND = "newspaper"


def run(doc: Document) -> None:
    if doc.kind != KIND:
        return
