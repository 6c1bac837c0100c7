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

from build_edition.text import line_shapes
from build_edition.store.page_format import parse_page
from build_edition.passes import passes_for
from build_edition.passes.structure import assign_ids
from build_edition.build.pipeline import read_documents
from build_edition.core.errors import EditionError
from build_edition.store.segment_ids import Registry, Span, fingerprint, registry_path, sketch
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


@pytest.mark.slow
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


@pytest.mark.slow
def test_ids_and_content_unchanged_by_a_rebuild(built_project):
    content = built_project / "content"
    before = {p.relative_to(content).as_posix(): p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}
    result = run_build(built_project)
    assert result.returncode == 0, result.stderr
    after = {p.relative_to(content).as_posix(): p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}
    assert after == before


@pytest.mark.slow
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


@pytest.mark.slow
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
        for module in passes_for(doc):
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
    tail = line_shapes.split_block(second, block, int(body_len * 0.7))         # a better pass splits it 70/30
    assign(second, registry)
    assert block.id == body_id                                             # most of its text: same id
    assert tail.id not in issued                                           # new text: an id never issued
    assert tail.id.startswith("p")

    third = article()
    block = block_at(third, "Елбасымыз Н. Ә. Назарбаевтың")
    line_shapes.split_block(third, block, int(body_len * 0.2))                  # now only 20 % stays with it
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
    line_shapes.join_blocks(second, x, y)
    ids = set(assign(second, registry).values())
    assert x.id == larger_id and smaller_id not in ids
    assert {e.id: e.state for e in registry.entries}[smaller_id] == "retired"


def test_ids_editors_gave_their_own_paragraphs_are_never_issued(tmp_path):
    from build_edition.core.model import Document
    from build_edition.store.segment_ids import attach_registries

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


# -- the seed text itself changes: ids follow their text, not their position ---------------------------
#
# Seeds never change in the edition, but a reader change can move the decoded text, and the editors'
# tests simulate pipeline changes by editing a seed copy. These tests edit a copy of seed 003 line by
# line (lines found by their text) and run the passes on it, sharing the registry between runs.

@pytest.fixture(scope="module")
def article_seed(entries, tmp_path_factory):
    """make(lines) -> seed 003 with these lines through every pass except assign_ids; and the seed's lines."""
    entry = next(e for e in entries if e.source.startswith("003"))
    folder = tmp_path_factory.mktemp("seed003")
    original = (Path(__file__).resolve().parent.parent / "seeds" / entry.source).read_bytes().decode("utf-8")

    def make(lines: list[str]):
        (folder / entry.source).write_bytes("\n".join(lines).encode("utf-8"))
        doc = read_documents([entry], folder)[0]
        for module in passes_for(doc):
            if module is not assign_ids:
                module.run(doc)
        return doc
    return make, original.split("\n")


def assigned(doc, registry: Registry):
    assign(doc, registry)
    return doc


def ids_by_text(doc) -> dict[str, str]:
    return {b.text: b.id for b in doc.blocks}


def line_of_text(lines: list[str], start: str) -> int:
    """0-based index of the seed line that starts with ``start``."""
    return next(i for i, line in enumerate(lines) if line.startswith(start))


def paragraph_lines(lines: list[str], start: str) -> range:
    """0-based indexes of the lines of the seed paragraph starting with ``start`` (up to the blank line)."""
    first = line_of_text(lines, start)
    last = next(i for i in range(first, len(lines)) if not lines[i].strip())
    return range(first, last)


