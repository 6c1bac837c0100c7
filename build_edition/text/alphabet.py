"""The letters of the edition's texts, defined once: Kazakh Cyrillic and its Russian subset, Latin,
the vowels of Kazakh harmony, and the characters broken fonts print instead of ө/Ө/ә/Ә.

The strings named after a script are regular-expression class bodies (they go between ``[`` and
``]``; ranges such as ``а-я`` included), so that every pattern built from them reads the same::

    re.compile(f"[{CYRILLIC_UPPER_KK}][{CYRILLIC_LOWER_KK}]+")    # a capitalised Kazakh word

``а-я`` is the 32 letters of the Russian alphabet without ё; Kazakh Cyrillic adds ё and nine
letters of its own:

>>> import re
>>> block = [chr(code) for code in range(0x0400, 0x0500)]
>>> sorted(ch for ch in block if re.fullmatch(f"[{CYRILLIC_LOWER_KK}]", ch)) == sorted(KAZAKH_LOWER_LETTERS)
True
>>> sorted(ch for ch in block if re.fullmatch(f"[{CYRILLIC_UPPER_KK}]", ch)) == sorted(KAZAKH_LOWER_LETTERS.upper())
True
>>> len(KAZAKH_LOWER_LETTERS), len(KAZAKH_ONLY_LOWER)
(42, 9)

Where modules meant different things by one short name (``UPPER`` with or without A-Z,
``LETTERS`` as a whole alphabet or as the two readings of a broken glyph), each meaning has its own
name here.
"""
from __future__ import annotations

# --- scripts (regular-expression class bodies) ---------------------------------------------------

LATIN_UPPER = "A-Z"
LATIN_LOWER = "a-z"
LATIN = LATIN_UPPER + LATIN_LOWER

# The Cyrillic letters Kazakh shares with Russian (the whole Russian alphabet).
RUSSIAN_LOWER = "а-яё"
RUSSIAN_UPPER = "А-ЯЁ"
RUSSIAN = RUSSIAN_LOWER + RUSSIAN_UPPER

# The nine letters Kazakh has and Russian (and English) do not.
KAZAKH_ONLY_LOWER = "әғқңөұүһі"
KAZAKH_ONLY_UPPER = "ӘҒҚҢӨҰҮҺІ"
KAZAKH_ONLY = KAZAKH_ONLY_LOWER + KAZAKH_ONLY_UPPER

# The Kazakh Cyrillic alphabet (42 letters), by case.
CYRILLIC_LOWER_KK = RUSSIAN_LOWER + KAZAKH_ONLY_LOWER
CYRILLIC_UPPER_KK = RUSSIAN_UPPER + KAZAKH_ONLY_UPPER
CYRILLIC_KK = CYRILLIC_LOWER_KK + CYRILLIC_UPPER_KK

# Kazakh Cyrillic or basic Latin: headlines, abbreviations and names mix the two (`QAZAQ`, `ҚР`).
UPPER_ANY_SCRIPT = LATIN_UPPER + CYRILLIC_UPPER_KK
LOWER_ANY_SCRIPT = LATIN_LOWER + CYRILLIC_LOWER_KK
LETTERS_ANY_SCRIPT = LATIN + CYRILLIC_UPPER_KK + CYRILLIC_LOWER_KK

# The whole Unicode Cyrillic block (Ukrainian, Serbian, ... letters included).
CYRILLIC_BLOCK = "\u0400-\u04FF"

# Latin-1 letters (À-ÿ without × and ÷): what UTF-8 read as Latin-1 turns Cyrillic into.
LATIN1_LETTERS = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff"

# The lower-case Kazakh Cyrillic alphabet spelt out, in Kazakh alphabetical order, for sets.
KAZAKH_LOWER_LETTERS = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"

# --- vowels (sets of lower-case letters) ---------------------------------------------------------

BACK_VOWELS = frozenset("аоұыя")
FRONT_VOWELS = frozenset("әөүіеэ")
# у, и, ю, ё: vowels without a harmony of their own
VOWELS = BACK_VOWELS | FRONT_VOWELS | frozenset("уиюё")

# --- broken glyphs (plain strings of characters, not class bodies) --------------------------------
# The newspaper's broken fonts print other characters instead of ө/Ө/ә/Ә (see the damage atlas).

