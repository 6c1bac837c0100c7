"""Undo lines the PDF printed twice on top of each other (newspaper headlines, name captions).

The extraction reads both layers of an overprinted line, one after the other or word by word:
`ЭЛЕКТРОНДЫҚ ЭЛЕКТРОНДЫҚ`, `ЗАҢ ЖОБАСЫН ҚАРАЙДЫЗАҢ ЖОБАСЫН ҚАРАЙДЫ`, `ДинараДинара ОСПАНОВА,
ОСПАНОВА,`. A line is undoubled only when all of it is doubled: the whole line is the same text twice
(spaces aside), or every word is doubled (glued or repeated). Each doubled unit must be a real word
(five letters or more), so reduplication in prose (`жүре жүре`) is never touched. Every change is an
emendation (rule ``undouble_overprinted_lines``).

>>> undoubled("ЗАҢ ЖОБАСЫН ҚАРАЙДЫЗАҢ ЖОБАСЫН ҚАРАЙДЫ"), undoubled("«ДӘРІГЕР TALKS» –«ДӘРІГЕР TALKS» –  ")
('ЗАҢ ЖОБАСЫН ҚАРАЙДЫ', '«ДӘРІГЕР TALKS» –')
>>> undoubled("ДинараДинара ОСПАНОВА,  ОСПАНОВА, "), undoubled("AQMOLAAQMOLA")
('Динара ОСПАНОВА,', 'AQMOLA')
>>> undoubled("жүре жүре"), undoubled("Бұл бұл"), undoubled("Қазақстан – Қазақстан")
(None, None, None)
"""
from __future__ import annotations

from build_edition.core.model import Document

RULE = "undouble_overprinted_lines"
LABEL = "екі қабат басылған жол бір рет оқылды"          # shown to readers in the apparatus
MIN_LETTERS = 5


def run(doc: Document) -> None:
    for block in doc.blocks:
        if block.kind != "line":
            continue
        new = undoubled(block.text)
        if new is None:
            continue
        start = len(block.text) - len(block.text.lstrip())
        end = len(block.text.rstrip())
        doc.edit(block, start, end, new, RULE)


def undoubled(line: str) -> str | None:
    """The line printed once, or None when it is not an overprinted double."""
    text = line.strip()
    return _whole_line_twice(text) or _every_word_twice(text)


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def _whole_line_twice(text: str) -> str | None:
    compact = text.replace(" ", "")
    half = len(compact) // 2
    if len(compact) % 2 or compact[:half] != compact[half:] or _letters(compact[:half]) < MIN_LETTERS:
        return None
    seen = 0
    for i, ch in enumerate(text):       # the first layer ends where half of the non-space characters are read
        if ch != " ":
            seen += 1
            if seen == half:
                return text[:i + 1]
    return None


def _every_word_twice(text: str) -> str | None:
    words, out, i = text.split(), [], 0
    while i < len(words):
        word = words[i]
        half = len(word) // 2
        if len(word) % 2 == 0 and word[:half] == word[half:] and _letters(word[:half]) >= MIN_LETTERS:
            out.append(word[:half])
            i += 1
        elif i + 1 < len(words) and words[i + 1] == word and _letters(word) >= MIN_LETTERS:
            out.append(word)
            i += 2
        else:
            return None
    return " ".join(out) or None        # every word was doubled