def test_a_paragraph_deleted_from_the_seed_retires_its_id_and_its_neighbours_keep_theirs(article_seed):
    make, lines = article_seed
    registry = Registry()
    before = ids_by_text(assigned(make(lines), registry))
    gone = paragraph_lines(lines, "Көп ұлт өкілдерінің")
    gone_text = next(t for t in before if t.startswith("Көп ұлт өкілдерінің"))
    gone_id = before[gone_text]
    # the paragraph and its blank line are cut out: every later offset and line number moves up
    after_doc = make(lines[:gone.start] + lines[gone.stop + 1:])
    assigned(after_doc, registry)
    after = ids_by_text(after_doc)
    assert gone_text not in after and gone_id not in after.values()
    assert {e.id: e.state for e in registry.entries}[gone_id] == "retired"
    # the neighbours (and every other block with the same text) keep their ids although they moved
    same_text = {t: i for t, i in after.items() if t in before}
    assert same_text == {t: before[t] for t in same_text} and len(same_text) >= len(before) - 4
    neighbours = [b.id for b in after_doc.blocks if b.text.startswith(("Елбасымыз Н. Ә.", "Этносаралық өзара"))]
    assert neighbours == [before[t] for t in before if t.startswith(("Елбасымыз Н. Ә.", "Этносаралық өзара"))]
    # blocks whose text changed a little (the corpus evidence lost a paragraph) still keep theirs
    assert set(after.values()) == set(before.values()) - {gone_id}


def test_a_paragraph_inserted_into_the_seed_gets_a_fresh_id_never_a_retired_one(article_seed):
    make, lines = article_seed
    registry = Registry()
    before = ids_by_text(assigned(make(lines), registry))
    gone = paragraph_lines(lines, "Көп ұлт өкілдерінің")
    without = lines[:gone.start] + lines[gone.stop + 1:]
    assign(make(without), registry)
    retired = {e.id for e in registry.entries if e.state == "retired"}
    issued = {e.id for e in registry.entries}
    assert retired == {before[next(t for t in before if t.startswith("Көп ұлт өкілдерінің"))]}
    # a different paragraph now stands where the deleted one stood, on the same seed line
    added = "Редакция қосқан жаңа абзац: мұнда бұрын болмаған мәтін бар."
    doc = make(without[:gone.start] + [added, ""] + without[gone.start:])
    after = ids_by_text(assigned(doc, registry))
    new_id = after[added]
    assert new_id not in issued                                   # never issued before, retired ids included
    assert new_id == f"p{gone.start + 1}-2"                       # named after its line, the retired name skipped
    assert set(after.values()) == set(before.values()) - retired | {new_id}          # every other block keeps its id
    assert all(before[t] == i for t, i in after.items() if t in before)


def test_a_paragraph_split_in_the_seed_keeps_its_id_on_the_part_with_most_of_its_text(article_seed):
    make, lines = article_seed
    registry = Registry()
    before = ids_by_text(assigned(make(lines), registry))
    long_text = next(t for t in before if t.startswith("Кезінде О. Бауэр"))
    paragraph = paragraph_lines(lines, "Кезінде О . Бауэр")
    # a paragraph break after the sentence that ends near the end of the paragraph (~88 % before it)
    at = next(i for i in reversed(paragraph) if " . С" in lines[i])
    cut = lines[at].index(" . С") + 3
    doc = make(lines[:at] + [lines[at][:cut].rstrip(), ""] + [lines[at][cut:]] + lines[at + 1:])
    assign(doc, registry)
    head = next(b for b in doc.blocks if b.text.startswith("Кезінде О. Бауэр"))
    tail = doc.blocks[doc.blocks.index(head) + 1]
    assert len(head.text) > 4 * len(tail.text) and long_text.startswith(head.text[:-2])
    assert head.id == before[long_text]                           # most of the text: the same id
    assert tail.id not in before.values() and tail.id == f"p{at + 3}"   # new text, named after its line


def test_paragraphs_joined_in_the_seed_keep_the_id_of_the_larger_one(article_seed):
    make, lines = article_seed
    registry = Registry()
    before = ids_by_text(assigned(make(lines), registry))
    small = next(t for t in before if t.startswith("Этностық мәдени императивтіктің"))
    large = next(t for t in before if t.startswith("Қазіргі этникалық процестердің"))
    assert len(large) > 3 * len(small)
    blank = paragraph_lines(lines, "Этностық мәдени императивтіктің").stop
    doc = make(lines[:blank] + lines[blank + 1:])                 # the blank line between them is gone
    after = ids_by_text(assigned(doc, registry))
    joined = next(t for t in after if t.startswith("Этностық мәдени императивтіктің"))
    assert "Қазіргі этникалық процестердің" in joined
    assert after[joined] == before[large]
    assert {e.id: e.state for e in registry.entries}[before[small]] == "retired"


