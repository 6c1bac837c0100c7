"""The document model: a seed becomes a list of blocks; passes edit blocks and log every change.

Each block keeps, for every character of its text, the offset of the seed character it came
from (``origin``). Edits go through :meth:`Document.edit`, which keeps ``origin`` aligned and
records an :class:`Emendation`, so every automatic change can be shown to readers and undone,
and every seed character can be accounted for (in the text, in an emendation or in a removal).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from collections.abc import Callable, Iterable

from build_edition.core.attrs import BlockAttrs, DocumentMeta

# Block kinds the writer knows how to render.
KINDS = {
    "line",        # a raw source line, before paragraph assembly
    "paragraph",
    "heading",     # level 1..4 in `level`
    "list_item",   # `attrs["marker"]` holds the original marker ("1)", "а)", "–")
    "quote",       # block quotation
    "byline",      # author name and position
    "lead",        # teaser / sub-headline / standfirst
    "caption",     # photo caption
    "question",    # interviewer's turn
    "answer",      # interviewee's turn
    "keywords",    # keyword line of an abstract
    "signature",   # signature / date under a foreword
    "separator",   # a thematic break in the source (lone "*")
    "note",        # editorial or continuation note ("Жалғасы 2-бетте")
}


@dataclass
class Emendation:
    """One automatic change to the seed text: what stood there, what the edition prints, and why."""

    rule: str
    before: str
    after: str
    line: int
    column: int
    offset: int            # offset in the decoded seed text
    block_id: str = ""     # filled in once ids are assigned
    origins: list[int] = field(default_factory=list, repr=False)   # seed offset of each char of `before`

    def as_dict(self) -> dict:
        return {"rule": self.rule, "before": self.before, "after": self.after,
                "line": self.line, "column": self.column, "block": self.block_id}


@dataclass
class Removal:
    """Seed text that is not part of the edition's reading text (page furniture, chat stamps...)."""

    rule: str
    text: str
    line: int
    end_line: int
    origins: list[int] = field(default_factory=list, repr=False)   # seed offset of each char of `text`

    def as_dict(self) -> dict:
        return {"rule": self.rule, "text": self.text, "line": self.line, "end_line": self.end_line}


@dataclass
class Block:
    kind: str
    text: str
    origin: list[int]
    level: int = 0
    lang: str = "kk"
    id: str = ""
    attrs: BlockAttrs = field(default_factory=dict)    # keys: core.attrs.BlockAttrs

    def __post_init__(self) -> None:
        if len(self.origin) != len(self.text):
            raise ValueError("origin must have one entry per character")


