"""join_split_words decides from general evidence, not from the seeds' particulars (issue 14): an
ending far more often than a word is an ending, two unknown long words are not run together, a
loanword in a soft sign takes front endings."""
from __future__ import annotations

from pathlib import Path

from build_edition.evidence.lexicon import Lexicon
from build_edition.evidence.word_model import WordModel
from build_edition.passes.words.join_split_words import rejoin


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
    book = next((Path(__file__).resolve().parent.parent / "seeds").glob("002_*.txt"))
    text = "\n".join(book.read_text(encoding="utf-8").split("\n")[:4000])     # a clean book's first pages
    model = WordModel(Lexicon.from_texts([text]))
    assert model.length_penalty(12) == 0.0 and model.length_penalty(23) < -2
    line = "робототехника зертханасы бар, ба лалар мек теп ке барады"
    assert rejoin(line, model, inside_word=0.3) == "робототехника зертханасы бар, балалар мектепке барады"


def test_a_loanword_in_a_soft_sign_takes_front_endings():
    model = WordModel(Lexicon.from_texts(["спектакль қойылды. театр спектакльі " * 5 + "театрдың сахнасы " * 20]))
    assert model.analysis("спектакльдің") == ("спектакль", "дің")
