"""Small text helpers shared by the writer and the passes."""
from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")

_TO_LATIN = dict(zip(
    "абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяәі",
    ["a", "b", "v", "g", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "q", "l", "m", "n", "n", "o", "o",
     "p", "r", "s", "t", "u", "u", "u", "f", "h", "h", "ts", "ch", "sh", "sh", "", "y", "i", "", "e", "iu",
     "ia", "a", "i"]))


def url_slug(text: str, max_len: int = 60) -> str:
    """An ASCII slug for file names and URLs.

    >>> url_slug("I-тарау. Егемен Қазақстанның саяси ойы")
    'i-tarau-egemen-qazaqstannyn-saiasi-oiy'
    """
    out = []
    for ch in text.lower():
        if ch in _TO_LATIN:
            out.append(_TO_LATIN[ch])
        else:
            ch = unicodedata.normalize("NFKD", ch)
            out.append("".join(c for c in ch if c.isascii() and c.isalnum()) or "-")
    slug = re.sub(r"-+", "-", "".join(out)).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0]
    return slug or "page"


def count_words(text: str) -> int:
    return len(WORD.findall(text))