# Inside a word these stand for a lower-case ө or ә.
GLYPHS_FOR_LOWER = "\ufffd$#!9"
# These stand for a capital Ө or Ә only (at the start of a word).
GLYPHS_FOR_CAPITAL = "&3(>6%*/;="
BROKEN_GLYPHS = GLYPHS_FOR_LOWER + GLYPHS_FOR_CAPITAL
# Latin capitals some fonts print for Ө/Ә.
BROKEN_LATIN_CAPITALS = "HJBAC"
# The letters a broken glyph can stand for, in the order they are tried.
BROKEN_GLYPH_READINGS = ("ө", "ә")
# Symbols that, inside a Cyrillic word, are the residue of a broken glyph (what the residue report
# and the uncertain-reading marks look for; not the same set as BROKEN_GLYPHS: no digits, no U+FFFD,
# and @ ^ ~ | \ besides).
RESIDUE_GLYPH_SYMBOLS = "$#&!%*/=;(>@^~|\\"

# A Kazakh-only letter written the Russian way, as in abbreviations printed for Russian readers (КОСКҰ for ҚОСҚҰ)
KAZAKH_AS_RUSSIAN = str.maketrans("қғұүөәіһң", "кгууоаихн")

# --- alphabetical order ----------------------------------------------------------------------------
# The Kazakh Cyrillic alphabet in its alphabetical order, capitals. Source: the CLDR collation for kk
# (unicode-org/cldr, common/collation/kk.xml: the root order of Cyrillic, tailored by
# "&Е<ё<<<Ё &Ұ<ү<<<Ү &[before 1]ь<і<<<І"), which is the order of the alphabet as taught:
# Ә after А, Ғ after Г, Ё a letter of its own after Е, Қ after К, Ң after Н, Ө after О, Ұ Ү after У,
# Һ after Х, І between Ы and Ь. (PyICU would give the same order but needs the ICU C++ library;
# pyuca has the root order only, where Ё is not a letter of its own, Ү stands before Ұ and І after Я.)
KAZAKH_ALPHABET = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ"
_KAZAKH_RANK = {letter: rank for rank, letter in enumerate(KAZAKH_ALPHABET)}


def kazakh_sort_key(text: str) -> tuple:
    """A sort key in Kazakh alphabetical order (as the CLDR ``kk`` collation orders letters).

    Letters compare by the alphabet first, case second (lower case first), then the text itself;
    Latin letters come before Cyrillic (as in CLDR's root order) and digits before letters; spaces,
    punctuation and hyphens count only where all else is equal (as CLDR's "shifted" option).

    >>> sorted(["Ұлт", "Үй", "Ыс", "Із", "Ер", "Ёж", "Яс", "Әке", "Ағаш", "Һәм", "Хат", "Цех"], key=kazakh_sort_key)
    ['Ағаш', 'Әке', 'Ер', 'Ёж', 'Ұлт', 'Үй', 'Хат', 'Һәм', 'Цех', 'Ыс', 'Із', 'Яс']
    >>> sorted(["ҚР", "КСРО", "АҚШ", "«Азат» ҚАҚ", "ААҚ", "ЖСДП", "IT", "ЖШС"], key=kazakh_sort_key)
    ['IT', 'ААҚ', '«Азат» ҚАҚ', 'АҚШ', 'ЖСДП', 'ЖШС', 'КСРО', 'ҚР']
    """
    primary, tertiary = [], []
    for ch in text:
        upper = ch.upper()
        if upper in _KAZAKH_RANK:
            primary.append((3, _KAZAKH_RANK[upper]))
        elif "A" <= upper <= "Z":
            primary.append((2, ord(upper)))
        elif ch.isdigit():
            primary.append((1, int(ch) if ch.isdecimal() else ord(ch)))
        elif ch.isalpha():
            primary.append((4, ord(upper)))
        else:
            continue
        tertiary.append(ch != ch.lower())
    return tuple(primary), tuple(tertiary), text


def initial_letter(text: str) -> str:
    """The letter an entry is filed under: its first letter, in capitals ('' if it has none).

    >>> initial_letter("«Азат» ҚАҚ"), initial_letter("ҚР"), initial_letter("covid"), initial_letter("1-2")
    ('А', 'Қ', 'C', '')
    """
    return next((ch.upper() for ch in text if ch.isalpha()), "")
