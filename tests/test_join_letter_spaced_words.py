"""join_letter_spaced_words: letter-spaced runs in the newspaper (and one in the interview) close up,
wider gaps separate words; initials and short words are not letter-spacing."""
from __future__ import annotations

import pytest

from build_edition.core.model import Document
from build_edition.passes.words import join_letter_spaced_words
from build_edition.build.pipeline import read_documents

RULE = "join_letter_spaced_words"


@pytest.fixture(scope="module")
def lexicon(entries, project):
    return read_documents(entries, project.seeds)[0].meta["lexicon"]


def closed(text: str, lexicon) -> str:
    doc = Document("x", "newspaper", "x.txt", text, meta={"lexicon": lexicon})
    doc.blocks = [doc.make_block("paragraph", 0, len(text))]
    join_letter_spaced_words.run(doc)
    return doc.blocks[0].text


@pytest.mark.parametrize("seed_line, expected", [
    ("Бү г і н д е  П р е з и  д е н т і м і з ", "Бүгінде Президентіміз "),
    ("Е н д і  ш ы ғ ы с т а р  т у р а л ы ", "Енді шығыстар туралы "),
    ("Қ о с т а н а й  о б л ы с ы н д а", "Қостанай облысында"),
    ("Қ о р ы т а  а й т а р  б о л с а қ , ", "Қорыта айтар болсақ, "),
    ("д ұ р ы с  ш е ш і м  қ а б ы л д ау ғ а ", "дұрыс шешім қабылдауға "),
    ("с а я с а т к е р с ы м а қ т а р д ы ң ", "саясаткерсымақтардың "),
    ("ж о б а л а у ш ы л а р ы м ы з д ы ң , ", "жобалаушыларымыздың, "),
    # the run continues a word begun before it (`бай-` / `л а н ы с т ы`, after de-hyphenation)
    ("жерге байл а н ы с т ы  м ә с е л е л е р  ә л і  д е ", "жерге байланысты мәселелер әлі де "),
])
def test_seed_runs_close_up(lexicon, seed_line, expected):
    assert closed(seed_line, lexicon) == expected


@pytest.mark.parametrize("text", [
    "Елбасымыз Н . Ә . Назарбаевтың идеялары",   # initials with full stops (003)
    "және т . б . арасындағы",
    "ол да бұл да емес",                          # short words, not single letters
    "а) қауымдастығын, ә) айырмашылықтарын",
    "1 2 3 4 5",
    "к� пір іс  петті",                            # justification, not letter-spacing
])
def test_not_letter_spacing(lexicon, text):
    assert closed(text, lexicon) == text


def test_corpus_runs(docs_by_seed):
    runs = {seed: [e for e in doc.emendations if e.rule == RULE] for seed, doc in docs_by_seed.items()}
    assert len(runs["000"]) >= 7 and len(runs["001"]) == 2
    assert not runs["002"] and not runs["003"] and not runs["004"]
    after = {e.after for e in runs["000"]}
    assert "Бүгінде Президентіміз" in after and "Енді шығыстар туралы" in after
    for found in runs.values():
        for e in found:
            assert e.before.replace(" ", "") == e.after.replace(" ", ""), e
