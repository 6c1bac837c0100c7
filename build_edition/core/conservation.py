"""No lost text: every non-whitespace character of every seed is accounted for after the passes.

A seed character (at source offset ``o``) is accounted for when it is

* **in the text**: some block still holds that very character with ``origin == o``;
* **emended**: it is in the ``before`` of a logged emendation (``Emendation.origins``), so the apparatus
  shows what stood there — this also covers chains, where a later rule edits what an earlier one
  inserted, because the seed character left the text through the first emendation that touched it;
* **removed**: it is in the text of a logged removal (``Removal.origins``).

"That very character" matters: a pass that overwrote ``block.text`` without :meth:`Document.edit` would
keep the origins but change the letters, and that is caught too. Whitespace is layout and not counted.

>>> from build_edition.core.model import Document
>>> doc = Document("x", "article", "x.txt", "Бі-\\nрінші бет 12")
>>> doc.blocks = [doc.make_block("paragraph", 0, len(doc.source))]
>>> block = doc.blocks[0]
>>> doc.edit(block, 2, 4, "", "join_hyphenated_words")
>>> doc.remove_span(block, block.text.index(" бет"), len(block.text), "page_number")
>>> report = account(doc)
>>> report.characters, report.in_text, report.emended, report.removed, report.unaccounted
(13, 7, 1, 5, 0)
>>> block.text = block.text.replace("і", "i")          # a silent change: Cyrillic і → Latin i
>>> account(doc).unaccounted_at[:2]
[(1, 2), (2, 2)]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from build_edition.core.errors import EditionError
from build_edition.core.model import Document

# Every character str.isspace() accepts; layout, never counted.
_WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + \
              "\u2028\u2029\u202f\u205f\u3000"
_SHOWN_POSITIONS = 10
_IN_TEXT, _EMENDED, _REMOVED = 1, 2, 3
_UNMARKED = re.compile(rb"\x00+")


@dataclass
class Conservation:
    """The account of one seed: how many of its non-whitespace characters went where."""

    slug: str
    seed: str
    characters: int = 0
    in_text: int = 0
    emended: int = 0
    removed: int = 0
    unaccounted: int = 0
    unaccounted_at: list[tuple[int, int]] = field(default_factory=list)   # first (line, column) pairs
    shape: tuple = field(default=(), repr=False, compare=False)             # _shape() of the document accounted

    @property
    def share(self) -> float:
        """Accounted share of the seed's characters (1.0 = nothing lost)."""
        return 1.0 if not self.characters else (self.characters - self.unaccounted) / self.characters

    def summary(self) -> str:
        return (f"{self.share:.2%} of {self.characters} characters accounted for "
                f"({self.in_text} in the text, {self.emended} emended, {self.removed} removed)")


def account(doc: Document) -> Conservation:
    """Account for every non-whitespace character of ``doc.source``; see the module docstring."""
    source = doc.source
    state = bytearray(len(source))
    for block in doc.blocks:
        _mark_text(block.text, block.origin, source, state)
    emended = sum(_mark_logged(e.before, e.origins, source, state, _EMENDED) for e in doc.emendations)
    removed = sum(_mark_logged(r.text, r.origins, source, state, _REMOVED) for r in doc.removals)
    whitespace = sum(source.count(char) for char in _WHITESPACE)
    report = Conservation(doc.slug, doc.seed_name, characters=len(source) - whitespace,
                          emended=emended, removed=removed, shape=_shape(doc))
    for run in _UNMARKED.finditer(state):          # runs of unmarked offsets: mostly line ends
        if source[run.start():run.end()].isspace():
            continue
        for offset in range(run.start(), run.end()):
            if not source[offset].isspace():
                report.unaccounted += 1
                if len(report.unaccounted_at) < _SHOWN_POSITIONS:
                    report.unaccounted_at.append((doc.line_of(offset), doc.column_of(offset)))
    report.in_text = report.characters - report.unaccounted - emended - removed
    return report


def _shape(doc: Document) -> tuple:
    """A cheap summary of a document's text and logs, to tell whether an account is still its own."""
    return (doc.slug, len(doc.source), len(doc.blocks), len(doc.emendations), len(doc.removals),
            sum(len(b.text) for b in doc.blocks))


def check_conservation(docs: list[Document]) -> list[Conservation]:
    """Account for every seed of the build (the report goes to ``doc.meta["conservation"]``); raise
    EditionError naming the first unaccounted positions if any seed character was lost.

    An account already in ``doc.meta["conservation"]`` is reused while the document still has the
    shape it was made of: a build's workers account for each document right after its passes, and a
    document taken from the cache carries its account along (the cache key includes the code version)."""
    reports = []
    for doc in docs:
        report = doc.meta.get("conservation")
        if not isinstance(report, Conservation) or report.shape != _shape(doc):
            doc.meta["conservation"] = report = account(doc)
        reports.append(report)
    lost = [r for r in reports if r.unaccounted]
    if lost:
        first = lost[0]
        where = ", ".join(f"{first.seed}:{line}:{column}" for line, column in first.unaccounted_at)
        counts = "; ".join(f"{r.slug}: {r.unaccounted} of {r.characters}" for r in lost)
        raise EditionError(f"seed text lost without a logged emendation or removal ({counts}); first at {where}",
                           file=first.seed, line=first.unaccounted_at[0][0],
                           hint="a pass changed or dropped text without Document.edit/remove/remove_span — a bug "
                                "in the pass that last touched these positions, not in the seed")
    return reports


def _mark_text(text: str, origin: list[int], source: str, state: bytearray) -> None:
    """Mark the offsets whose seed character the block still holds. Stretches that are a verbatim copy of
    a seed slice (up to relaid line ends) are marked in one step; the rest is halved until it is, or short."""
    pending = [(0, len(origin))] if origin else []
    while pending:
        i, j = pending.pop()
        first, size = origin[i], j - i
        if origin[j - 1] - first == size - 1 and origin[i:j] == list(range(first, first + size)) \
                and _same_layout_aside(text[i:j], source[first:first + size]):
            state[first:first + size] = b"\x01" * size
        elif size <= 16:
            for k in range(i, j):
                if text[k] == source[origin[k]]:
                    state[origin[k]] = _IN_TEXT
        else:
            middle = (i + j) // 2
            pending += [(i, middle), (middle, j)]


def _same_layout_aside(text: str, seed: str) -> bool:
    return text == seed or text.replace("\n", " ") == seed.replace("\n", " ")


def _mark_logged(text: str, origins: list[int], source: str, state: bytearray, mark: int) -> int:
    """Mark the seed characters that stand in a logged ``before``/removal text; return how many were new."""
    count = 0
    for char, offset in zip(text, origins):
        if not state[offset] and source[offset] == char and not char.isspace():
            state[offset] = mark
            count += 1
    return count

