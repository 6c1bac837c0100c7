"""The keys stages pass to each other on a block (``Block.attrs``) and on a document (``Document.meta``).

Passes communicate only through the document model. These two typed dictionaries are the list of
what may be found there: each key with its type, the stage that writes it and the stages that read
it. ``tests/test_attrs.py`` checks that the code uses no key missing here (and that every key here is
used), so the list cannot drift from the code.
"""
from __future__ import annotations

from typing import Any, TypedDict


class BlockAttrs(TypedDict, total=False):
    """``Block.attrs``: what a block knows besides its kind, text and origins."""

    # -- reading and line-level passes --
    blank_before: bool          # read.seed_reader: a blank line stood before this source line; remove_furniture reads it
    page_break_before: bool     # normalize_characters: a form feed stood before the line; remove_furniture reads it
    page_opener: bool           # remove_furniture: the line opens a printed page (a title, never removed);
                                # assemble_paragraphs and structure_book read it
    starts_paragraph: bool      # assemble_paragraphs: a paragraph starts at this line (layout or a catalogue override)
    moved: bool                 # assemble_paragraphs: the line was moved out of source order by a catalogue override
    shape: str                  # assemble_paragraphs: the shape of a paragraph's first line (byline...); structure_newspaper
    continuation: str           # remove_furniture: a "continued on page N" note; link_continuations reads it

    # -- structure --
    page_title: str             # structure passes: a new page of the edition starts here, with this title; writer
    section_title: str          # structure passes: a section of a long page starts here (pages split there); writer
    chapter: bool               # structure_book: the block is a chapter title (after its `I-тарау` label)
    classes: list[str]          # detect_structure, structure_newspaper: CSS classes the writer puts on the block
    role: str                   # structure_article, detect_structure, catalogue overrides: the block's role; writer
    turn: int                   # structure_interview: number of the turn (from 1) a question/answer opens; writer
    marker: str                 # detect_lists: the printed list marker ("1)", "а)", "–") kept in the text
    abbreviation_list: bool     # structure_book: an entry of the printed list of abbreviations; glossary reads it
    pull_quote: bool            # structure_newspaper, detect_structure: a quotation repeated as a pull quote
    reading_line: int           # structure_newspaper: the seed line where a reader meets a relocated headline; evaluate
    in_article: bool            # structure_newspaper: the block belongs to an article of the catalogue's list
    article_start: bool         # structure_newspaper: the block opens an article

    # -- enrichment (after ids) --
    mentions: list[Any]         # link_entities: index-of-names mentions (enrich.entities.Mention); write.enrichment
    continued_from: str         # link_continuations: id of the block this one continues; write.enrichment
    continued_at: str           # link_continuations: id of the block that continues this one; write.enrichment
    uncertain: list[Any]        # note_uncertain_readings: residue kept as it is, noted for readers; write.enrichment
    language_spans: list[Any]   # mark_foreign_passages: (start, end, lang) of passages in another language; writer
    inline_marks: list[Any]     # write.enrichment: links and note references placed inside the text


class DocumentMeta(TypedDict, total=False):
    """``Document.meta``: what a document carries besides its blocks and logs."""

    entry: Any                  # read.seed_reader: its catalogue entry (read.catalog.CatalogueEntry); every stage
    encoding: str               # read.seed_reader: the encoding the seed was decoded from; build report, cache
    line_ends: str              # read.seed_reader: the seed's line ends (LF, CRLF); build report, cache
    data_files: dict[str, Any]  # store.datafiles: the editors' data files (name -> path) the passes read
    segment_registry: Any       # store.segment_ids: the registry of issued ids; assign_ids reads and extends it
    lexicon: Any                # build.pipeline: the shared word evidence (evidence.lexicon.Lexicon); word passes
    word_model: Any             # evidence.word_model: the word model the join passes share, built once per document
    conservation: Any           # build.pipeline: the account of every seed character (core.conservation)
    abbreviation_definitions: list[Any]   # collect_abbreviations: definitions printed in the document; glossary
    enrichment: Any             # write.writer: the enrichment decided for the whole edition (write.enrichment)
    print_pages: dict[str, Any]  # write.writer: block id -> the print page it opens (write.milestones); page rendering
