"""Kazakh Cyrillic ↔ Latin transliteration (official alphabet of 2021).

The table lives in ``build_edition/data/translit/kk-latin.json``, read here and written into the
browser's ``kk-translit.js`` by ``build_edition/write/scripts.py``. The 2021 alphabet (31
letters: A Ä B D E F G Ğ H I İ J K L M N Ñ O Ö P Q R S Ş T U Ū Ü V Y Z) maps Kazakh Cyrillic letter
for letter; the table follows it exactly::

    а→a ә→ä б→b в→v г→g ғ→ğ д→d е→e ж→j з→z и→i й→i к→k қ→q л→l м→m н→n ң→ñ о→o ө→ö
    п→p р→r с→s т→t у→u ұ→ū ү→ü ф→f х→h һ→h ш→ş ы→y і→ı э→e

Letters the 2021 table lacks (Russian loans) follow ONE documented choice, chosen so that the
result stays readable and reversible enough for search: я→ya, ю→yu, ё→yo, ц→ts, ч→ch,
щ→şş, ъ and ь are dropped. (c never occurs otherwise, so ch and ts are unambiguous enough.)

Case: a capital Cyrillic letter gives a capital Latin letter (і→ı but І→I, и/й→i but И/Й→İ).
A capital letter that becomes two Latin letters (Я→Ya) is capitalised only on its first letter,
unless the whole word is in capitals, which stay capitals (ЯНА→YANA, ӨЙТКЕНІ→ÖİTKENI).
Latin letters, digits and punctuation are left as they are. Text in other languages (Russian
quotations marked ``lang="ru"``) must not be passed here: the callers skip it.

The JavaScript twin is ``build_edition/data/translit/kk-translit.js`` (its table is filled in from
the data file by ``build-edition build``, which writes it to ``content/assets/javascripts/``); both are
checked against the shared vectors in ``tests/data/translit_vectors.json``.

>>> to_latin("Қазақстан Республикасының Конституциясы")
'Qazaqstan Respublikasynyñ Konstitutsiyasy'
>>> to_latin("ӨЙТКЕНІ 2021 жылы «Egemen Qazaqstan»")
'ÖİTKENI 2021 jyly «Egemen Qazaqstan»'
>>> to_cyrillic_query("Toqaev ata zan")
'тоқаев ата зан'
"""
from __future__ import annotations

import functools
import json
import re

from build_edition.core.paths import DATA
from build_edition.text.alphabet import CYRILLIC_BLOCK
from build_edition.text.tote import is_tote_query, tote_query_to_cyrillic

TABLE_PATH = DATA / "translit" / "kk-latin.json"
TABLE = json.loads(TABLE_PATH.read_text(encoding="utf-8"))

# Lower-case Cyrillic → Latin: the 2021 letters, then the documented choice for the loan letters.
CYRILLIC_TO_LATIN: dict[str, str] = {**TABLE["alphabet_2021"], **TABLE["not_in_2021"]}

# The upper-case table is derived (І→I and И/Й→İ differ from Python's str.upper(), which would give
# I for ı and I for i).
LATIN_UPPER: dict[str, str] = TABLE["latin_upper"]


def _upper_latin(text: str) -> str:
    return "".join(LATIN_UPPER.get(ch, ch.upper()) for ch in text)


_CYRILLIC_WORD = re.compile(f"[{CYRILLIC_BLOCK}]+")


def _word_to_latin(match: re.Match[str]) -> str:
    return word_to_latin(match.group(0))


# pure and called once per word of every page and export: remembered (see tote.word_to_arabic)
@functools.lru_cache(maxsize=1 << 16)
def word_to_latin(word: str) -> str:
    """One Cyrillic word in the 2021 Latin alphabet, its capitals kept (all capitals stay all capitals).

    >>> word_to_latin("Қазақстан"), word_to_latin("ҚР"), word_to_latin("шежіре")
    ('Qazaqstan', 'QR', 'şejıre')
    """
    letters = [ch for ch in word if ch.isalpha()]
    all_caps = len(letters) > 1 and all(ch.isupper() for ch in letters)
    out = []
    for ch in word:
        lower = ch.lower()
        latin = CYRILLIC_TO_LATIN.get(lower)
        if latin is None:
            out.append(ch)
        elif ch == lower:
            out.append(latin)
        elif all_caps:
            out.append(_upper_latin(latin))
        else:
            out.append(_upper_latin(latin[:1]) + latin[1:])
    return "".join(out)


def to_latin(text: str) -> str:
    """Kazakh Cyrillic text in the 2021 Latin alphabet; everything that is not Cyrillic is kept."""
    return _CYRILLIC_WORD.sub(_word_to_latin, text)


