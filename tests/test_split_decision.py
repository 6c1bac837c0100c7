"""join_split_words decides from general evidence, not from the seeds' particulars (issue 14): an
ending far more often than a word is an ending, two unknown long words are not run together, a
loanword in a soft sign takes front endings."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest

from build_edition.evidence.lexicon import Lexicon
from build_edition.evidence.word_model import WordModel
from build_edition.passes.words.join_split_words import rejoin

ROOT = Path(__file__).resolve().parent.parent


@functools.lru_cache(maxsize=1)
def _book_model() -> WordModel:
    """The word model of a clean book's first pages (seed 002, 4000 lines)."""
    book = next((ROOT / "seeds").glob("002_*.txt"))
    return WordModel(Lexicon.from_texts(["\n".join(book.read_text(encoding="utf-8").split("\n")[:4000])]))


def test_an_ending_far_more_often_than_a_word_is_an_ending():
    """`тың` ("new") stands alone a few times but ends hundreds of words: `топырақ` + `тың` is one
    word; `еді` is a frequent free word as well as an ending, and stays one."""
    text = ("тың тәсіл. " * 6 + "ауылдың облыстың адамның халықтың жұмыстың " * 200
            + "ол келген еді. " * 20 + "келеді береді көреді " * 100)
    model = WordModel(Lexicon.from_texts([text]))
    assert model.analysis("топырақтың") == ("топырақ", "тың")
    assert model.independent_word("еді")
    assert not model.independent_word("тың")


def test_two_unknown_long_words_stay_apart_while_fragments_join():
    model = _book_model()
    assert model.length_penalty(12) == 0.0 and model.length_penalty(23) < -2
    line = "робототехника зертханасы бар, ба лалар мек теп ке барады"
    assert rejoin(line, model, inside_word=0.3) == "робототехника зертханасы бар, балалар мектепке барады"


def test_a_loanword_in_a_soft_sign_takes_front_endings():
    model = WordModel(Lexicon.from_texts(["спектакль қойылды. театр спектакльі " * 5 + "театрдың сахнасы " * 20]))
    assert model.analysis("спектакльдің") == ("спектакль", "дің")


def test_the_cut_shape_likelihoods_are_measured_on_the_seeds():
    from build_edition.passes.words.join_split_words import VOWEL_CUT_IN_WORD, VOWEL_WORD_START, VOWELS

    root = Path(__file__).resolve().parent.parent
    rows = (root / "content" / "egemen-qazaqstan-2025-issue" / "emendations.jsonl").read_text(encoding="utf-8")
    joins = [json.loads(line)["before"] for line in rows.splitlines() if '"join_split_words"' in line]
    after_gaps = [m.group(1) for b in joins for m in re.finditer(r" +(\S)", b)]
    assert sum(ch.lower() in VOWELS for ch in after_gaps) / len(after_gaps) == pytest.approx(VOWEL_CUT_IN_WORD, abs=0.01)
    words = [w.lower() for p in sorted((root / "seeds").glob("00[1-4]_*.txt"))
             for w in re.findall(r"[а-яёәғқңөұүһі]+", p.read_text(encoding="utf-8").lower())]
    assert sum(w[0] in VOWELS for w in words) / len(words) == pytest.approx(VOWEL_WORD_START, abs=0.02)


def test_a_gap_before_a_vowel_is_rarely_inside_a_word():
    model = _book_model()
    # `мерейтойлары іліп`: two words, the second beginning with a vowel; `ба лалар`: a cut at an onset
    assert rejoin("мерейтойлары іліп қойылды, ба лалар келді", model, inside_word=0.3) == \
        "мерейтойлары іліп қойылды, балалар келді"


def test_after_a_converb_the_question_particle_stays_apart():
    model = _book_model()
    assert rejoin("сыртқа шығып па едің", model, inside_word=0.3) == "сыртқа шығып па едің"
