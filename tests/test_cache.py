"""Incremental builds (build_edition.build.cache) and the pinned corpus evidence (build_edition.evidence.pinned).

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

from build_edition.build import cache as cache_module
from build_edition.build.cache import CACHE_DIR, DocumentCache, Inputs, pack, registry_digest
from build_edition.core.errors import EditionError
from build_edition.evidence.pinned import EVIDENCE_FILE, EVIDENCE_TEXTS, PinnedEvidence
from build_edition.read.catalog import load_catalog
from build_edition.store.datafiles import attach_data_files
from build_edition.build.pipeline import Project, build, build_documents
from build_edition.read.seed_reader import read_seed
from build_edition.store.segment_ids import Registry, Span, attach_registries, registry_path
from build_edition.write.writer import render_edition
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


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
def test_a_changed_pinned_seed_reprocesses_that_document_only_and_says_why(tmp_path):
    """The pinned texts are saved in content/: a changed (or replaced) pinned seed is restored like a
    new document, the others keep its pinned text as evidence and stay as they were (issue 14)."""
    project = _project(tmp_path)
    first = build(project, progress=False)
    seed = next(project.seeds.glob("003_*.txt"))
    saved = project.content / EVIDENCE_TEXTS / seed.name
    pinned_text = saved.read_text(encoding="utf-8")
    assert pinned_text == next(d for d in first.docs if d.slug == ARTICLE).source
    seed.write_bytes(seed.read_bytes() + "\nҚосымша жол.\n".encode())
    result = build(project, progress=False)
    assert result.processed == [ARTICLE] and result.cached == [WEB_PAGE]
    assert result.stats[ARTICLE].why == ["seed"]
    assert any("changed since it was pinned" in note for note in result.notes)
    web_page = [path for path in _files(first) if path.startswith(WEB_PAGE + "/")]
    assert web_page and all(_files(result)[path] == _files(first)[path] for path in web_page)
    assert "Қосымша жол" in "".join(b.text for d in result.docs if d.slug == ARTICLE for b in d.blocks)
    assert saved.read_text(encoding="utf-8") == pinned_text      # still the pinned text
    # the web page restored afresh (no cache) with the changed article beside it: the same text
    fresh = build_documents(dataclasses.replace(project, use_cache=False), only=[WEB_PAGE], progress=False)
    assert [b.text for b in fresh.docs[0].blocks] == [b.text for d in first.docs if d.slug == WEB_PAGE
                                                      for b in d.blocks]


def test_the_evidence_of_a_document_outside_the_pinned_corpus_includes_its_own_words():
    evidence = PinnedEvidence(("a.txt",), {"a.txt": "бірінші мәтін"})
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


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
def test_a_cache_that_cannot_be_written_does_not_fail_the_build(tmp_path):
    project = _project(tmp_path)
    (project.root / ".cache").write_text("a file where the cache folder should be", encoding="utf-8")
    result = build_documents(project, progress=False)
    assert result.processed == [ARTICLE, WEB_PAGE]
    assert any("cannot store" in note for note in result.notes)
    assert build_documents(project, progress=False).processed == [ARTICLE, WEB_PAGE]


@pytest.mark.slow
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
    assert "passes/words/join_split_words.py" in files and "data/hunspell/kk_KZ.dic" in files


def _blocks(result, slug: str) -> list[tuple]:
    doc = next(d for d in result.docs if d.slug == slug)
    return [(b.id, b.kind, b.text, repr(sorted(b.attrs.items()))) for b in doc.blocks]


@pytest.mark.slow
def test_only_the_data_files_the_passes_read_reprocess_the_documents(tmp_path):
    project = _project(tmp_path)
    first = build(project, progress=False)
    data = project.content / "data"
    assert (data / "glossary.yml").is_file()   # the scratch edition carries the curated data files along
    # the index of names is read by a pass (link_entities): an edit reprocesses every document ...
    entities = data / "entities.yml"
    text = entities.read_text(encoding="utf-8")
    assert "  - id: toqaev\n" in text
    entities.write_text(text.replace("  - id: toqaev\n", "  - id: senat-test\n    name: Конституциялық реформа\n"
                                     "    type: organisation\n    variants: [Конституциялық реформа]\n"
                                     "  - id: toqaev\n", 1), encoding="utf-8")
    result = build(project, progress=False)
    assert result.processed == [ARTICLE, WEB_PAGE] and all(s.why == ["data_files"] for s in result.stats.values())
    assert _blocks(result, WEB_PAGE) != _blocks(first, WEB_PAGE)        # ... and the passes did read it
    # ... the glossary only when the pages are written, on every build: nothing is reprocessed, yet the
    # edition shows the edit
    glossary = data / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "  - term: ЖТБ\n    expansion: Жаңа термин бірлестігі\n",
                        encoding="utf-8")
    again = build(project, progress=False)
    assert again.processed == [] and again.cached == [ARTICLE, WEB_PAGE]
    assert any("Жаңа термин бірлестігі" in text for text in _files(again).values())
    # leaving the glossary out of the key is right: processed afresh, the documents are those of the cache
    cached = build_documents(project, progress=False)
    fresh = build_documents(Project(project.root, content_dir=project.content, jobs=1, use_cache=False),
                            progress=False)
    assert cached.cached == [ARTICLE, WEB_PAGE] and fresh.processed == [ARTICLE, WEB_PAGE]
    for slug in (ARTICLE, WEB_PAGE):
        assert _blocks(fresh, slug) == _blocks(cached, slug)


def _read(project: Project):
    """The web page as a build reads it, before processing (what its cache key is made of)."""
    entries = load_catalog(project.catalog, project.seeds)
    docs = [read_seed(e, project.seeds) for e in entries]
    attach_registries(docs, project.content)
    attach_data_files(docs, project.content, project.root)
    return next(d for d in docs if d.slug == WEB_PAGE)


def _change_seed(project: Project) -> None:
    seed = next(project.seeds.glob("004_*.txt"))
    seed.write_bytes(seed.read_bytes() + "\nҚосымша жол.\n".encode())


def _change_entry(project: Project) -> None:
    _edit_entry(project, WEB_PAGE, title="Жаңа атау")


def _change_data_file(project: Project) -> None:
    path = project.content / "data" / "entities.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# редактордың ескертпесі\n", encoding="utf-8")


def _retire_an_id(project: Project) -> None:
    path = project.content / registry_path(WEB_PAGE)
    path.write_text(path.read_text(encoding="utf-8").replace('"state": "active"', '"state": "retired"', 1),
                    encoding="utf-8")


def _reserve_an_id(project: Project) -> None:
    """An editor adds a paragraph of their own, with an id the build never issued."""
    page = sorted((project.content / WEB_PAGE).glob("[0-9]*.md"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\nРедактордың абзацы.\n{: #p900 }\n", encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("change, why", [
    (_change_seed, "seed"), (_change_entry, "entry"), (_change_data_file, "data_files"),
    (_retire_an_id, "registry"), (_reserve_an_id, "registry")])
def test_every_input_of_a_document_is_in_its_cache_key(tmp_path, change, why):
    project = _project(tmp_path)
    built = build(project, progress=False)
    cache = DocumentCache(project.root)
    doc, cached_web_page = _read(project), next(d for d in built.docs if d.slug == WEB_PAGE)
    hit, reasons = cache.load(Inputs.of(doc, built.evidence.digest))
    assert reasons == [] and _files(type(built)([hit])) == _files(type(built)([cached_web_page]))
    change(project)
    doc = _read(project)
    assert cache.load(Inputs.of(doc, built.evidence.digest)) == (None, [why])
    if why == "registry" and change is _reserve_an_id:
        assert doc.meta["segment_registry"].reserved == {"p900"}


@pytest.mark.slow
def test_the_evidence_and_the_pipeline_version_are_in_the_cache_key(tmp_path, monkeypatch):
    project = _project(tmp_path, seeds=("004",))
    built = build(project, progress=False)
    cache, doc = DocumentCache(project.root), _read(project)
    assert cache.load(Inputs.of(doc, built.evidence.digest))[1] == []
    assert cache.load(Inputs.of(doc, "other evidence")) == (None, ["evidence"])
    monkeypatch.setattr(cache_module, "pipeline_version", lambda: "another pipeline")
    assert cache.load(Inputs.of(doc, built.evidence.digest)) == (None, ["version"])


def test_reserved_ids_change_the_registry_digest():
    registry = Registry()
    registry.assign([Span(0, 9, "a", 1)])
    plain = registry_digest(registry)
    registry.reserved.add("p1-2")
    assert registry_digest(registry) != plain
    registry.reserved.discard("p1-2")
    assert registry_digest(registry) == plain


@pytest.mark.slow
def test_an_editor_paragraph_with_its_own_id_reprocesses_its_document(tmp_path):
    """A processed document may have issued the very id an editor now uses (the build stopped on a
    merge conflict, so the registry in content/ is still the old one): it must be processed again."""
    project = _project(tmp_path)
    build(project, progress=False)
    _reserve_an_id(project)
    result = build_documents(project, progress=False)
    assert result.processed == [WEB_PAGE] and result.cached == [ARTICLE]
    assert result.stats[WEB_PAGE].why == ["registry"]


@pytest.mark.slow
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


@pytest.mark.slow
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