def test_matching_is_deterministic_and_a_second_run_changes_nothing(article_seed):
    make, lines = article_seed
    registry = Registry()
    assign(make(lines), registry)
    gone = paragraph_lines(lines, "Көп ұлт өкілдерінің")
    changed = lines[:gone.start] + lines[gone.stop + 1:]
    changed[line_of_text(changed, "Кезінде О . Бауэр")] += " 24680"          # and an edit elsewhere
    start = registry.to_jsonl()
    runs = []
    for _ in range(2):                                             # the same registry, twice: same result
        copy = Registry.from_jsonl(start)
        runs.append((list(assign(make(changed), copy).values()), copy.to_jsonl()))
    assert runs[0] == runs[1]
    copy = Registry.from_jsonl(runs[0][1])                          # the build after: nothing issued or retired
    assert list(assign(make(changed), copy).values()) == runs[0][0] and copy.to_jsonl() == runs[0][1]


# -- the matching on hand-made spans ------------------------------------------------------------------

def spans(*blocks: tuple[int, int, str, int]) -> list[Span]:
    """Spans with word sketches of the given texts (start, end, text, line)."""
    return [Span(s, e, fingerprint(t), line, sketch(t)) for s, e, t, line in blocks]


def test_a_neighbour_with_its_own_text_is_never_given_a_vanished_id():
    registry = Registry()
    a, b, c = "бірінші абзац мәтіні", "екінші абзац басқа сөздері", "үшінші абзац тағы басқа"
    assert registry.assign(spans((0, 19, a, 1), (21, 46, b, 3), (48, 70, c, 5))) == ["p1", "p3", "p5"]
    # b is gone; c moved to exactly where b was (same length): position alone would give it b's id
    assert registry.assign(spans((0, 19, a, 1), (21, 43, c, 3))) == ["p1", "p5"]
    assert [(e.id, e.state) for e in sorted(registry.entries, key=lambda e: e.id)] == \
        [("p1", "active"), ("p3", "retired"), ("p5", "active")]


def test_where_text_was_deleted_and_changed_in_one_stretch_the_words_decide():
    registry = Registry()
    a, b, c, d = "бір екі үш", "төрт бес алты жеті", "сегіз тоғыз он он бір", "соңғы абзац"
    registry.assign(spans((0, 9, a, 1), (11, 28, b, 3), (30, 50, c, 5), (52, 62, d, 7)))
    # b deleted and c edited: c' now sits where b was, shifted by different amounts on either side
    c2 = "сегіз тоғыз он он екі"
    assert registry.assign(spans((0, 9, a, 1), (11, 31, c2, 3), (33, 43, d, 5))) == ["p1", "p5", "p7"]
    assert {e.id: e.state for e in registry.entries}["p3"] == "retired"


def test_an_equal_split_retires_the_id_and_names_both_parts_anew():
    registry = Registry()
    assert registry.assign(spans((0, 99, "а " * 50, 1))) == ["p1"]
    # seed unchanged, the pipeline now splits the paragraph in the middle: neither half holds more than half
    assert registry.assign(spans((0, 49, "а " * 25, 1), (50, 99, "ә " * 25, 2))) == ["p1-2", "p2"]
    assert {e.id: e.state for e in registry.entries}["p1"] == "retired"


def test_the_registry_keeps_sketches_and_rejects_a_damaged_one():
    registry = Registry()
    registry.assign(spans((0, 9, "бір екі", 1)))
    text = registry.to_jsonl()
    assert json.loads(text)["sketch"] == sketch("бір екі") and len(sketch("бір екі")) == 16
    assert Registry.from_jsonl(text).to_jsonl() == text
    with pytest.raises(EditionError, match="segment id registry"):
        Registry.from_jsonl(text.replace(sketch("бір екі"), "not hex!"), "r.jsonl")
    # a registry written before sketches existed is still read (its entries get one at the next build)
    old = json.loads(text)
    del old["sketch"]
    assert Registry.from_jsonl(json.dumps(old)).entries[0].sketch == ""
