"""Evidence must not couple documents: whether a text is damaged is judged by the text and the
dictionary alone, never by which other texts the corpus holds (issue 14: the newspaper 000's raw
fragments `бо`, `ла`, `ды` made a new damaged newspaper look clean)."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_edition.evidence.word_model import _corpus_texts, _text_key
from build_edition.evidence.lexicon import Lexicon
from build_edition.tools.simulate_damage import NEWSPAPER, damage
from build_edition.tools.unseen import unseen_documents

ROOT = Path(__file__).resolve().parent.parent
SEEDS = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("0*.txt"))}


def _state(text: str, corpus: list[str]) -> tuple[bool, float]:
    texts = _corpus_texts(Lexicon.from_texts(corpus))
    own = next(t for t in texts if t.key == _text_key(text))
    return own.damaged, own.fragment_rate


@pytest.fixture(scope="module")
def new_newspaper():
    doc = next(d for d in unseen_documents() if d.style == "newspaper")
    return doc.damaged.text, "\n\n".join(doc.paragraphs)


def test_a_new_damaged_newspaper_is_damaged_beside_the_raw_newspaper(new_newspaper):
    damaged, clean = new_newspaper
    assert _state(damaged, [SEEDS["000"], damaged])[0]
    assert _state(damaged, [SEEDS["000"], SEEDS["002"], damaged]) == _state(damaged, [damaged])
    assert not _state(clean, [SEEDS["000"], clean])[0]


@pytest.mark.parametrize("seed, damaged", [("000", True), ("001", False), ("002", False), ("003", False),
                                           ("004", False)])
def test_a_seeds_damage_state_does_not_depend_on_the_other_texts(seed, damaged, new_newspaper):
    alone = _state(SEEDS[seed], [SEEDS[seed]])
    assert alone[0] is damaged
    others = [SEEDS[s] for s in SEEDS if s != seed]
    assert _state(SEEDS[seed], [SEEDS[seed], *others]) == alone
    # a replaced or added document (here a newspaper damaged like 000) changes nothing either
    assert _state(SEEDS[seed], [SEEDS[seed], new_newspaper[0], *others[1:]]) == alone


def test_damage_state_of_a_heavily_and_a_lightly_damaged_text():
    paragraphs = [p for d in unseen_documents() if d.style == "newspaper" for p in d.paragraphs]
    assert _state(damage(paragraphs, NEWSPAPER, seed=9).text, [SEEDS["000"]] + [damage(paragraphs, NEWSPAPER, seed=9).text])[0]
    light = damage(paragraphs, NEWSPAPER.__class__(**{**NEWSPAPER.__dict__, "split_rate_by_length": {}}), seed=9).text
    assert not _state(light, [light])[0]     # broken glyphs and hyphens only: no justification fragments


def test_an_ending_far_more_often_than_a_word_is_an_ending():
    """`тың` ("new") stands alone a few times but ends hundreds of words: `топырақ` + `тың` is one
    word; `еді` is a frequent free word as well as an ending, and stays one."""
    from build_edition.evidence.word_model import WordModel

    text = ("тың тәсіл. " * 6 + "ауылдың облыстың адамның халықтың жұмыстың " * 200
            + "ол келген еді. " * 20 + "келеді береді көреді " * 100)
    model = WordModel(Lexicon.from_texts([text]))
    assert model.analysis("топырақтың") == ("топырақ", "тың")
    assert model.independent_word("еді")
    assert not model.independent_word("тың")
