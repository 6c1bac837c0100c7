"""Word evidence for repairs: corpus word frequencies and the Kazakh Hunspell dictionary.

The dictionary (Debian's hunspell-kk, shipped in build_edition/data/hunspell with its licence)
accepts most clean Kazakh words but also halves of compounds and many suffixes on their own, so a
repair never trusts it alone: corpus frequencies (how often a form occurs undamaged in the seeds)
weigh in too.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path
from typing import Iterable

DATA = Path(__file__).parent / "data" / "hunspell"
CYRILLIC_WORD = re.compile(r"[а-яёәғқңөұүһіА-ЯЁӘҒҚҢӨҰҮҺІ]+(?:-[а-яёәғқңөұүһіА-ЯЁӘҒҚҢӨҰҮҺІ]+)*")


@functools.lru_cache(maxsize=1)
def _dictionary():
    from spylls.hunspell import Dictionary

    return Dictionary.from_files(str(DATA / "kk_KZ"))


class Lexicon:
    """Frequencies of undamaged word forms in the corpus (lowercased) plus dictionary look-ups."""

    def __init__(self, counts: Counter | None = None):
        self.counts: Counter = counts or Counter()

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> "Lexicon":
        counts: Counter = Counter()
        for text in texts:
            for line in text.split("\n"):
                # the last word of a line may be a fragment cut by a hyphen: not evidence
                body = re.sub(r"\S*-\s*$", "", line)
                counts.update(w.lower() for w in CYRILLIC_WORD.findall(body))
        return cls(counts)

    def freq(self, word: str) -> int:
        return self.counts.get(word.lower(), 0)

    @functools.lru_cache(maxsize=200_000)
    def in_dictionary(self, word: str) -> bool:
        return bool(word) and _dictionary().lookup(word)

    def known(self, word: str) -> bool:
        return self.freq(word) > 0 or self.in_dictionary(word)

    def __hash__(self) -> int:  # lru_cache on methods needs hashable self
        return id(self)


def lexicon_for(doc) -> Lexicon:
    """The corpus lexicon the pipeline attached to the document, or one built from this document alone."""
    lex = doc.meta.get("lexicon")
    if lex is None:
        lex = doc.meta["lexicon"] = Lexicon.from_texts([doc.source])
    return lex
