"""Residue report: extraction artifacts still left in the reader-visible text, per document.

``build-edition residue`` prints a table (one row per document, one column per class) and then
every suspicious token as ``seed:line`` so an editor can open the source at that place. The
edition linter reuses :func:`find_residue`.

Classes (each token is reported once, under the first class that applies):

``replacement``   ``�`` — a letter the extraction could not decode (000: ө/ә);
``glyph``         a symbol standing inside or at the start of a Cyrillic word (``к!рсетуге``,
                  ``&зіңнен``, ``К*СІБИ``) — not real punctuation (``Міне!``, ``(мысалы``,
                  ``64,8%-ға``, ``және/немесе``);
``digit``         a digit glued to Cyrillic letters (``9йткені``, ``3ЗГЕРІСКЕ``); ``40-тан`` has
                  its hyphen and is fine;
``soft_hyphen``   ``¬`` or U+00AD left inside a word;
``mojibake``      Latin-1 letters standing for cp1251 Cyrillic (``ãîñóäàðñòâåííîå``), or UTF-8 read as
                  windows-1252 or windows-1251 (``ÒšÐ°Ð·Ð°Ò›``, ``ТљР°Р·Р°Т›``);
``mixed_script``  Latin look-alike letters inside a Cyrillic word or the reverse (``Kазаk``,
                  ``мемлекетi``, ``toleraпtia``); a Latin word with a Kazakh suffix after a hyphen
                  (``Talks-қа``) is fine;
``split``         two neighbouring fragments that are not words but make one together
                  (``бо ла``, ``жо басы``), judged with the corpus lexicon and the dictionary.

>>> from build_edition.core.model import Document
>>> from build_edition.evidence.lexicon import Lexicon
>>> doc = Document("x", "newspaper", "x.txt", "Ол к!рсетуге 9йткені «Kазаk» (мысалы 64,8%-ға) Міне! Talks-қа 40-тан")
>>> doc.blocks = [doc.make_block("paragraph", 0, len(doc.source))]
>>> doc.meta["lexicon"] = Lexicon.from_texts(["мысалы көрсетуге"])
>>> [(r.kind, r.token, r.line) for r in find_residue(doc)]
[('glyph', 'к!рсетуге', 1), ('digit', '9йткені', 1), ('mixed_script', 'Kазаk', 1)]
>>> doc = Document("x", "article", "x.txt", "РљРңРҢСЃ «ÒšÐ°Ð·Ð°Ò›» ТІЛІ")
>>> doc.blocks = [doc.make_block("paragraph", 0, len(doc.source))]
>>> [(r.kind, r.token) for r in find_residue(doc, Lexicon.from_texts([""]))]
[('mojibake', 'РљРңРҢСЃ'), ('mojibake', 'ÒšÐ°Ð·Ð°Ò›')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Iterable

from build_edition.evidence.lexicon import Lexicon, lexicon_for
from build_edition.core.model import Document
from build_edition.text import alphabet
from build_edition.text.mojibake import find_mojibake

KINDS = ("replacement", "glyph", "digit", "soft_hyphen", "mojibake", "mixed_script", "split")
KIND_HEADERS = {"replacement": "�", "glyph": "glyph", "digit": "digit", "soft_hyphen": "¬",
                "mojibake": "mojibake", "mixed_script": "latin", "split": "split"}

CYR = alphabet.CYRILLIC_KK
CYRILLIC = re.compile(f"[{CYR}]")
LATIN = re.compile(f"[{alphabet.LATIN}]")
LATIN1_LETTER = re.compile(f"[{alphabet.LATIN1_LETTERS}]")
# Symbols the newspaper's fonts put where ө/Ө/ә/Ә should be.
GLYPH_SYMBOLS = alphabet.RESIDUE_GLYPH_SYMBOLS
OPENING = "«\"'“„‘([{<"
CLOSING = "»\"'”’)]}>.,;:!?…"
CYRILLIC_WORD = re.compile(f"[{CYR}]+$")
SPLIT_MIN_FREQ = 2   # a fragment seen this often in the corpus counts as a word
FREQUENT_WORD = 20   # ...and this often, it is a word of its own (мен, де, бен)


@dataclass(frozen=True)
class ResidueItem:
    kind: str          # one of KINDS
    token: str
    seed: str          # seed file name
    line: int          # seed line of the token
    block_id: str = ""

    @property
    def where(self) -> str:
        return f"{self.seed}:{self.line}"

    def as_dict(self) -> dict:
        return {"kind": self.kind, "token": self.token, "seed": self.seed, "line": self.line,
                "block": self.block_id}


def _is_word(lexicon: Lexicon, word: str) -> bool:
    return lexicon.freq(word) >= SPLIT_MIN_FREQ or lexicon.in_dictionary(word.lower())


def _strip(token: str) -> tuple[int, str]:
    """The token without surrounding quotes, brackets and closing punctuation; (offset, core).

    A "(" directly before a lower-case Cyrillic letter is kept: it may be a broken Ө.
    """
    start, end = 0, len(token)
    while start < end and token[start] in OPENING:
        if token[start] == "(" and start + 1 < end and token[start + 1].islower() and CYRILLIC.match(token[start + 1]):
            break
        start += 1
    while end > start and token[end - 1] in CLOSING:
        end -= 1
    return start, token[start:end]


def _glyph_kind(core: str, lexicon: Lexicon) -> bool:
    """Whether a symbol in the word stands for a lost letter rather than for itself.

    A lost ө/Ө/ә/Ә is followed by the rest of its word, so only a symbol with a Cyrillic letter
    right after it counts (``қайтару!»`` is an exclamation, ``есірткі/`` a slash).
    """
    for i, ch in enumerate(core):
        if ch not in GLYPH_SYMBOLS:
            continue
        before = core[i - 1] if i else ""
        after = core[i + 1] if i + 1 < len(core) else ""
        if not CYRILLIC.match(after or " "):
            continue
        if ch == "/":
            if not before and after.isupper():
                continue                     # /ШЫҰ: a slash before an abbreviation
            if before:
                left, right = core[:i].split("/")[-1], core[i + 1:].split("/")[0].split("-")[0]
                if _is_abbreviation(left) and _is_abbreviation(right):
                    continue                 # ЕҚЫҰ/ДИАҚБ-ның
                if _is_word(lexicon, left) and _is_word(lexicon, right):
                    continue                 # және/немесе
        if ch == "(" and i == 0:
            rest = core[1:]
            if _is_word(lexicon, rest) or not any(
                    _is_word(lexicon, letter + rest) for letter in ("ө", "ә")):
                continue                     # (мысалы
        return True
    return False


def _is_abbreviation(word: str) -> bool:
    return 1 <= len(word) <= 8 and word.isupper()


def _token_kind(core: str, lexicon: Lexicon) -> str | None:
    if "\ufffd" in core:
        return "replacement"
    if "¬" in core or "\u00ad" in core:
        return "soft_hyphen"
    has_cyrillic = bool(CYRILLIC.search(core))
    latin1 = LATIN1_LETTER.findall(core)
    if latin1 and (has_cyrillic or (len(latin1) >= 2 and not LATIN.search(core))) or find_mojibake(core):
        return "mojibake"
    if not has_cyrillic:
        return None
    if _glyph_kind(core, lexicon):
        return "glyph"
    if re.search(f"[{CYR}]\\d|\\d[{CYR}]", core):
        return "digit"
    for part in re.split(r"[-/]", core):
        if CYRILLIC.search(part) and LATIN.search(part):
            return "mixed_script"
    return None


def find_residue(doc: Document, lexicon: Lexicon | None = None) -> list[ResidueItem]:
    """Every suspicious token of a processed document, in reading order."""
    lexicon = lexicon or lexicon_for(doc)
    items: list[ResidueItem] = []
    for block in doc.blocks:
        words: list[tuple[int, str, bool]] = []     # a run of plain Cyrillic words: (offset, word, ends run)
        for m in re.finditer(r"\S+", block.text):
            offset, core = _strip(m.group(0))
            start = m.start() + offset
            kind = _token_kind(core, lexicon) if core else None
            if kind:
                line = doc.line_of(block.origin[start]) if block.origin else 0
                items.append(ResidueItem(kind, core, doc.seed_name, line, block.id))
            if core and not kind and offset == 0 and CYRILLIC_WORD.match(core):
                words.append((start, core, len(core) < len(m.group(0))))
                if words[-1][2]:
                    items.extend(_splits(doc, block, words, lexicon))
                    words = []
            else:
                items.extend(_splits(doc, block, words, lexicon))
                words = []
        items.extend(_splits(doc, block, words, lexicon))
    items.sort(key=lambda i: i.line)
    return items


def _splits(doc: Document, block, words: list[tuple[int, str, bool]], lexicon: Lexicon) -> list[ResidueItem]:
    """Fragments of one word left apart by justification spaces, within a run of plain words."""
    found, i = [], 0
    while i < len(words) - 1:
        for size in (3, 2):
            parts = [w for _, w, _ in words[i:i + size]]
            if len(parts) == size and _is_split(parts, lexicon):
                line = doc.line_of(block.origin[words[i][0]])
                found.append(ResidueItem("split", " ".join(parts), doc.seed_name, line, block.id))
                i += size
                break
        else:
            i += 1
    return found


def _is_split(parts: list[str], lexicon: Lexicon) -> bool:
    """Pieces that are not all words but make a word seen unbroken in the corpus or the dictionary.

    The pieces after the first go on in lower case (a name after a word is a new word), and the
    last one is not a frequent word of its own: ``блоктар мен`` or ``екеуін де`` (a particle after
    a rare word) is how Kazakh is written, and the joining pass decides those with grammar.
    """
    if not all(p[0].islower() for p in parts[1:]) or lexicon.freq(parts[-1]) >= FREQUENT_WORD:
        return False
    if all(_is_word(lexicon, p) for p in parts):
        return False
    joined = "".join(parts)
    return lexicon.freq(joined) >= 1 or lexicon.in_dictionary(joined.lower())


def residue_by_document(docs: Iterable[Document]) -> dict[str, list[ResidueItem]]:
    """{slug: items} for processed documents (the structured data behind the report)."""
    return {doc.slug: find_residue(doc) for doc in docs}


def summary(residue: dict[str, list[ResidueItem]]) -> dict[str, dict[str, int]]:
    """{slug: {kind: count}} with every kind present (zeros included)."""
    return {slug: {kind: sum(1 for i in items if i.kind == kind) for kind in KINDS}
            for slug, items in residue.items()}


def _seed_label(doc: Document) -> str:
    """The short name of a seed: "000" for 000_5e13b5b18f4be4fc.txt."""
    return doc.seed_name.split("_", 1)[0].rsplit(".", 1)[0]


def format_report(docs: list[Document], residue: dict[str, list[ResidueItem]]) -> str:
    counts = summary(residue)
    width = max([len("document")] + [len(d.slug) for d in docs])
    head = f"{'document':<{width}} {'seed':<4}" + "".join(f" {KIND_HEADERS[k]:>8}" for k in KINDS) + f" {'total':>6}"
    out = [head]
    totals = {k: 0 for k in KINDS}
    for doc in docs:
        row = counts[doc.slug]
        for k in KINDS:
            totals[k] += row[k]
        out.append(f"{doc.slug:<{width}} {_seed_label(doc):<4}" + "".join(f" {row[k]:>8}" for k in KINDS)
                   + f" {sum(row.values()):>6}")
    out.append(f"{'all':<{width}} {'':<4}" + "".join(f" {totals[k]:>8}" for k in KINDS) + f" {sum(totals.values()):>6}")
    for doc in docs:
        items = residue[doc.slug]
        if not items:
            continue
        out.append("")
        out.append(f"{doc.slug} ({len(items)}):")
        for item in items:
            out.append(f"  {item.where:<32} {item.kind:<12} {item.token}")
    return "\n".join(out)
