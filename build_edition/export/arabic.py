"""Kazakh text of an (X)HTML tree in töte, the Kazakh Arabic script, for the töte EPUB (issue 20).

:func:`build_edition.text.tote.to_arabic` works on words: a word gets one hamza at its start when
its vowels are front and no letter marks it front already. In the markup a word may be cut into
pieces by inline elements (a letter a repair restored, an abbreviation, a name linked to the index:
``К<span>Ө</span>ПІР``), so the pieces are converted here with the decision of the whole word: the
piece that starts a word takes the whole word's hamza, a piece inside a word none. Russian and
English passages (``lang="ru"``/``"en"``) keep their script and read left to right.
"""
from __future__ import annotations

import re

from ..text.alphabet import CYRILLIC_BLOCK
from ..text.tote import HAMZA, to_arabic, word_to_arabic

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "figcaption", "caption"}


def _letters(part: str) -> str:
    """A piece of a word: its letters in töte, without a hamza of its own."""
    converted = word_to_arabic(part)
    return converted[len(HAMZA):] if converted.startswith(HAMZA) else converted


def convert_pieces(pieces: list[str], kazakh: list[bool]) -> list[str]:
    """Pieces of one block's text in reading order, the Kazakh ones in töte, each word decided whole.

    >>> convert_pieces(["ТАРИХТАН К", "Ө", "ПІР"], [True, True, True])
    ['تاريحتان ك', 'و', 'پىر']
    >>> convert_pieces(["бір", "ге"], [True, True]), convert_pieces(["Алматы", "да бір"], [True, True])
    (['بىر', 'گە'], ['الماتى', 'دا ءبىر'])
    >>> convert_pieces(["Бұл ", "state", " өзі"], [True, False, True])
    ['بۇل ', 'state', ' ءوزى']
    """
    joined = "".join(pieces)
    words = [(m.start(), m.end()) for m in re.finditer(f"[{CYRILLIC_BLOCK}]+", joined)]
    out, offset = [], 0
    for piece, is_kazakh in zip(pieces, kazakh):
        start, end = offset, offset + len(piece)
        offset = end
        if not is_kazakh or not piece:
            out.append(piece)
            continue
        head = tail = ""
        body = piece
        # the end of a word begun in an earlier piece
        before = next(((s, e) for s, e in words if s < start < e), None)
        if before:
            cut = min(before[1], end) - start
            head, body = _letters(piece[:cut]), piece[cut:]
            if before[1] > end:                  # the piece is inside one word
                out.append(head)
                continue
        # the start of a word that goes on in a later piece
        after = next(((s, e) for s, e in words if start <= s < end < e), None)
        if after:
            cut = after[0] - start - (len(piece) - len(body))
            word = joined[after[0]:after[1]]
            hamza = HAMZA if word_to_arabic(word).startswith(HAMZA) else ""
            body, tail = body[:cut], hamza + _letters(body[cut:])
        out.append(head + to_arabic(body) + tail)
    return out


def convert_tree(root) -> None:
    """The Kazakh text of an lxml (X)HTML tree in töte, in place, block by block; elements in another
    language get ``dir="ltr"``."""
    def language_of(el, inherited: str) -> str:
        return el.get("lang") or el.get("{http://www.w3.org/XML/1998/namespace}lang") or inherited

    def slots(el, language: str, found: list) -> None:
        """(element, "text"/"tail", Kazakh?) of the text of ``el``'s block, in reading order."""
        found.append((el, "text", language.startswith("kk")))
        if language.startswith("kk") and el.get("title"):
            el.set("title", to_arabic(el.get("title")))
        for child in el:
            if not isinstance(child.tag, str):
                continue
            child_language = language_of(child, language)
            if child.tag in BLOCKS:
                blocks(child, child_language)
            else:
                slots(child, child_language, found)
            found.append((child, "tail", language.startswith("kk")))

    def blocks(el, language: str) -> None:
        if not language.startswith("kk"):
            el.set("dir", "ltr")
        if el.tag in BLOCKS:
            found: list = []
            slots(el, language, found)
            texts = [getattr(node, which) or "" for node, which, _ in found]
            for (node, which, _), text in zip(found, convert_pieces(texts, [k for _, _, k in found])):
                if getattr(node, which):
                    setattr(node, which, text)
            return
        if el.text and language.startswith("kk"):
            el.text = to_arabic(el.text)
        for child in el:
            if isinstance(child.tag, str):
                blocks(child, language_of(child, language))
            if child.tail and language.startswith("kk"):
                child.tail = to_arabic(child.tail)
        if language.startswith("kk") and el.get("title"):
            el.set("title", to_arabic(el.get("title")))

    blocks(root, language_of(root, "kk"))
