"""The pass chain: each pass does one repair or one enrichment of a Document and logs its changes.

A pass is a module with a docstring (what it does, with examples from the seeds) and a function
``run(doc: Document) -> None``. Passes run in the order of ``PIPELINE``; a pass relies only on the
document model, never on another pass's internals. The folders group the passes by stage; the table
below is the one place that says which passes run and in which order.
"""
from __future__ import annotations

import time
from types import ModuleType

from build_edition.core.model import Document
from build_edition.read import seed_reader
from build_edition.passes.chars import normalize_characters, repair_mojibake
from build_edition.passes.enrichment import (collect_abbreviations, link_continuations, link_entities,
                                             mark_foreign_passages, note_uncertain_readings)
from build_edition.passes.lines import assemble_paragraphs, remove_furniture, undouble_overprinted_lines, unwrap_lines
from build_edition.passes.structure import (assign_ids, detect_lists, detect_quotations, detect_structure,
                                            structure_article, structure_book, structure_interview,
                                            structure_newspaper, structure_webpage)
from build_edition.passes.words import (fix_lookalike_letters, fix_punctuation_spacing, join_hyphenated_words,
                                        join_letter_spaced_words, join_split_words, restore_broken_letters)

# Order matters: characters first, then furniture and paragraphs (line-level), then repairs that need
# whole words (de-hyphenation before glyph repair: `к�-` + `пір`), then structure, then ids.
PIPELINE: list[ModuleType] = [
    repair_mojibake,         # first: in mojibake a no-break space or a soft hyphen is half a letter
    normalize_characters,
    remove_furniture,
    undouble_overprinted_lines,
    assemble_paragraphs,
    join_hyphenated_words,
    join_letter_spaced_words,
    join_split_words,
    restore_broken_letters,
    fix_lookalike_letters,
    fix_punctuation_spacing,
    unwrap_lines,
    structure_article,
    structure_webpage,
    structure_interview,
    structure_book,
    structure_newspaper,
    detect_structure,
    detect_lists,
    detect_quotations,
    assign_ids,
    # enrichment (needs the ids): glossary definitions, index of names, continuation links, notes
    collect_abbreviations,
    link_entities,
    link_continuations,
    note_uncertain_readings,
    mark_foreign_passages,
]

PASS_NAMES = [module.__name__.rsplit(".", 1)[-1] for module in PIPELINE]

# The structure pass of each kind of document (catalogue ``kind``): it runs in its place in the chain
# for documents of that kind only.
STRUCTURE_BY_KIND: dict[str, ModuleType] = {
    "article": structure_article,
    "web page": structure_webpage,
    "interview": structure_interview,
    "book": structure_book,
    "newspaper": structure_newspaper,
}

# What readers are told each logged change is, from the passes that make them (``RULE``/``LABEL``,
# ``REMOVAL_LABELS`` by the part after ``<rule>:``, ``LABELS`` of the uncertain readings noted).
EMENDATION_LABELS: dict[str, str] = {module.RULE: module.LABEL for module in PIPELINE if hasattr(module, "LABEL")}
REMOVAL_LABELS: dict[str, str] = {**seed_reader.REMOVAL_LABELS, **remove_furniture.REMOVAL_LABELS,
                                  **assemble_paragraphs.REMOVAL_LABELS, **structure_newspaper.REMOVAL_LABELS}
UNCERTAIN_LABELS: dict[str, str] = note_uncertain_readings.LABELS


def passes_for(doc: Document) -> list[ModuleType]:
    """The chain as it runs on ``doc``: every pass, with the structure pass of its kind only."""
    own = STRUCTURE_BY_KIND.get(doc.kind)
    return [module for module in PIPELINE if module is own or module not in _KIND_PASSES]


_KIND_PASSES = frozenset(STRUCTURE_BY_KIND.values())


def run_pipeline(doc: Document, timings: dict[str, float] | None = None) -> Document:
    for module in passes_for(doc):
        started = time.perf_counter()
        module.run(doc)
        if timings is not None:
            name = module.__name__.rsplit(".", 1)[-1]
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - started
    return doc
