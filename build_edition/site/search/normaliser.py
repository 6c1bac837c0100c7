"""Kazakh search normalisation: the same analysis at build time (here) and in the browser.

The rules live in ``build_edition/data/search/kk-search-rules.json``; this module and
``overrides/assets/javascripts/kk-search.js`` both interpret that one file, and
``tests/test_search_normaliser.py`` runs both on the same words. No Kazakh stemmer on PyPI can
serve both sides: ``kazstem`` and ``turkicnlp`` need Apertium/HFST transducers that are not
shipped in their wheels and cannot run in a browser; ``qaznltk`` has no stemmer.

A word is NFC-normalised, lower-cased, folded to the letters a Russian or Latin keyboard can
type (ә→а, ғ→г, қ→к, ң→н, ө→о, ұ/ү→у, һ→х, і/й→и, ё/э→е), then stemmed by stripping at most one
suffix per slot (case, then possessive, then plural), each only in the phonological context the
suffix really takes:

>>> normalise_word("Реформаларды")
'реформа'
>>> normalise_word("еліміздің"), normalise_word("елдерінде"), normalise_word("ел")
('ел', 'ел', 'ел')
>>> normalise_word("Тоқаевтың"), normalise_word("Токаев")
('токаев', 'токаев')

A suffix is stripped only after the sounds it really follows, so "қалады" (it remains) is not
taken for the accusative of "қала" (city), which is "қаланы" after a vowel:

>>> normalise_word("қалады"), normalise_word("қаланы")
('калад', 'кала')
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from build_edition.core.paths import DATA

RULES_PATH = DATA / "search" / "kk-search-rules.json"

# letters and digits: the same class as JavaScript's /[\p{L}\p{N}]+/u
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Suffix:
    form: str
    harmony: str  # "B" back, "F" front, "N" neutral
    contexts: frozenset[str]  # letters the remaining stem may end in


@dataclass
class Rules:
    ignorable: str
    fold: dict[str, str]
    min_stem: int
    min_stem_vowel_initial: int
    vowels: str
    front_only: str
    back_only: str
    keep: frozenset[str]
    word_end: str
    slots: list[list[Suffix]] = field(default_factory=list)
    # word → normalised form: a corpus has far fewer distinct words than words
    cache: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, path: Path = RULES_PATH) -> Rules:
        data = json.loads(path.read_text(encoding="utf-8"))
        contexts = data["contexts"]
        slots = []
        for slot in data["slots"]:
            suffixes = [Suffix(form, harmony, frozenset("".join(contexts[c] for c in ctx)))
                        for form, harmony, ctx in slot["suffixes"]]
            # longest first, so -ндагы wins over -дагы and -ымыз over -ы
            slots.append(sorted(suffixes, key=lambda s: -len(s.form)))
        return cls(data["ignorable"], data["fold"], data["min_stem"], data["min_stem_vowel_initial"], data["vowels"],
                   data["front_only"], data["back_only"], frozenset(data["keep"]), data["word_end"], slots)


@functools.lru_cache(maxsize=1)
def default_rules() -> Rules:
    return Rules.load()


def _last_vowel(stem: str, vowels: str) -> str:
    for ch in reversed(stem):
        if ch in vowels:
            return ch
    return ""


def fold(text: str, rules: Rules | None = None) -> str:
    """Lower-case and fold Kazakh-specific letters; the input is one word or a whole text."""
    rules = rules or default_rules()
    text = unicodedata.normalize("NFC", text).lower()
    return "".join(rules.fold.get(ch, ch) for ch in text)


def _strippable(rest: str, suffix: Suffix, rules: Rules) -> bool:
    shortest = rules.min_stem_vowel_initial if rest[:1] in rules.vowels else rules.min_stem
    if len(rest) < shortest or not any(ch in rules.vowels for ch in rest):
        return False
    if rest[-1] not in suffix.contexts:
        return False
    last = _last_vowel(rest, rules.vowels)
    return not ((suffix.harmony == "B" and last in rules.front_only) or (suffix.harmony == "F" and last in rules.back_only))


def stem(word: str, rules: Rules | None = None) -> str:
    """Strip inflection from an already folded word: at most one suffix per slot, in slot order.

    Within a slot the longest strippable suffix wins, unless a shorter one leaves a kept word.
    """
    rules = rules or default_rules()
    for slot in rules.slots:
        if word in rules.keep:
            break
        candidates = [word[: len(word) - len(s.form)] for s in slot
                      if word.endswith(s.form) and _strippable(word[: len(word) - len(s.form)], s, rules)]
        if candidates:
            word = next((c for c in candidates if c in rules.keep), candidates[0])
    return word


def tokenize(text: str, rules: Rules | None = None) -> list[str]:
    """The words of a text as they are written (letter/digit runs), in order."""
    rules = rules or default_rules()
    text = unicodedata.normalize("NFC", text)
    if rules.ignorable:
        text = re.sub(f"[{re.escape(rules.ignorable)}]", "", text)
    return _WORD.findall(text)


def normalise_word(word: str, rules: Rules | None = None) -> str:
    rules = rules or default_rules()
    result = rules.cache.get(word)
    if result is None:
        result = rules.cache[word] = stem(fold(word, rules), rules)
    return result


def normalise_text(text: str, rules: Rules | None = None) -> list[str]:
    """One search token per word of ``text`` (positions match ``tokenize``)."""
    rules = rules or default_rules()
    return [normalise_word(w, rules) for w in tokenize(text, rules)]