# ---------------------------------------------------------------------------------------------
# Latin → Cyrillic, for search queries only. Readers type the 2021 alphabet, the 2017/2018
# apostrophe and acute variants, or informal spellings (sh, zh, ch, kh, gh, ng, Russian-style
# y/ya/yu). The result need not be perfect Cyrillic: the search normaliser folds ә/а, ғ/г, қ/к,
# ң/н, ө/о, ұ/ү/у, і/и afterwards, so only the distinctions it keeps matter.

# Longest first; applied left to right on the lower-cased query.
LATIN_TO_CYRILLIC: list[tuple[str, str]] = [
    ("shch", "щ"), ("sch", "щ"),
    ("a'", "ә"), ("g'", "ғ"), ("n'", "ң"), ("o'", "ө"), ("u'", "ү"), ("y'", "ұ"), ("i'", "і"),
    ("s'", "ш"), ("c'", "ч"),
    ("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("kh", "х"), ("gh", "ғ"), ("ts", "ц"),
    ("ya", "я"), ("yu", "ю"), ("yo", "ё"), ("ye", "е"),
    ("ä", "ә"), ("á", "ә"), ("ğ", "ғ"), ("ǵ", "ғ"), ("ñ", "ң"), ("ń", "ң"), ("ö", "ө"), ("ó", "ө"),
    ("ū", "ұ"), ("ü", "ү"), ("ú", "ү"), ("ş", "ш"), ("ç", "ч"), ("ı", "і"), ("ý", "у"),
    ("a", "а"), ("b", "б"), ("c", "ц"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "х"),
    ("i", "и"), ("j", "ж"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"),
    ("q", "қ"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("v", "в"), ("w", "у"), ("x", "х"),
    ("y", "ы"), ("z", "з"),
]

_VOWELS_LATIN = set("aeiouäöüūıáóúýy")


def _latin_lower(text: str) -> str:
    # Python lower-cases İ to "i" plus a combining dot; readers typing I mean i or ı alike.
    return "".join("i" if ch == "İ" else ch.lower() for ch in text)


def to_cyrillic_query(text: str) -> str:
    """A Latin-script query as lower-case Cyrillic; Cyrillic and digits pass through.

    "y" is й after a vowel when no vowel follows (Tokayev's "ay" → ай) and ы elsewhere.

    >>> to_cyrillic_query("Qazaqstan Respublikasynyñ")
    'қазақстан республикасының'
    >>> to_cyrillic_query("Tokayev Nursultan Nazarbayev")
    'токаев нурсултан назарбаев'
    >>> to_cyrillic_query("o'zgeris")
    'өзгерис'
    """
    text = _latin_lower(text)
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "y" and out and text[i - 1] in _VOWELS_LATIN and (i + 1 == len(text) or text[i + 1] not in _VOWELS_LATIN):
            out.append("й")
            i += 1
            continue
        for latin, cyr in LATIN_TO_CYRILLIC:
            if text.startswith(latin, i):
                out.append(cyr)
                i += len(latin)
                break
        else:
            out.append(ch)
            i += 1
    return "".join(out)


_LATIN_LETTER = re.compile(r"[a-zäöüūıñğşçáóúýǵńİI]", re.IGNORECASE)
_CYRILLIC_LETTER = re.compile(f"[{CYRILLIC_BLOCK}]")


def query_to_cyrillic(text: str) -> str:
    """What the search box hands to the normaliser: a Latin-script query read as Cyrillic, and in
    a Cyrillic query any word typed with Latin look-alikes (keyboard switched mid-word) too; a query
    with Arabic letters is töte (build_edition/text/tote.py).

    >>> query_to_cyrillic("Ata Zañy")
    'ата заңы'
    >>> query_to_cyrillic("Токaев Ana tili")
    'токаев Ana tili'
    >>> query_to_cyrillic("اتا زاڭى")
    'ата заңы'
    """
    if is_tote_query(text):
        return tote_query_to_cyrillic(text)
    if is_latin_query(text):
        return to_cyrillic_query(text)
    return re.sub(r"[^\W\d_]+", lambda m: to_cyrillic_query(m.group(0))
                  if _CYRILLIC_LETTER.search(m.group(0)) and _LATIN_LETTER.search(m.group(0)) else m.group(0), text)


def is_latin_query(text: str) -> bool:
    """True when a query has Latin letters and no Cyrillic ones."""
    return bool(_LATIN_LETTER.search(text)) and not _CYRILLIC_LETTER.search(text)
