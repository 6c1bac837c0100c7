"""Damage clean Kazakh text the way the seeds' PDF extraction damaged them (for the unseen harness).

:mod:`build_edition.tools.unseen` measures the restoration on documents the engine has never seen: clean
text goes through this simulator and then through the pipeline, and the result is compared with the
clean text. The simulator reproduces the damage of two seeds, with every parameter MEASURED on them
(``measure_newspaper`` / ``measure_book`` below recompute the numbers; tests/test_unseen.py checks
that the constants still match the seeds and that the simulator reproduces them on a long text):

**newspaper** (seed 000, a justified narrow-column newspaper)
  * column width: non-blank lines are 24 / 30 / 35 characters long (10th / 50th / 90th percentile);
  * line-end hyphens: 28 % of the non-blank lines end in a letter and ``-`` (a word cut in two);
  * justification spaces inside words: 7.9 % of the words are split (1533 joins of the pipeline in
    19,307 words), longer words more often (``SPLIT_RATE_BY_LENGTH``); 85 % in two fragments, 14 % in
    three, 1 % in four; 94 % of the gaps are one space, 4 % two, 1 % three or four; 98 % of the cuts
    fall before a consonant + vowel (a syllable onset: ``бо ла шаққа``), fragments have 2+ letters;
  * broken glyphs, one font per article: ө is broken 94 % of the time (as ``�`` 65 %, ``!`` 20 %,
    ``$`` 10 %, ``#`` 5 %, ``9``), Ө 63 % (``�  9 J B & 3 ( H > C 6``), Ә 68 % (``/ % � A * =``), ә almost
    never (0.2 %: ``* /``); counted from the pipeline's ``restore_broken_letters`` repairs of 000 against
    the intact letters left in the seed.

**book** (seed 002, a monograph)
  * line width: 44 / 62 / 67 characters (10th / 50th / 90th percentile), a line-end hyphen on 12 %
    of the lines, no split words, no broken glyphs;
  * page furniture between the two halves of a sentence: three blank lines, the page number, a blank
    line, the running head (author's name on even pages, the book title on odd ones), a blank line,
    the chapter title, a blank line. A printed page holds about 36 non-blank lines (page 29 → 40 over
    seed lines 1050-1540). The seed kept the furniture of only 21 of its ~500 pages; the simulator keeps
    it on every page — the case a new book brings, where each running head occurs once or twice.

Every change is kept as a *piece* (damaged text, clean text): joining the damaged sides gives the
damaged document, joining the clean sides gives the clean text back exactly, so the damage is
reversible in principle (the tests check it). Same text, same seed: same bytes.

>>> doc = damage(["ӨНЕР", "Бұл өнер көрмесі."], NEWSPAPER, seed=3)
>>> doc.clean == "ӨНЕР\\n\\nБұл өнер көрмесі."
True
>>> "".join(p.damaged for p in doc.pieces) == doc.text
True
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from build_edition.text import alphabet
from build_edition.text.alphabet import CYRILLIC_KK

VOWELS = set(alphabet.VOWELS) | {vowel.upper() for vowel in alphabet.VOWELS}   # either case
LETTER = re.compile(f"[{CYRILLIC_KK}]")


@dataclass(frozen=True)
class Style:
    """The measured damage of one kind of document."""

    name: str
    # line lengths: a document's line width is drawn from these (max characters of a line)
    widths: tuple[int, ...]
    hyphenate: float                     # chance a word that does not fit is cut at a syllable
    split_rate_by_length: dict[int, float] = field(default_factory=dict)   # letters -> P(word split)
    fragments: tuple[tuple[int, float], ...] = ()       # (number of fragments, share)
    gap_widths: tuple[tuple[int, float], ...] = ()      # (spaces in a gap, share)
    onset_cuts: float = 1.0              # share of splits before a consonant + vowel
    glyphs: dict[str, tuple[float, tuple[tuple[str, float], ...]]] = field(default_factory=dict)
    page_lines: int = 0                  # non-blank text lines per printed page (0: no pages)


# -- measured parameters (see the module docstring; tests/test_unseen.py re-measures them) ---------

# P(a word of n letters is split by justification spaces), 000: split joins / words of that length
SPLIT_RATE_BY_LENGTH = {4: 0.014, 5: 0.063, 6: 0.085, 7: 0.14, 8: 0.127, 9: 0.157, 10: 0.2, 11: 0.232,
                        12: 0.234, 13: 0.315, 14: 0.346}

NEWSPAPER = Style(
    name="newspaper",
    widths=(31, 32, 33, 34, 35, 36),
    hyphenate=0.85,
    split_rate_by_length=SPLIT_RATE_BY_LENGTH,
    fragments=((2, 0.85), (3, 0.14), (4, 0.01)),
    gap_widths=((1, 0.94), (2, 0.045), (3, 0.01), (4, 0.005)),
    onset_cuts=0.98,
    glyphs={
        # letter: (chance it is broken, the article's glyph drawn from these weights)
        "ө": (0.94, (("\ufffd", 571), ("!", 177), ("$", 84), ("#", 47), ("9", 5))),
        "Ө": (0.63, (("\ufffd", 5), ("9", 4), ("J", 3), ("B", 3), ("&", 2), ("3", 2), ("(", 2), ("H", 2),
                     (">", 2), ("C", 1), ("6", 1))),
        "Ә": (0.68, (("/", 26), ("%", 11), ("\ufffd", 6), ("A", 4), ("*", 2), ("=", 1))),
        "ә": (0.002, (("*", 1), ("/", 1))),
    },
)

BOOK = Style(name="book", widths=(65, 66, 67, 68, 69), hyphenate=0.28, page_lines=36)

STYLES = {s.name: s for s in (NEWSPAPER, BOOK)}


@dataclass
class Piece:
    damaged: str
    clean: str
    kind: str = ""          # "" (unchanged), glyph, split, wrap, hyphen, page, paragraph


@dataclass
class Damaged:
    style: str
    pieces: list[Piece]

    @property
    def text(self) -> str:
        return "".join(p.damaged for p in self.pieces)

    @property
    def clean(self) -> str:
        return "".join(p.clean for p in self.pieces)


def syllable_cuts(word: str) -> list[int]:
    """Positions inside ``word`` where a syllable starts before a consonant + vowel, with two letters
    on either side (where Kazakh hyphenates: ``бо-ла-шақ``).

    >>> w = "болашаққа"; [w[:i] + "|" + w[i:] for i in syllable_cuts(w)]
    ['бо|лашаққа', 'бола|шаққа', 'болашақ|қа']
    """
    cuts = []
    for i in range(2, len(word) - 1):
        if (word[i] not in VOWELS and word[i + 1] in VOWELS and LETTER.match(word[i]) and LETTER.match(word[i + 1])
                and any(ch in VOWELS for ch in word[:i]) and len(word) - i >= 2):
            cuts.append(i)
    return cuts


def _weighted(rng: random.Random, options) -> object:
    values = [v for v, _ in options]
    weights = [w for _, w in options]
    return rng.choices(values, weights)[0]


class _Font:
    """The glyphs one article's font prints for ө/Ө/Ә/ә (drawn once per article)."""

    def __init__(self, style: Style, rng: random.Random):
        self.rng = rng
        self.glyphs = {letter: (rate, _weighted(rng, options)) for letter, (rate, options) in style.glyphs.items()}

    def apply(self, char: str) -> str:
        rule = self.glyphs.get(char)
        if rule is None or self.rng.random() >= rule[0]:
            return char
        return rule[1]


