"""Small text helpers shared by the writer and the passes."""
from __future__ import annotations

import re
import unicodedata

from build_edition.text.translit import CYRILLIC_TO_LATIN, TABLE

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def ascii_fold(latin: str) -> str:
    """A Latin spelling without its diacritics (dotless ı as i): what a URL slug may hold.

    >>> ascii_fold("Qazaqstannyñ"), ascii_fold("ūlttyq"), ascii_fold("şş")
    ('Qazaqstannyn', 'ulttyq', 'ss')
    """
    return "".join(c for c in unicodedata.normalize("NFKD", latin.replace("ı", "i")) if c.isascii())


# Slugs keep the ASCII fold of the 2021 table, except for a few letters with an older spelling
# (zh, sh, ia, iu, e) so that existing addresses do not change: see the data file.
_TO_LATIN = {ch: TABLE["ascii_slug_exceptions"].get(ch, ascii_fold(latin)) for ch, latin in CYRILLIC_TO_LATIN.items()}


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
