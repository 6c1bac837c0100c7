"""Incremental builds (build_edition.cache) and the pinned corpus evidence (build_edition.evidence).

The builds run in-process on throw-away copies of the two smallest real seeds (an article and a web
page), so the cache, content/ and the evidence list are the copies' own.
"""
from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
import yaml

from build_edition import cache as cache_module
from build_edition.cache import CACHE_DIR, DocumentCache, Inputs, pack, registry_digest
from build_edition.errors import EditionError
from build_edition.evidence import EVIDENCE_FILE, Evidence
from build_edition.pipeline import Project, build, build_documents
from build_edition.segment_ids import Registry
from build_edition.writer import render_edition
from tests.project_copy import ROOT, make_project, run_build

ARTICLE, WEB_PAGE = "interethnic-harmony-article", "constitution-draft-news"


def _project(tmp_path: Path, seeds=("003", "004"), **kw) -> Project:
    root = tmp_path / "project"
    if not root.exists():
        make_project(root, seeds)
    return Project(root, content_dir=tmp_path / "content", jobs=1, **kw)


def _files(result) -> dict[str, str]:
    return render_edition(result.docs)


def _edit_entry(project: Project, slug: str, **changes) -> None:
    catalog = yaml.safe_load(project.catalog.read_text(encoding="utf-8"))
    entry = next(e for e in catalog["documents"] if e["slug"] == slug)
    entry.update(changes)
    project.catalog.write_text(yaml.safe_dump(catalog, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _add_document(project: Project, prefix: str) -> str:
    """Copy a real seed and its catalogue entry into the project; returns its slug."""
    real = yaml.safe_load((ROOT / "seeds" / "catalog.yml").read_text(encoding="utf-8"))
    entry = next(e for e in real["documents"] if e["source"].startswith(prefix))
    shutil.copyfile(ROOT / "seeds" / entry["source"], project.seeds / entry["source"])
    catalog = yaml.safe_load(project.catalog.read_text(encoding="utf-8"))
    catalog["documents"].append(entry)
    project.catalog.write_text(yaml.safe_dump(catalog, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return entry["slug"]


def test_unchanged_documents_come_from_the_cache_with_the_same_output(tmp_path):
    project = _project(tmp_path)
    first = build_documents(project, progress=False)
    assert first.processed == [ARTICLE, WEB_PAGE] and first.cached == []
    assert {s.why[0] for s in first.stats.values()} == {"new"}
    second = build_documents(project, progress=False)
    assert second.processed == [] and second.cached == [ARTICLE, WEB_PAGE]
    assert _files(second) == _files(first)
    # the cache lives in the project, outside content/, in a git-ignored folder
    assert sorted(p.name for p in (project.root / CACHE_DIR).iterdir()) == [f"{WEB_PAGE}.pickle", f"{ARTICLE}.pickle"]
    assert ".cache/" in (ROOT / ".gitignore").read_text().split()


def test_a_changed_catalogue_entry_reprocesses_that_document_only(tmp_path):
    project = _project(tmp_path)
    build_documents(project, progress=False)
    _edit_entry(project, WEB_PAGE, title="Жаңа Конституция жобасы жарияланды")
    changed = build_documents(project, progress=False)
    assert changed.processed == [WEB_PAGE] and changed.cached == [ARTICLE]
    assert changed.stats[WEB_PAGE].why == ["entry"]
    fresh = build_documents(_project(tmp_path, use_cache=False), progress=False)
    assert _files(changed) == _files(fresh)
    assert "Жаңа Конституция жобасы жарияланды" in "".join(_files(changed).values())


def test_a_new_document_is_processed_alone_with_the_pinned_evidence_and_its_own_text(tmp_path):
    project = _project(tmp_path, seeds=("003",))
    build(project, progress=False)
    pinned = json.loads((project.content / EVIDENCE_FILE).read_text(encoding="utf-8"))
    assert [s["source"] for s in pinned["seeds"]] == ["003_5a3b880363e0e3f6.txt"]

    added = _add_document(project, "004")
    result = build(project, progress=False)
    assert result.processed == [added] and result.cached == [ARTICLE]
    assert any("not in the pinned corpus evidence" in note and "004_" in note for note in result.notes)
    assert (project.content / EVIDENCE_FILE).read_text(encoding="utf-8") == json.dumps(pinned, ensure_ascii=False,
                                                                                     indent=1, sort_keys=True) + "\n"
    # pinned evidence plus its own text is exactly the evidence of a build that pins both seeds
    both = build_documents(Project(project.root, content_dir=tmp_path / "elsewhere", jobs=1, use_cache=False),
                           progress=False)
    assert render_edition([d for d in result.docs if d.slug == added]) == \
        render_edition([d for d in both.docs if d.slug == added])

    project.refresh_evidence = True
    refreshed = build(project, progress=False)
    assert refreshed.processed == [ARTICLE, added]
    assert all(refreshed.stats[slug].why == ["evidence"] for slug in refreshed.processed)
    pinned = json.loads((project.content / EVIDENCE_FILE).read_text(encoding="utf-8"))
    assert [s["source"] for s in pinned["seeds"]] == ["003_5a3b880363e0e3f6.txt", "004_f20501a1731f393f.txt"]


def test_a_changed_pinned_seed_reprocesses_every_document_and_says_why(tmp_path):
    project = _project(tmp_path)
    build(project, progress=False)
    seed = next(project.seeds.glob("003_*.txt"))
    seed.write_bytes(seed.read_bytes() + "\nҚосымша жол.\n".encode("utf-8"))
    result = build(project, progress=False)
    assert result.processed == [ARTICLE, WEB_PAGE]
    assert result.stats[ARTICLE].why == ["seed", "evidence"] and result.stats[WEB_PAGE].why == ["evidence"]
    assert any("changed since it was pinned" in note for note in result.notes)


def test_the_evidence_of_a_document_outside_the_pinned_corpus_includes_its_own_words():
    evidence = Evidence(("a.txt",), {"a.txt": "бірінші мәтін"})
    own = evidence.lexicon_for_document("b.txt", "екінші мәтін")
    assert own.freq("мәтін") == 2 and own.freq("екінші") == 1 and own.texts == ("бірінші мәтін", "екінші мәтін")
    assert evidence.lexicon_for_document("a.txt", "бірінші мәтін") is evidence.lexicon()
    assert evidence.lexicon().freq("екінші") == 0


def test_a_broken_evidence_list_is_a_clear_error(tmp_path):
    project = _project(tmp_path)
    (project.content / ".edition").mkdir(parents=True)
    (project.content / EVIDENCE_FILE).write_text("{\"seeds\": [{\"sha256\": 1}]", encoding="utf-8")
    with pytest.raises(EditionError) as error:
        build_documents(project, progress=False)
    assert EVIDENCE_FILE in str(error.value) and "--refresh-evidence" in str(error.value)


def _damage_truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])


def _damage_garbage(path: Path) -> None:
    path.write_bytes(b"\x00\xff not a cache entry" * 100)


def _damage_payload(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF                  # a flipped bit in the stored document
    path.write_bytes(bytes(data))


def _damage_empty(path: Path) -> None:
    path.write_bytes(b"")


@pytest.mark.parametrize("damage", [_damage_truncate, _damage_garbage, _damage_payload, _damage_empty])
def test_a_damaged_cache_entry_is_only_a_miss(tmp_path, damage):
    project = _project(tmp_path)
    clean = build_documents(project, progress=False)
    damage(project.root / CACHE_DIR / f"{WEB_PAGE}.pickle")
    result = build_documents(project, progress=False)
    assert result.processed == [WEB_PAGE] and result.cached == [ARTICLE]
    assert result.stats[WEB_PAGE].why == ["damaged"]
    assert any(WEB_PAGE in note and "unusable" in note for note in result.notes)
    assert _files(result) == _files(clean)
    assert build_documents(project, progress=False).processed == []       # the entry was rewritten


def test_an_entry_holding_another_document_is_not_used(tmp_path):
    project = _project(tmp_path)
    clean = build_documents(project, progress=False)
    entries = DocumentCache(project.root)
    article = next(d for d in clean.docs if d.slug == ARTICLE)
    web_page = next(d for d in clean.docs if d.slug == WEB_PAGE)
    # a consistent entry (right key, registry and checksum) whose document is the article
    inputs = dataclasses.replace(Inputs.of(web_page, clean.evidence.digest), registry=registry_digest(Registry()))
    entries.store(pack(article), inputs, inputs.registry)
    result = build_documents(project, progress=False)
    assert result.processed == [WEB_PAGE] and result.stats[WEB_PAGE].why == ["damaged"]
    assert _files(result) == _files(clean)


def test_a_cache_that_cannot_be_written_does_not_fail_the_build(tmp_path):
    project = _project(tmp_path)
    (project.root / ".cache").write_text("a file where the cache folder should be", encoding="utf-8")
    result = build_documents(project, progress=False)
    assert result.processed == [ARTICLE, WEB_PAGE]
    assert any("cannot store" in note for note in result.notes)
    assert build_documents(project, progress=False).processed == [ARTICLE, WEB_PAGE]


def test_a_pipeline_change_reprocesses_every_document(tmp_path, monkeypatch):
    project = _project(tmp_path)
    build_documents(project, progress=False)
    monkeypatch.setattr(cache_module, "pipeline_version", lambda: "another pipeline")
    result = build_documents(project, progress=False)
    assert result.processed == [ARTICLE, WEB_PAGE]
    assert all(s.why == ["version"] for s in result.stats.values())


def test_the_pipeline_version_covers_code_and_data_files():
    version = cache_module.pipeline_version()
    assert len(version) == 64
    files = {p.relative_to(cache_module.PACKAGE).as_posix() for p in cache_module.PACKAGE.rglob("*") if p.is_file()}
    assert "passes/join_split_words.py" in files and "data/hunspell/kk_KZ.dic" in files


def test_an_edited_data_file_reprocesses_the_documents(tmp_path):
    project = _project(tmp_path)
    build(project, progress=False)
    glossary = project.content / "data" / "glossary.yml"
    assert glossary.is_file()          # the scratch edition carries the curated data files along
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n# editor's note\n", encoding="utf-8")
    result = build(project, progress=False)
    assert result.processed == [ARTICLE, WEB_PAGE] and all(s.why == ["data_files"] for s in result.stats.values())


def test_the_segment_registry_written_by_a_build_serves_the_cached_documents(tmp_path):
    """A build issues ids into the registry; the next build starts from that registry and must reuse the
    cache, which relies on processing from the new registry giving the same blocks and registry."""
    project = _project(tmp_path)
    first = build(project, progress=False)
    again = build(project, progress=False)
    assert again.processed == [] and again.cached == [ARTICLE, WEB_PAGE]
    project.use_cache = False
    reprocessed = build(project, progress=False)
    for a, b in zip(first.docs, reprocessed.docs):
        assert [(x.id, x.text) for x in a.blocks] == [(x.id, x.text) for x in b.blocks]
        assert a.meta["segment_registry"].to_jsonl() == b.meta["segment_registry"].to_jsonl()


def test_the_build_says_what_it_reprocessed_and_why(tmp_path):
    root = make_project(tmp_path / "project")
    first = run_build(root)
    assert first.returncode == 0, first.stderr
    assert "processed 1 of 1 documents (1 worker process): not built before" in first.stdout
    second = run_build(root)
    assert "1 of 1 documents unchanged, taken from .cache/edition" in second.stdout
    assert "processed 1 of" not in second.stdout
    _edit_entry(Project(root), WEB_PAGE, short_title="Конституция жобасы")
    third = run_build(root)
    assert "processed 1 of 1 documents (1 worker process): catalogue entry changed" in third.stdout
