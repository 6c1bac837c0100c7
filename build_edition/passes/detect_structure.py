"""detect structure (not implemented yet: the text passes through unchanged)."""
from __future__ import annotations

from ..model import Document


def run(doc: Document) -> None:
    return None
