"""Segment ids: stable across rebuilds, editors' edits and pipeline changes; never reused for other text.

The build runs on throw-away project copies (tests/project_copy.py), never on the real content/.
Pipeline changes are simulated on real documents by changing block boundaries the way a better
pass would (a furniture line removed at a paragraph start, a heading split off, two paragraphs
joined) between two runs of ``assign_ids`` that share the registry.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from build_edition import layout
from build_edition.catalog import load_catalog
from build_edition.merge import parse_page
from build_edition.passes import PIPELINE, assign_ids
from build_edition.pipeline import read_documents
from build_edition.segment_ids import Registry, registry_path
from tests.project_copy import make_project, run_build

PAGE_IDS = re.compile(r"\{:[^}]*#(p\d+(?:-\d+)?)[\s}]")


def page_ids(content: Path) -> dict[str, list[str]]:
    """{page file: segment ids in order}, read from the Markdown as an editor sees it."""
    out = {}
    for path in sorted(content.glob("*/[0-9][0-9]-*.md")):
        out[path.relative_to(content).as_posix()] = PAGE_IDS.findall(path.read_text(encoding="utf-8"))
    return out


def chunk_texts(content: Path) -> dict[str, str]:
    """{segment id: its Markdown chunk} over every page."""
    texts = {}
    for path in sorted(content.glob("*/[0-9][0-9]-*.md")):
        for chunk in parse_page(path.read_text(encoding="utf-8")).chunks:
            if chunk.key.startswith("p"):
                texts[f"{path.parent.name}#{chunk.key}"] = chunk.body
    return texts


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("ids") / "project", seeds=("003", "004"))
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    return project


def test_first_build_names_ids_after_seed_lines_and_records_them(built_project):
    content = built_project / "content"
    ids = page_ids(content)
    assert sum(len(v) for v in ids.values()) > 80
    for document in ("interethnic-harmony-article", "constitution-draft-news"):
        registry = content / registry_path(document)
        rows = [json.loads(line) for line in registry.read_text(encoding="utf-8").splitlines()]
        in_pages = [i for page, v in ids.items() if page.startswith(document) for i in v]
        assert sorted(r["id"] for r in rows) == sorted(in_pages)
        assert all(r["state"] == "active" and r["start"] <= r["end"] for r in rows)
    # 003's abstract starts on seed line 25 (the seed's own numbering, checked by reading it)
    seed = next((built_project / "seeds").glob("003_*.txt")).read_text(encoding="utf-8").split("\n")
    assert seed[24].startswith("Бұл мақалада автор")
    assert "p25" in ids["interethnic-harmony-article/01-etnosaralyq-kelisim.md"]


def test_ids_and_content_unchanged_by_a_rebuild(built_project):
    content = built_project / "content"
    before = {p.relative_to(content).as_posix(): p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}
    result = run_build(built_project)
    assert result.returncode == 0, result.stderr
    after = {p.relative_to(content).as_posix(): p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}
    assert after == before


def test_ids_unchanged_after_an_editor_edits_a_neighbouring_paragraph(built_project):
    content = built_project / "content"
    page = content / "interethnic-harmony-article" / "01-etnosaralyq-kelisim.md"
    before_ids = page_ids(content)
    text = page.read_text(encoding="utf-8")
    edited = text.replace("Көп ұлт өкілдерінің дүниетанымын", "Көп ұлт өкілдерінің дүниетанымы мен", 1)
    assert edited != text
    page.write_text(edited, encoding="utf-8")
    result = run_build(built_project)
    assert result.returncode == 0, result.stderr
    assert page_ids(content) == before_ids
    assert "Көп ұлт өкілдерінің дүниетанымы мен" in page.read_text(encoding="utf-8")   # the edit is kept


def test_a_corrupted_registry_stops_the_build_with_file_and_line(tmp_path):
    project = make_project(tmp_path / "project", seeds=("004",))
    assert run_build(project).returncode == 0
    registry = project / "content" / registry_path("constitution-draft-news")
    lines = registry.read_text(encoding="utf-8").splitlines()
    registry.write_text("\n".join(lines[:2] + ['{"id": "p1", "start": "x"'] + lines[2:]) + "\n", encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 2
    assert "segment id registry" in result.stderr and ":3" in result.stderr and "Traceback" not in result.stderr


# -- pipeline changes, on real documents -----------------------------------------------------------------

@pytest.fixture(scope="module")
def article(project, entries):
    """Seed 003 through every pass except assign_ids (a fresh Document per call)."""
    def make():
        doc = next(d for d in read_documents([e for e in entries if e.source.startswith("003")], project.seeds))
        for module in PIPELINE:
            if module is not assign_ids:
                module.run(doc)
        return doc
    return make


def assign(doc, registry: Registry) -> dict[int, str]:
    """Ids by the seed offset each block starts at."""
    doc.meta["segment_registry"] = registry
    assign_ids.run(doc)
    return {min(b.origin): b.id for b in doc.blocks}


def block_at(doc, text: str):
    return next(b for b in doc.blocks if b.text.startswith(text))


def test_without_a_registry_ids_are_the_first_seed_line(article):
    doc = article()
    assign(doc, Registry())
    for block in doc.blocks:
        line = doc.line_of(min(block.origin))
        assert block.id == f"p{line}" or block.id.startswith(f"p{line}-")
    assert len({b.id for b in doc.blocks}) == len(doc.blocks)


def test_a_paragraph_whose_first_line_is_now_removed_keeps_its_id(article):
    registry = Registry()
    first = article()
    assign(first, registry)
    paragraph = block_at(first, "Бұл мақалада автор")
    old_id = paragraph.id

    second = article()
    changed = block_at(second, "Бұл мақалада автор")
    first_line = second.line_of(min(changed.origin))
    cut = next(i for i, o in enumerate(changed.origin) if second.line_of(o) > first_line)
    second.remove_span(changed, 0, cut, "better furniture rule")         # its first seed line is gone
    assert second.line_of(min(changed.origin)) != first.line_of(min(paragraph.origin))
    ids = assign(second, registry)
    assert changed.id == old_id
    unchanged = {offset: ident for offset, ident in ids.items() if ident != old_id}
    first_ids = {min(b.origin): b.id for b in first.blocks if b.id != old_id}
    assert unchanged == first_ids                                          # every other block too


def test_a_split_gives_the_new_part_a_new_id_and_a_vanished_text_retires_its_id(article):
    registry = Registry()
    first = article()
    assign(first, registry)
    issued = {e.id for e in registry.entries}
    body = block_at(first, "Елбасымыз Н. Ә. Назарбаевтың")
    body_id, body_len = body.id, len(body.text)

    second = article()
    block = block_at(second, "Елбасымыз Н. Ә. Назарбаевтың")
    tail = layout.split_block(second, block, int(body_len * 0.7))         # a better pass splits it 70/30
    assign(second, registry)
    assert block.id == body_id                                             # most of its text: same id
    assert tail.id not in issued                                           # new text: an id never issued
    assert tail.id.startswith("p")

    third = article()
    block = block_at(third, "Елбасымыз Н. Ә. Назарбаевтың")
    layout.split_block(third, block, int(body_len * 0.2))                  # now only 20 % stays with it
    assign(third, registry)
    retired = {e.id for e in registry.entries if e.state == "retired"}
    assert body_id in retired
    assert block.id != body_id and block.id not in issued

    fourth = article()                                                     # the original text returns
    assign(fourth, registry)
    ids = [b.id for b in fourth.blocks]
    assert body_id not in ids                                              # a retired id is never reused
    assert len(set(ids)) == len(ids)


def test_joined_paragraphs_keep_the_larger_ones_id(article):
    registry = Registry()
    first = article()
    assign(first, registry)
    a, b = block_at(first, "Көп ұлт өкілдерінің"), block_at(first, "Этносаралық өзара қарым-қатынас")
    larger, smaller = (a, b) if len(a.text) >= len(b.text) else (b, a)
    larger_id, smaller_id = larger.id, smaller.id
    second = article()
    x, y = block_at(second, "Көп ұлт өкілдерінің"), block_at(second, "Этносаралық өзара қарым-қатынас")
    layout.join_blocks(second, x, y)
    ids = set(assign(second, registry).values())
    assert x.id == larger_id and smaller_id not in ids
    assert {e.id: e.state for e in registry.entries}[smaller_id] == "retired"


def test_ids_editors_gave_their_own_paragraphs_are_never_issued(tmp_path):
    from build_edition.model import Document
    from build_edition.segment_ids import Span, attach_registries

    content = tmp_path / "content"
    (content / "doc").mkdir(parents=True)
    registry = Registry()
    registry.assign([Span(0, 9, "a", 5)])
    (content / registry_path("doc")).parent.mkdir(parents=True)
    (content / registry_path("doc")).write_text(registry.to_jsonl(), encoding="utf-8")
    (content / "doc" / "01-page.md").write_text(
        "Мәтін.\n{: #p5 data-lines=\"5-5\" }\n\nРедактордың абзацы.\n{: #p5-2 }\n", encoding="utf-8")
    doc = Document("doc", "book", "doc.txt", "x")
    attach_registries([doc], content)
    loaded = doc.meta["segment_registry"]
    assert loaded.reserved == {"p5-2"}
    # a new block on line 5 (p5 is taken) skips the editor's p5-2
    assert loaded.assign([Span(0, 9, "a", 5), Span(10, 19, "b", 5)]) == ["p5", "p5-3"]
    # without a registry content/'s ids are the build's own: nothing is reserved
    (content / registry_path("doc")).unlink()
    attach_registries([doc], content)
    assert doc.meta["segment_registry"].reserved == set()