def _word_pairs(word: str, style: Style, font: _Font, rng: random.Random) -> list[tuple[str, str]]:
    """A word as (damaged, clean) character pairs: broken glyphs 1:1, justification spaces as (" ", "")."""
    pairs = [(font.apply(ch), ch) for ch in word]
    m = re.search(f"[{CYRILLIC_KK}]+", word)
    if not style.split_rate_by_length or m is None or "-" in word:
        return pairs
    core = m.group()
    n = len(core)
    rate = style.split_rate_by_length.get(min(n, max(style.split_rate_by_length)), 0.0)
    if rng.random() >= rate:
        return pairs
    onsets = syllable_cuts(core)
    anywhere = list(range(2, n - 1))
    count = _weighted(rng, style.fragments) - 1
    cuts: set[int] = set()
    for _ in range(count):
        pool = onsets if onsets and rng.random() < style.onset_cuts else anywhere
        free = [c for c in pool if all(abs(c - o) >= 2 for o in cuts)]
        if free:
            cuts.add(rng.choice(free))
    out = []
    for i, pair in enumerate(pairs):
        if i - m.start() in cuts:
            out.append((" " * _weighted(rng, style.gap_widths), ""))
        out.append(pair)
    return out


def damage(paragraphs: list[str], style: Style, seed: int = 0, title: str = "", author: str = "",
           chapter: str = "") -> Damaged:
    """The paragraphs (the first one a heading, as written) laid out and damaged like ``style``.

    ``title``, ``author`` and ``chapter`` are the running heads of a book's page furniture."""
    rng = random.Random(seed)
    font = _Font(style, rng)
    width = rng.choice(style.widths)
    page = rng.randrange(17, 200)
    pieces: list[Piece] = []
    lines_on_page = 0

    def line_break(damaged_end: str, clean: str, kind: str) -> None:
        nonlocal lines_on_page, page
        lines_on_page += 1
        if style.page_lines and lines_on_page >= style.page_lines:
            head = author if page % 2 == 0 else title
            furniture = f"\n\n\n\n{page}\n\n{head}\n\n{chapter}\n\n"
            pieces.append(Piece(damaged_end + furniture, clean, "page"))
            lines_on_page = 0
            page += 1
        else:
            pieces.append(Piece(damaged_end + "\n", clean, kind))

    for number, paragraph in enumerate(paragraphs):
        if number:
            pieces.append(Piece("\n\n", "\n\n", "paragraph"))
            lines_on_page += 1
        words = paragraph.split(" ")
        used = 0
        for k, word in enumerate(words):
            pairs = _word_pairs(word, style, font, rng)
            damaged_len = sum(len(d) for d, _ in pairs)
            if k and used + 1 + damaged_len > width:
                # the word does not fit: cut it at a syllable (line-end hyphen) or move it down
                cuts = [c for c in syllable_cuts(word) if "-" not in word]
                head_len = None
                if cuts and rng.random() < style.hyphenate:
                    fitting = [c for c in cuts if used + 1 + _damaged_prefix(pairs, c) + 1 <= width]
                    if fitting:
                        head_len = fitting[-1]
                if head_len is not None:
                    at = _pair_index(pairs, head_len)
                    pieces.append(Piece(" ", " "))
                    pieces.extend(_pieces(pairs[:at]))
                    line_break("-", "", "hyphen")
                    pairs = pairs[at:]
                    used = 0
                else:
                    line_break(" ", " ", "wrap")
                    used = 0
                pieces.extend(_pieces(pairs))
                used += sum(len(d) for d, _ in pairs)
                continue
            if k:
                pieces.append(Piece(" ", " "))
                used += 1
            pieces.extend(_pieces(pairs))
            used += damaged_len
    return Damaged(style.name, _merge(pieces))


