"""The synthetic corpus for scale benchmarks (build_edition.tools.synthetic): real paragraphs, new documents."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from build_edition.read.catalog import load_catalog
from build_edition.build.pipeline import Project, build_documents
from build_edition.tools.synthetic import make_corpus, paragraph_units
from tests.project_copy import ROOT, make_project


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("synthetic") / "x3", 3)


def test_the_corpus_is_scale_times_the_seeds(corpus):
    entries = load_catalog(corpus / "seeds" / "catalog.yml", corpus / "seeds")
    real = load_catalog(ROOT / "seeds" / "catalog.yml", ROOT / "seeds")
    assert len(entries) == 3 * len(real)
    assert len({e.slug for e in entries}) == len(entries) and len({e.source for e in entries}) == len(entries)
    assert [e.slug for e in entries[: len(real)]] == [e.slug for e in real]     # the real documents first
    size = sum((corpus / "seeds" / e.source).stat().st_size for e in entries)
    real_size = sum((ROOT / "seeds" / e.source).stat().st_size for e in real)
    assert 2.9 * real_size < size < 3.2 * real_size
    for entry in entries[len(real):]:
        model = next(r for r in real if entry.slug.startswith(r.slug[:60]))
        assert entry.kind == model.kind and entry.overrides == {}           # line-numbered overrides do not apply


def test_every_synthetic_document_is_made_of_its_model_seeds_paragraphs(corpus):
    for path in sorted((corpus / "seeds").glob("syn*.txt")):
        model = next((ROOT / "seeds").glob(path.name.split("_")[1] + "_*.txt")).read_text(encoding="utf-8")
        units = set(paragraph_units(model))
        text = path.read_text(encoding="utf-8")
        assert set(paragraph_units(text)) <= units, path.name
        assert 0.9 * len(model) <= len(text) <= 1.3 * len(model) + 5000


def test_the_documents_are_distinct_and_the_corpus_reproducible(corpus, tmp_path):
    texts = [p.read_bytes() for p in sorted((corpus / "seeds").glob("*.txt"))]
    assert len({hashlib.sha256(t).hexdigest() for t in texts}) == len(texts)
    again = make_corpus(tmp_path / "again", 3)
    assert {p.name: p.read_bytes() for p in (again / "seeds").iterdir()} == \
        {p.name: p.read_bytes() for p in (corpus / "seeds").iterdir()}


def test_scale_one_is_the_seeds_themselves(tmp_path):
    one = make_corpus(tmp_path / "x1", 1)
    assert sorted(p.name for p in (one / "seeds").glob("*.txt")) == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    with pytest.raises(ValueError):
        make_corpus(tmp_path / "x0", 0)


@pytest.mark.slow
def test_synthetic_documents_go_through_the_pipeline(tmp_path):
    small = make_project(tmp_path / "small", ("003", "004"))
    corpus = make_corpus(tmp_path / "x2", 2, seeds_dir=small / "seeds")
    result = build_documents(Project(corpus, content_dir=tmp_path / "content", use_cache=False), progress=False)
    assert len(result.docs) == 4
    for doc in result.docs:
        assert doc.blocks and all(b.id for b in doc.blocks)
        assert sum(len(b.text) for b in doc.blocks) > 0.8 * len(doc.source.replace("\n", ""))
