"""The pass chain: each pass does one repair or one enrichment of a Document and logs its changes.

A pass is a module with a docstring (what it does, with examples from the seeds) and a function
``run(doc: Document) -> None``. Passes run in the order of ``PIPELINE``; a pass relies only on the
document model, never on another pass's internals.
"""
from __future__ import annotations

import importlib
import time
from types import ModuleType

from ..model import Document

# Order matters: characters first, then furniture and paragraphs (line-level), then repairs that need
# whole words (de-hyphenation before glyph repair: `к�-` + `пір`), then structure, then ids.
PASS_NAMES = [
    "repair_mojibake",         # first: in mojibake a no-break space or a soft hyphen is half a letter
    "normalize_characters",
    "remove_furniture",
    "undouble_overprinted_lines",
    "assemble_paragraphs",
    "join_hyphenated_words",
    "join_letter_spaced_words",
    "join_split_words",
    "restore_broken_letters",
    "fix_lookalike_letters",
    "fix_punctuation_spacing",
    "unwrap_lines",
    "structure_article",
    "structure_webpage",
    "structure_interview",
    "structure_book",
    "structure_newspaper",
    "detect_structure",
    "detect_lists",
    "detect_quotations",
    "assign_ids",
    # enrichment (needs the ids): glossary definitions, index of names, continuation links, notes
    "collect_abbreviations",
    "link_entities",
    "link_continuations",
    "note_uncertain_readings",
    "mark_foreign_passages",
]

PIPELINE: list[ModuleType] = [importlib.import_module(f"{__name__}.{name}") for name in PASS_NAMES]


def run_pipeline(doc: Document, timings: dict[str, float] | None = None) -> Document:
    for module in PIPELINE:
        started = time.perf_counter()
        module.run(doc)
        if timings is not None:
            name = module.__name__.rsplit(".", 1)[-1]
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - started
    return doc
