"""The letter classes have one definition (build_edition/text/alphabet.py) and mean what their names say."""
from __future__ import annotations

import re
from pathlib import Path

from build_edition.text import alphabet
from build_edition.text.translit import CYRILLIC_TO_LATIN

PACKAGE = Path(alphabet.__file__).resolve().parent.parent
CYRILLIC = [chr(code) for code in range(0x0400, 0x0500)]

# A letter class spelt out: a Cyrillic range, or four different letters only Kazakh has in a row
# (no Kazakh word has that: "іңіз" repeats one).
RANGE = re.compile(r"а-я|А-Я")
KAZAKH_RUN = re.compile(r"[әғқңөұүһі]{4,}|[ӘҒҚҢӨҰҮҺІ]{4,}")


def _spells_out_a_class(code: str) -> bool:
    return bool(RANGE.search(code)) or any(len(set(run)) >= 4 for run in KAZAKH_RUN.findall(code))


def _matching(fragment: str, chars) -> str:
    return "".join(ch for ch in chars if re.fullmatch(f"[{fragment}]", ch))


def test_no_module_spells_out_a_letter_class_of_its_own():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "alphabet.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if _spells_out_a_class(code) and not code.lstrip().startswith((">>>", "...")):
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert offenders == [], "import the class from build_edition.text.alphabet:\n" + "\n".join(offenders)


def test_the_kazakh_alphabet_and_its_parts():
    assert len(alphabet.KAZAKH_LOWER_LETTERS) == len(set(alphabet.KAZAKH_LOWER_LETTERS)) == 42
    assert sorted(_matching(alphabet.CYRILLIC_LOWER_KK, CYRILLIC)) == sorted(alphabet.KAZAKH_LOWER_LETTERS)
    assert sorted(_matching(alphabet.CYRILLIC_UPPER_KK, CYRILLIC)) == sorted(alphabet.KAZAKH_LOWER_LETTERS.upper())
    assert sorted(_matching(alphabet.KAZAKH_ONLY, CYRILLIC)) == sorted("ӘҒҚҢӨҰҮҺІәғқңөұүһі")
    assert set(_matching(alphabet.RUSSIAN, CYRILLIC)).isdisjoint(alphabet.KAZAKH_ONLY)
    # the transliteration table covers exactly the Kazakh alphabet
    assert set(CYRILLIC_TO_LATIN) == set(alphabet.KAZAKH_LOWER_LETTERS)


def test_with_and_without_latin_are_two_names():
    assert re.fullmatch(f"[{alphabet.UPPER_ANY_SCRIPT}]+", "QAZAQҚАЗАҚ")
    assert not re.search(f"[{alphabet.CYRILLIC_UPPER_KK}]", "QAZAQ")
    assert re.fullmatch(f"[{alphabet.LETTERS_ANY_SCRIPT}]+", "Qazaqstanқазақ")


def test_broken_glyph_sets():
    assert alphabet.BROKEN_GLYPHS == alphabet.GLYPHS_FOR_LOWER + alphabet.GLYPHS_FOR_CAPITAL
    assert "\ufffd" in alphabet.GLYPHS_FOR_LOWER and "$" in alphabet.GLYPHS_FOR_LOWER
    assert alphabet.BROKEN_GLYPH_READINGS == ("ө", "ә")
    assert set(alphabet.BROKEN_LATIN_CAPITALS) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
