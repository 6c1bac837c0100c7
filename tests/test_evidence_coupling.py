"""Evidence must not couple documents: whether a text is damaged is judged by the text and the
dictionary alone, never by which other texts the corpus holds (issue 14: the newspaper 000's raw
fragments `бо`, `ла`, `ды` made a new damaged newspaper look clean)."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_edition.evidence.word_model import _corpus_texts, _text_key
from build_edition.evidence.lexicon import Lexicon
from build_edition.tools.simulate_damage import NEWSPAPER, damage
from build_edition.tools.unseen import make_project, unseen_documents

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



def _texts(result) -> dict[str, list[str]]:
    return {d.slug: [b.text for b in d.blocks] for d in result.docs}


@pytest.mark.slow
def test_adding_or_changing_a_new_document_changes_no_other_document(tmp_path):
    """A build of 003 and 004; then the same with a new damaged newspaper added, then with that
    newspaper replaced by another text: 003's and 004's restored text stay byte-identical."""
    from build_edition.build.pipeline import build_documents

    keep = [p.name for p in (ROOT / "seeds").glob("00[34]_*.txt")]
    slugs = ["interethnic-harmony-article", "constitution-draft-news"]
    before = _texts(build_documents(make_project(tmp_path / "a", ROOT, [], keep=keep), only=slugs, progress=False))
    news = unseen_documents()[:2]
    added = make_project(tmp_path / "b", ROOT, news[:1], keep=keep)
    after = build_documents(added, progress=False)
    assert {d.slug for d in after.docs} == set(slugs) | {news[0].slug}
    assert {k: v for k, v in _texts(after).items() if k in slugs} == before
    (added.seeds / news[0].source).write_text(news[1].damaged.text, encoding="utf-8")
    changed = build_documents(added, progress=False)
    assert {k: v for k, v in _texts(changed).items() if k in slugs} == before


@pytest.mark.slow
def test_replacing_a_pinned_seed_changes_no_other_document(tmp_path):
    """Issue 14's case: with the web page 004 replaced by another text, the newspaper 000 kept its
    `аймақтары мен` only by chance of the evidence; now the other documents keep 004's pinned text
    as evidence, and their restored text is byte-identical."""
    from build_edition.build.pipeline import Project, build, build_documents

    keep = [p.name for p in (ROOT / "seeds").glob("00[04]_*.txt")]
    project = make_project(tmp_path / "p", ROOT, [], keep=keep)
    (project.content / ".edition" / "evidence.json").unlink()        # a first build: pins and saves both
    project = Project(project.root, content_dir=project.content, jobs=1, use_cache=False)
    first = build(project, progress=False)
    web_page = next(project.seeds.glob("004_*.txt"))
    replacement = unseen_documents()[4]
    web_page.write_text(replacement.damaged.text, encoding="utf-8")
    again = build_documents(project, progress=False)
    assert any("changed since it was pinned" in note for note in again.notes)
    newspaper = "egemen-qazaqstan-2025-issue"
    assert _texts(again)[newspaper] == _texts(first)[newspaper]
    assert _texts(again)["constitution-draft-news"] != _texts(first)["constitution-draft-news"]