@dataclass
class Document:
    """A seed being turned into an edition document."""

    slug: str
    kind: str              # newspaper / interview / book / article / web page
    seed_name: str         # file name of the seed, for messages and logs
    source: str            # the decoded seed text, with "\n" line ends
    blocks: list[Block] = field(default_factory=list)
    emendations: list[Emendation] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    meta: DocumentMeta = field(default_factory=dict)   # keys: core.attrs.DocumentMeta

    def __post_init__(self) -> None:
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.source)]

    # -- positions -------------------------------------------------------------------------
    def line_of(self, offset: int) -> int:
        """1-based seed line of a source offset."""
        return bisect.bisect_right(self._line_starts, offset)

    def column_of(self, offset: int) -> int:
        return offset - self._line_starts[self.line_of(offset) - 1] + 1

    def line_span(self, block: Block) -> tuple[int, int]:
        if not block.origin:
            return (0, 0)
        return (self.line_of(min(block.origin)), self.line_of(max(block.origin)))

    # -- editing ---------------------------------------------------------------------------
    def edit(self, block: Block, start: int, end: int, new: str, rule: str) -> None:
        """Replace ``block.text[start:end]`` by ``new`` and log it as an emendation of ``rule``."""
        old = block.text[start:end]
        if old == new:
            return
        anchor = block.origin[start] if start < len(block.origin) else (block.origin[-1] if block.origin else 0)
        self.emendations.append(Emendation(rule, old, new, self.line_of(anchor), self.column_of(anchor), anchor,
                                           block.id, block.origin[start:end]))
        block.text = block.text[:start] + new + block.text[end:]
        block.origin = block.origin[:start] + [anchor] * len(new) + block.origin[end:]

    def substitute(self, block: Block, pattern: re.Pattern | str, repl: Callable[[re.Match], str] | str,
                   rule: str) -> int:
        """Apply a regex substitution to a block, logging each change. Returns the number of changes."""
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        changes = []
        for m in rx.finditer(block.text):
            new = repl(m) if callable(repl) else m.expand(repl)
            if new != m.group(0):
                changes.append((m.start(), m.end(), new))
        for start, end, new in reversed(changes):
            self.edit(block, start, end, new, rule)
        return len(changes)

    def relayout(self, block: Block, start: int, end: int, new: str) -> None:
        """Change layout whitespace only (line ends to spaces): not an emendation, the words are untouched."""
        old = block.text[start:end]
        if old.strip() or new.strip():
            raise ValueError("relayout may only change whitespace")
        anchor = block.origin[start] if start < len(block.origin) else block.origin[-1]
        block.text = block.text[:start] + new + block.text[end:]
        block.origin = block.origin[:start] + [anchor] * len(new) + block.origin[end:]

    def relayout_spans(self, block: Block, spans: Iterable[tuple[int, int, str]]) -> None:
        """Several :meth:`relayout` changes, given in text order and not overlapping, made in one pass
        over the block (one relayout at a time copies the whole block for every change).

        >>> doc = Document("x", "book", "x.txt", "бір  екі\\nүш")
        >>> block = doc.make_block("paragraph", 0, len(doc.source))
        >>> doc.relayout_spans(block, [(3, 5, " "), (8, 9, " ")])
        >>> block.text, block.origin
        ('бір екі үш', [0, 1, 2, 3, 5, 6, 7, 8, 9, 10])
        """
        text, origin = block.text, block.origin
        parts: list[str] = []
        origins: list[int] = []
        done = 0
        for start, end, new in spans:
            if start < done or end < start:
                raise ValueError("relayout spans must be in text order and must not overlap")
            if text[start:end].strip() or new.strip():
                raise ValueError("relayout may only change whitespace")
            anchor = origin[start] if start < len(origin) else origin[-1]
            parts += (text[done:start], new)
            origins += origin[done:start]
            origins += [anchor] * len(new)
            done = end
        if not parts:
            return
        parts.append(text[done:])
        origins += origin[done:]
        block.text, block.origin = "".join(parts), origins

    def remove(self, block: Block, rule: str) -> None:
        """Take a whole block out of the reading text, logging it as a removal."""
        first, last = self.line_span(block)
        self.removals.append(Removal(rule, block.text, first, last, list(block.origin)))
        # by identity: list.remove compares dataclasses field by field (slow, and equal blocks may differ)
        index = next(i for i, b in enumerate(self.blocks) if b is block)
        del self.blocks[index]

    def remove_span(self, block: Block, start: int, end: int, rule: str) -> None:
        """Cut furniture out of the middle of a block (e.g. a running head between two halves of a sentence)."""
        text = block.text[start:end]
        if not text:
            return
        self.removals.append(Removal(rule, text, self.line_of(block.origin[start]), self.line_of(block.origin[end - 1]),
                                     block.origin[start:end]))
        block.text = block.text[:start] + block.text[end:]
        block.origin = block.origin[:start] + block.origin[end:]

    # -- building blocks -------------------------------------------------------------------
    def make_block(self, kind: str, start: int, end: int, **kw) -> Block:
        """A block holding the seed text ``source[start:end]`` unchanged."""
        return Block(kind, self.source[start:end], list(range(start, end)), **kw)

    @staticmethod
    def concatenate_blocks(blocks: Iterable[Block], kind: str, joiner_origin: int | None = None, **kw) -> Block:
        """Concatenate blocks with "\\n" between them (the line break stays a layout character)."""
        blocks = list(blocks)
        text_parts, origin = [], []
        for i, b in enumerate(blocks):
            if i:
                text_parts.append("\n")
                origin.append(b.origin[0] - 1 if b.origin else 0)
            text_parts.append(b.text)
            origin.extend(b.origin)
        merged = Block(kind, "".join(text_parts), origin, **kw)
        if blocks and not kw.get("lang"):
            merged.lang = blocks[0].lang
        return merged
