"""Documents processed in a process pool: the same output as one process, whatever the completion order."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_edition.build import pipeline
from build_edition.core.errors import EditionError
from build_edition.passes import PIPELINE, passes_for
from build_edition.build.pipeline import Project, build_documents
from build_edition.write.writer import render_edition
from tests.project_copy import make_project

pytestmark = pytest.mark.slow

SEEDS = ("001", "003", "004")            # an interview, an article and a web page: three sizes


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("parallel") / "project", SEEDS)


def _build(root: Path, tmp_path: Path, jobs: int, progress: bool = False):
    return build_documents(Project(root, content_dir=tmp_path / "content", jobs=jobs, use_cache=False),
                           progress=progress)


def _output(result) -> dict[str, str]:
    """Everything the edition writes from the documents, emendation and removal logs included."""
    return render_edition(result.docs)


@pytest.fixture(scope="module")
def serial(root, tmp_path_factory):
    return _build(root, tmp_path_factory.mktemp("serial"), jobs=1)


def test_the_pool_gives_the_same_edition_as_one_process(root, serial, tmp_path):
    parallel = _build(root, tmp_path, jobs=3)
    assert parallel.jobs == 3 and serial.jobs == 1
    assert [d.slug for d in parallel.docs] == [d.slug for d in serial.docs]      # catalogue order
    assert [d.seed_name[:3] for d in parallel.docs] == list(SEEDS)
    assert _output(parallel) == _output(serial)
    for a, b in zip(parallel.docs, serial.docs):
        assert [(e.rule, e.before, e.after, e.offset) for e in a.emendations] == \
            [(e.rule, e.before, e.after, e.offset) for e in b.emendations]
        assert a.meta["segment_registry"].to_jsonl() == b.meta["segment_registry"].to_jsonl()
        assert "lexicon" not in a.meta and "word_model" not in a.meta      # shared evidence stays behind


@pytest.mark.parametrize("order", ["smallest first", "reversed catalogue"])
def test_the_completion_order_does_not_change_the_output(root, serial, tmp_path, monkeypatch, order):
    if order == "smallest first":
        monkeypatch.setattr(pipeline, "_schedule", lambda docs, idx: sorted(idx, key=lambda i: len(docs[i].source)))
    else:
        monkeypatch.setattr(pipeline, "_schedule", lambda docs, idx: sorted(idx, reverse=True))
    result = _build(root, tmp_path, jobs=2)
    assert [d.slug for d in result.docs] == [d.slug for d in serial.docs]
    assert _output(result) == _output(serial)


def test_per_document_statistics_come_back_from_the_workers(root, tmp_path):
    result = _build(root, tmp_path, jobs=2)
    docs = {doc.slug: doc for doc in result.docs}
    for slug, stats in result.stats.items():
        assert not stats.cached and stats.peak_rss_mb > 0 and stats.wall >= stats.passes["assign_ids"]
        assert set(stats.passes) == {m.__name__.rsplit(".", 1)[-1] for m in passes_for(docs[slug])}
    assert set(result.timings) == set().union(*(stats.passes for stats in result.stats.values()))
    assert result.wall >= max(s.wall for s in result.stats.values())


def test_an_error_in_a_worker_reaches_the_user_with_its_file_line_and_hint(root, tmp_path, monkeypatch):
    first = PIPELINE[0]
    original = first.run

    def failing(doc):
        if doc.seed_name.startswith("003"):
            raise EditionError("a test failure", file=doc.seed_name, line=7, hint="nothing to fix")
        original(doc)

    monkeypatch.setattr(first, "run", failing)        # inherited by the forked workers
    with pytest.raises(EditionError) as error:
        _build(root, tmp_path, jobs=2)
    assert (error.value.file, error.value.line, error.value.hint) == ("003_5a3b880363e0e3f6.txt", 7, "nothing to fix")
    assert str(error.value).startswith("003_5a3b880363e0e3f6.txt:7: a test failure")


def test_the_progress_bar_counts_the_documents(root, tmp_path, capsys):
    _build(root, tmp_path, jobs=2, progress=True)
    err = capsys.readouterr().err
    assert "documents" in err and "3/3" in err
    _build(root, tmp_path, jobs=2, progress=False)
    assert "documents" not in capsys.readouterr().err


def test_a_worker_that_dies_is_an_error_not_a_hang(root, tmp_path, monkeypatch):
    first = PIPELINE[0]
    original = first.run

    def dying(doc):
        if doc.seed_name.startswith("003"):
            os._exit(1)                      # as if killed by the system (out of memory)
        original(doc)

    monkeypatch.setattr(first, "run", dying)
    with pytest.raises(EditionError) as error:
        _build(root, tmp_path, jobs=2)
    assert "worker process ended" in str(error.value) and "--jobs 1" in str(error.value)
