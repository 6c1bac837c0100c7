"""The suffix grammar: the automaton that reads suffix chains agrees with the recursive reference parser."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_edition.text import morphology as km

BASES = ["", "кітап", "тамыр", "бала", "үй", "мемлекет", "тәртібі", "сөзі", "ми", "оқу", "жүрек", "ел", "сіз", "x"]


def reference(text: str, after: str) -> frozenset[str]:
    """What the recursive parser says (the grammar as written)."""
    if not text:
        return frozenset()
    state = "stem_possessive" if after[-1:] in ("ы", "і") else "stem"
    return km._rest(text, state, km.harmony(after), after[-1:])


def test_automaton_reads_every_seed_word_ending_as_the_parser_does(raw_seed_texts):
    words = set(re.findall(r"[а-яәғқңөұүһі]+", raw_seed_texts.lower()))
    tails = sorted({w[k:] for w in words for k in range(len(w)) if len(w) - k <= 10})
    assert len(tails) > 10_000
    mismatches = [(tail, base) for tail in tails for base in BASES[:6]
                  if km.final_slots(tail, base) != reference(tail, base)]
    assert mismatches == []


@pytest.mark.parametrize("text, after, expected", [
    ("дың", "тамыр", {"case"}), ("дің", "тамыр", set()), ("лықтарының", "", {"case", "case_after_possessive"}),
    ("мен", "теориясы", {"case", "case_after_possessive"}), ("бола", "", set()), ("", "", set()),
    ("нде", "тәртібі", {"case", "case_after_possessive"}), ("x", "", set()),
])
def test_known_chains(text, after, expected):
    assert km.final_slots(text, after) == reference(text, after)
    assert bool(km.final_slots(text, after)) == bool(expected)


@settings(max_examples=2000, deadline=None, derandomize=True)
@given(st.text(alphabet="адеіңғқлмнрсты ыбпгкшйуаөүәx", max_size=14), st.sampled_from(BASES))
def test_automaton_agrees_with_the_parser_on_generated_strings(text, after):
    assert km.final_slots(text, after) == reference(text, after)


@pytest.fixture(scope="module")
def raw_seed_texts(project):
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(project.seeds.glob("*.txt")))