def _damaged_prefix(pairs: list[tuple[str, str]], clean_len: int) -> int:
    return sum(len(d) for d, _ in pairs[:_pair_index(pairs, clean_len)])


def _pair_index(pairs: list[tuple[str, str]], clean_len: int) -> int:
    """Index of the pair that starts clean character ``clean_len`` (a cut never keeps a split's spaces
    at the end of the line)."""
    seen = 0
    for i, (_, c) in enumerate(pairs):
        if seen == clean_len and c:
            return i
        seen += len(c)
    return len(pairs)


def _pieces(pairs: list[tuple[str, str]]) -> list[Piece]:
    out = []
    for d, c in pairs:
        kind = "" if d == c else ("split" if not c else "glyph")
        out.append(Piece(d, c, kind))
    return out


def _merge(pieces: list[Piece]) -> list[Piece]:
    """Neighbouring unchanged pieces as one (a smaller record; the texts are the same)."""
    out: list[Piece] = []
    for p in pieces:
        if out and not p.kind and not out[-1].kind:
            out[-1] = Piece(out[-1].damaged + p.damaged, out[-1].clean + p.clean)
        else:
            out.append(p)
    return out


# -- measuring the seeds ----------------------------------------------------------------------------

def _percentiles(values: list[int], qs=(0.1, 0.5, 0.9)) -> tuple[int, ...]:
    values = sorted(values)
    return tuple(values[int(q * (len(values) - 1))] for q in qs) if values else tuple(0 for _ in qs)


def line_stats(text: str) -> dict[str, float]:
    """Line lengths (10th/50th/90th percentile), the share of lines ending in a letter + hyphen, and
    the share of lines with a gap of 2+ spaces between two letters, over the non-blank lines."""
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    p10, p50, p90 = _percentiles([len(line) for line in lines])
    hyphen = sum(1 for line in lines if re.search(LETTER.pattern + r"-$", line))
    return {"p10": p10, "p50": p50, "p90": p90, "hyphen": hyphen / max(1, len(lines)), "lines": len(lines)}


def glyph_rate(text: str, letter: str, glyphs: str) -> float:
    """Share of ``letter`` broken, given the count of the glyphs that stand for it (a measure on the
    damaged text alone is not possible: a glyph does not say which letter it broke)."""
    intact = text.count(letter)
    broken = sum(text.count(g) for g in glyphs)
    return broken / max(1, broken + intact)


def split_gaps(damaged: Damaged) -> int:
    """Justification gaps inside words of a simulated document."""
    return sum(1 for p in damaged.pieces if p.kind == "split")


def gap_histogram(damaged: Damaged) -> dict[int, int]:
    hist: dict[int, int] = {}
    for p in damaged.pieces:
        if p.kind == "split":
            hist[len(p.damaged)] = hist.get(len(p.damaged), 0) + 1
    return hist


__all__ = ["Style", "NEWSPAPER", "BOOK", "STYLES", "Damaged", "Piece", "damage", "syllable_cuts", "line_stats",
           "glyph_rate", "split_gaps", "gap_histogram"]
