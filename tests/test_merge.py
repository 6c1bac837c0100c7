"""Editors' corrections survive regeneration: edit content/, change the pipeline's input, rebuild, compare.

End-to-end tests run the real CLI (in process, with ``--root``) on a temporary copy of the project
holding one real seed (the short web news page, so a build takes seconds) and a catalogue with
its entry. The pipeline output is "changed" by altering a seed line in the copy: the tests pick
paragraphs from the generated content by their ids and ``data-lines``, never by exact text, so
they hold while the passes improve. Unit tests drive :func:`merge_edition` on small hand-made trees
for the whole-file cases (renamed pages, deleted files, landing pages).
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from build_edition.commands.cli import main
from build_edition.editorial.diff3 import merge_lines
from build_edition.editorial.merge import CONFLICT_CLASS, Conflict, merge_edition
from build_edition.editorial.resolution import resolve_conflict
from build_edition.store.page_format import BASE, parse_page

ROOT = Path(__file__).resolve().parent.parent
SEED_PREFIX = "004"          # the shortest seed: two news items on two pages
INSERTED = "24680"           # a token the passes leave alone, put into a seed line to change the output


# -- helpers shared with test_lint / test_changelog ---------------------------------------------------

def make_project(tmp_path: Path, prefixes=(SEED_PREFIX,)) -> Path:
    """A temporary project root: copies of the chosen seeds and their catalogue entries."""
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    catalog = yaml.safe_load((ROOT / "seeds" / "catalog.yml").read_text(encoding="utf-8"))
    catalog["documents"] = [e for e in catalog["documents"] if e["source"][:3] in prefixes]
    assert catalog["documents"], "the catalogue lost the test seed"
    for entry in catalog["documents"]:
        shutil.copy2(ROOT / "seeds" / entry["source"], root / "seeds" / entry["source"])
    (root / "seeds" / "catalog.yml").write_text(yaml.safe_dump(catalog, allow_unicode=True, sort_keys=False),
                                                encoding="utf-8")
    return root


def build(root: Path, capsys=None) -> tuple[int, str]:
    code = main(["--root", str(root), "--quiet", "build"])
    err = capsys.readouterr().err if capsys else ""
    return code, err


def snapshot(root: Path) -> dict[str, bytes]:
    content = root / "content"
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}


def pages(root: Path) -> list[Path]:
    return sorted(p for p in (root / "content").glob("*/[0-9]*.md"))


def paragraphs(root: Path) -> list[tuple[Path, str, str, int]]:
    """(page, id, body, seed line) of every plain paragraph that comes from exactly one seed line."""
    found = []
    for page in pages(root):
        for chunk in parse_page(page.read_text(encoding="utf-8")).chunks:
            m = re.search(r'data-lines="(\d+)-(\d+)"', chunk.attrs)
            body = chunk.body
            if (chunk.key.startswith("p") and m and m.group(1) == m.group(2) and len(body) > 80
                    and not re.match(r"[#>\-]", body)):
                found.append((page, chunk.key, body, int(m.group(1))))
    assert len(found) >= 3, "the test seed should give at least three one-line paragraphs"
    return found


def segment(page: Path, key: str) -> str | None:
    for chunk in parse_page(page.read_text(encoding="utf-8")).chunks:
        if chunk.key == key:
            return chunk.body
    return None


def edit_segment(page: Path, key: str, new_body: str) -> None:
    parsed = parse_page(page.read_text(encoding="utf-8"))
    chunk = next(c for c in parsed.chunks if c.key == key)
    chunk.raw = new_body + chunk.attrs
    page.write_text(parsed.render(), encoding="utf-8")


def seed_file(root: Path) -> Path:
    return next((root / "seeds").glob(f"{SEED_PREFIX}_*.txt"))


def change_seed_line(root: Path, line: int, replace=None) -> None:
    """Alter one seed line: insert INSERTED after its first word, or replace the whole line."""
    path = seed_file(root)
    lines = path.read_bytes().decode("utf-8").split("\n")
    if replace is None:
        first, _, rest = lines[line - 1].partition(" ")
        lines[line - 1] = f"{first} {INSERTED} {rest}"
    else:
        lines[line - 1] = replace
    path.write_bytes("\n".join(lines).encode("utf-8"))


def with_word(body: str, word: str = "ТҮЗЕТІЛДІ") -> str:
    """An editor's correction: a word added at the end of the paragraph's text."""
    return body.rstrip("\n") + f" {word}\n"


@pytest.fixture()
def project(tmp_path, capsys):
    root = make_project(tmp_path)
    code, _ = build(root, capsys)
    assert code == 0
    return root


# -- end to end ----------------------------------------------------------------------------------------

@pytest.mark.slow
def test_first_build_records_the_base_and_a_rebuild_changes_nothing(project, capsys):
    before = snapshot(project)
    assert any(rel.startswith(BASE + "/") for rel in before)
    for rel, data in before.items():
        if not rel.startswith(".edition/"):
            if (project / "content" / BASE / rel).exists():
                assert (project / "content" / BASE / rel).read_bytes() == data, rel
    assert build(project, capsys)[0] == 0
    assert snapshot(project) == before


@pytest.mark.slow
def test_edit_survives_and_untouched_paragraphs_take_the_new_output(project, capsys):
    (page_a, id_a, body_a, _), (page_b, id_b, body_b, line_b) = paragraphs(project)[:2]
    edit_segment(page_a, id_a, with_word(body_a))
    change_seed_line(project, line_b)
    code, err = build(project, capsys)
    assert code == 0, err
    assert segment(page_a, id_a) == with_word(body_a)              # the edit is kept
    new_b = segment(page_b, id_b)
    assert INSERTED in new_b and "ТҮЗЕТІЛДІ" not in new_b          # the untouched paragraph took the new output
    changes = (project / "content" / "changes.md").read_text(encoding="utf-8")
    assert f"#{id_a}" in changes and "ТҮЗЕТІЛДІ" in changes
    # the base now holds the new output of the edited paragraph, not the edit
    base_page = project / "content" / BASE / page_a.relative_to(project / "content")
    assert segment(base_page, id_a) == body_a


@pytest.mark.slow
def test_conflict_stops_the_build_and_leaves_content_byte_identical(project, capsys):
    page_a, id_a, body_a, line_a = paragraphs(project)[0]
    edit_segment(page_a, id_a, with_word(body_a))
    change_seed_line(project, line_a)
    before = snapshot(project)
    code, err = build(project, capsys)
    assert code != 0
    assert snapshot(project) == before
    assert page_a.relative_to(project).as_posix() in err
    assert id_a in err and "ТҮЗЕТІЛДІ" in err and INSERTED in err     # file, id and both versions
    assert "resolve" in err and "--keep-edit" in err


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["keep-edit", "take-new", "both"])
def test_resolve_modes(project, capsys, mode):
    page_a, id_a, body_a, line_a = paragraphs(project)[0]
    edit_segment(page_a, id_a, with_word(body_a))
    change_seed_line(project, line_a)
    assert build(project, capsys)[0] != 0
    rel = page_a.relative_to(project).as_posix()
    assert main(["--root", str(project), "--quiet", "resolve", rel, id_a, f"--{mode}"]) == 0
    code, err = build(project, capsys)
    assert code == 0, err
    final = segment(page_a, id_a)
    text = page_a.read_text(encoding="utf-8")
    if mode == "take-new":
        assert INSERTED in final and "ТҮЗЕТІЛДІ" not in final
        assert CONFLICT_CLASS not in text
    else:
        assert "ТҮЗЕТІЛДІ" in final and INSERTED not in final
    if mode == "both":
        note = next(c for c in parse_page(text).chunks if CONFLICT_CLASS in c.attrs)
        assert INSERTED in note.raw and id_a in note.raw
        # the note stands right after the paragraph and the linter keeps CI red until it is settled
        keys = [c.key or ("note" if CONFLICT_CLASS in c.attrs else "") for c in parse_page(text).chunks]
        assert keys[keys.index(id_a) + 1] == "note"
        assert main(["--root", str(project), "lint", str(page_a)]) == 1
    else:
        assert CONFLICT_CLASS not in text
    # settled for good: a further rebuild changes nothing
    settled = snapshot(project)
    assert build(project, capsys)[0] == 0
    assert snapshot(project) == settled


@pytest.mark.slow
def test_resolve_without_a_conflict_is_a_clear_error(project, capsys):
    page_a, id_a, _, _ = paragraphs(project)[0]
    code = main(["--root", str(project), "--quiet", "resolve", page_a.relative_to(project).as_posix(), id_a,
                 "--keep-edit"])
    assert code == 2
    assert "no conflict" in capsys.readouterr().err


@pytest.mark.slow
def test_editor_additions_and_added_files_are_kept_in_place(project, capsys):
    (page_a, id_a, body_a, _), (_, id_b, _, line_b) = paragraphs(project)[:2]
    text = page_a.read_text(encoding="utf-8")
    anchor = segment(page_a, id_a)
    added = "Редактордың ескертпесі: бұл абзацты редактор қосты.[^ed]"
    footnote = "[^ed]: Редакциялық ескертпе."
    parsed = parse_page(text)
    chunk = next(c for c in parsed.chunks if c.key == id_a)
    chunk.raw += f"\n\n{added}\n\n{footnote}"
    page_a.write_text(parsed.render(), encoding="utf-8")
    glossary = project / "content" / "glossary.yml"
    glossary.write_text("- term: ҚХА\n  expansion: Қазақстан халқы Ассамблеясы\n", encoding="utf-8")
    change_seed_line(project, line_b)
    code, err = build(project, capsys)
    assert code == 0, err
    after = parse_page(page_a.read_text(encoding="utf-8")).chunks
    keys = [c.key for c in after]
    position = keys.index(id_a)
    assert after[position + 1].raw == added and after[position + 2].raw == footnote
    assert segment(page_a, id_a) == anchor
    assert glossary.read_text(encoding="utf-8").startswith("- term: ҚХА")
    assert any(INSERTED in (c.body or "") for p in pages(project) for c in parse_page(p.read_text()).chunks
               if c.key == id_b)


@pytest.mark.slow
def test_a_deleted_paragraph_stays_deleted_unless_the_pipeline_changes_it(project, capsys):
    (page_a, id_a, _, line_a), (page_b, id_b, _, line_b) = paragraphs(project)[:2]
    for page, key in ((page_a, id_a), (page_b, id_b)):
        parsed = parse_page(page.read_text(encoding="utf-8"))
        parsed.chunks = [c for c in parsed.chunks if c.key != key]
        page.write_text(parsed.render(), encoding="utf-8")
    change_seed_line(project, line_a)      # the pipeline changes a paragraph the editor deleted: conflict
    before = snapshot(project)
    code, err = build(project, capsys)
    assert code != 0 and id_a in err and "deleted" in err
    assert snapshot(project) == before
    rel = page_a.relative_to(project).as_posix()
    assert main(["--root", str(project), "--quiet", "resolve", rel, id_a, "--keep-edit"]) == 0
    assert build(project, capsys)[0] == 0
    assert segment(page_a, id_a) is None and segment(page_b, id_b) is None
    assert "алынып тасталды" in (project / "content" / "changes.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_an_edited_paragraph_that_disappears_is_a_conflict_not_a_loss(project, capsys):
    page_a, id_a, body_a, line_a = paragraphs(project)[0]
    edit_segment(page_a, id_a, with_word(body_a))
    change_seed_line(project, line_a, replace="")      # the paragraph is gone from the new output
    before = snapshot(project)
    code, err = build(project, capsys)
    assert code != 0 and id_a in err and "no longer has this paragraph" in err
    assert snapshot(project) == before
    rel = page_a.relative_to(project).as_posix()
    assert main(["--root", str(project), "--quiet", "resolve", rel, id_a, "--keep-edit"]) == 0
    assert build(project, capsys)[0] == 0
    kept = [p for p in pages(project) if "ТҮЗЕТІЛДІ" in p.read_text(encoding="utf-8")]
    assert kept, "the kept edit must still be in content/"


def page_segments(root: Path) -> dict[str, str]:
    """{segment id: body} over every page of the edition, in page order, links reduced to their text (the
    first mention of a name on a page is linked, so a paragraph that goes can move a link to the next)."""
    return {c.key: re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", c.body) for p in pages(root)
            for c in parse_page(p.read_text(encoding="utf-8")).chunks if c.key.startswith("p")}


def registry_states(root: Path) -> dict[str, str]:
    folder = root / "content" / ".edition" / "segments"
    return {row["id"]: row["state"] for path in sorted(folder.glob("*.jsonl"))
            for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


@pytest.mark.slow
def test_a_paragraph_gone_from_the_seed_takes_its_id_along_and_a_new_one_gets_a_fresh_id(project, capsys):
    _, id_a, body_a, line_a = paragraphs(project)[1]
    before = page_segments(project)
    change_seed_line(project, line_a, replace="")      # nobody edited it: it just goes
    code, err = build(project, capsys)
    assert code == 0, err
    after = page_segments(project)
    assert id_a not in after and body_a not in after.values()
    assert after == {k: v for k, v in before.items() if k != id_a}      # every other paragraph as it was
    assert list(after) == [k for k in before if k != id_a]
    assert registry_states(project)[id_a] == "retired"
    issued = set(registry_states(project))
    # new text on the same seed line: a new id, never the retired one
    change_seed_line(project, line_a, replace="Редакцияның жаңа абзацы: бұрын болмаған мәтін 24680.")
    code, err = build(project, capsys)
    assert code == 0, err
    again = page_segments(project)
    (new_id,) = set(again) - set(after)
    assert new_id not in issued and new_id == f"{id_a}-2" and "бұрын болмаған мәтін" in again[new_id]
    assert {k: v for k, v in again.items() if k != new_id} == after
    assert build(project, capsys)[0] == 0 and page_segments(project) == again          # a rebuild: the same


@pytest.mark.slow
def test_crlf_from_an_editor_tool_is_not_an_edit(project, capsys):
    page_a, id_a, body_a, line_b = paragraphs(project)[1]
    page_a.write_bytes(page_a.read_bytes().replace(b"\n", b"\r\n"))
    change_seed_line(project, line_b)
    code, err = build(project, capsys)
    assert code == 0, err
    assert INSERTED in segment(page_a, id_a)
    assert b"\r\n" not in page_a.read_bytes()


# -- the merge on hand-made trees ---------------------------------------------------------------------

FRONT = "---\ntitle: {title}\ndocument: d\nseed: s.txt\nseed_lines: {lines}\n---\n\n# {title}\n\n"


def page(title: str, *paras: tuple[str, str], lines: str = "1-9") -> str:
    body = "\n\n".join(f"{text}\n{{: #{key} data-lines=\"1-1\" }}" for key, text in paras)
    return FRONT.format(title=title, lines=lines) + body + "\n"


def test_unedited_tree_takes_the_new_output_exactly():
    base = {"d/01-a.md": page("A", ("p1", "бір"), ("p2", "екі")), "d/index.md": "# D\n\nСөз саны: 2\n"}
    new = {"d/01-a.md": page("A", ("p1", "бір!"), ("p3", "үш")), "d/index.md": "# D\n\nСөз саны: 3\n"}
    result = merge_edition(base, dict(base), new)
    assert not result.conflicts and result.files == new


def test_segments_follow_their_ids_into_a_renamed_page():
    base = {"d/01-a.md": page("A", ("p1", "бір"), ("p2", "екі")),
            "d/02-b.md": page("B", ("p5", "бес"), ("p6", "алты"))}
    current = dict(base)
    current["d/02-b.md"] = page("B түзетілген", ("p5", "бес (түзету)"), ("p6", "алты"))
    # the new structure renames page 2 and changes p6
    new = {"d/01-a.md": page("A", ("p1", "бір"), ("p2", "екі")),
           "d/02-b-new.md": page("B", ("p5", "бес"), ("p6", "алты!"))}
    result = merge_edition(base, current, new)
    assert not result.conflicts
    assert set(result.files) == {"d/01-a.md", "d/02-b-new.md"}
    merged = result.files["d/02-b-new.md"]
    assert "бес (түзету)" in merged and "алты!" in merged and "# B түзетілген" in merged


def test_title_and_front_matter_merge_field_by_field():
    base = {"d/01-a.md": page("A", ("p1", "бір"), lines="1-5")}
    current = {"d/01-a.md": base["d/01-a.md"].replace("# A\n", "# А түзетілді\n")}
    new = {"d/01-a.md": page("A", ("p1", "бір"), lines="1-7")}
    result = merge_edition(base, current, new)
    assert not result.conflicts
    merged = result.files["d/01-a.md"]
    assert "# А түзетілді" in merged and "seed_lines: 1-7" in merged


def test_an_editors_attribute_and_the_pipelines_new_lines_merge_token_by_token():
    base = {"d/01-a.md": page("A", ("p1", "бір"), ("p2", "екі"))}
    current = {"d/01-a.md": base["d/01-a.md"].replace('#p1 data-lines="1-1" }', '#p1 data-lines="1-1" .poem }')}
    new = {"d/01-a.md": base["d/01-a.md"].replace('#p1 data-lines="1-1" }', '#p1 data-lines="2-3" }')}
    result = merge_edition(base, current, new)
    assert not result.conflicts
    assert 'бір\n{: #p1 data-lines="2-3" .poem }' in result.files["d/01-a.md"]


def test_edited_page_that_is_no_longer_generated_is_a_conflict():
    base = {"d/01-a.md": page("A", ("p1", "бір")), "d/02-b.md": page("B", ("p2", "екі"))}
    current = dict(base, **{"d/02-b.md": page("B", ("p2", "екі (түзету)"))})
    new = {"d/01-a.md": page("A", ("p1", "бір"))}
    result = merge_edition(base, current, new)
    assert [(c.kind, c.key) for c in result.conflicts] == [("edited-gone", "p2")]


def linked(title: str, *paras: tuple[str, str], label: str = "Осы абзацқа сілтеме", kind: str = "") -> str:
    """A page as the writer makes it: each segment with its permalink line before the attr_list."""
    from build_edition.text.markdown import permalink

    lead, indent = {"list": ("- ", "  "), "quote": ("> ", "> ")}.get(kind, ("", ""))
    body = "\n\n".join(f"{lead}{text}\n{indent}{permalink(key, label)}\n{indent}{{: #{key} data-lines=\"1-1\" }}"
                       for key, text in paras)
    return FRONT.format(title="A", lines="1-9") + body + "\n"


@pytest.mark.parametrize("kind", ["", "list", "quote"])
def test_the_permalink_line_is_no_text_of_the_paragraph(kind):
    from build_edition.text.markdown import plain_text

    text = linked("A", ("p1", "бір сөз"), kind=kind)
    chunk = parse_page(text).keyed()["p1"]
    assert chunk.permalink.startswith('<a class="headerlink segment-link" href="#p1"')
    assert chunk.body + chunk.permalink + chunk.attrs == chunk.raw
    assert plain_text(chunk.body) == plain_text(chunk.raw) == "бір сөз"
    assert "segment-link" not in chunk.body and "{:" not in chunk.permalink


def test_an_edit_beside_a_changed_permalink_merges_and_a_deleted_one_stays_deleted():
    base = {"d/01-a.md": linked("A", ("p1", "бір"), ("p2", "екі"))}
    current = {"d/01-a.md": base["d/01-a.md"].replace("бір\n", "бір (түзету)\n")}
    new = {"d/01-a.md": linked("A", ("p1", "бір"), ("p2", "екі!"), label="Абзацқа сілтеме")}
    result = merge_edition(base, current, new)
    assert not result.conflicts
    merged = parse_page(result.files["d/01-a.md"]).keyed()
    assert merged["p1"].body == "бір (түзету)\n" and 'aria-label="Абзацқа сілтеме"' in merged["p1"].permalink
    assert [(r.kind, r.key) for r in result.records] == [("edit", "p1")]
    # an editor deletes a ¶: no text changed, nothing recorded, no conflict even when the pipeline
    # changes that ¶ too; a word edited in the same paragraph is kept
    link_p2 = parse_page(base["d/01-a.md"]).keyed()["p2"].permalink
    current = {"d/01-a.md": base["d/01-a.md"].replace(link_p2, "").replace("екі\n", "екі (түзету)\n")}
    for later in (base, {"d/01-a.md": linked("A", ("p1", "бір"), ("p2", "екі"), label="Абзацқа сілтеме")}):
        result = merge_edition(base, current, later)
        assert not result.conflicts
        merged = parse_page(result.files["d/01-a.md"]).keyed()["p2"]
        assert merged.permalink == "" and merged.raw == 'екі (түзету)\n{: #p2 data-lines="1-1" }'
    assert [(r.kind, r.key) for r in merge_edition(base, current, base).records] == [("edit", "p2")]


def test_id_less_generated_files_merge_by_lines():
    base = {"d/index.md": "# D\n\nСипаттама.\n\n| Сөз саны | 10 |\n"}
    current = {"d/index.md": "# D\n\nСипаттама (редактор).\n\n| Сөз саны | 10 |\n"}
    new = {"d/index.md": "# D\n\nСипаттама.\n\n| Сөз саны | 12 |\n"}
    result = merge_edition(base, current, new)
    assert not result.conflicts
    assert result.files["d/index.md"] == "# D\n\nСипаттама (редактор).\n\n| Сөз саны | 12 |\n"
    clash = merge_edition(base, current, {"d/index.md": "# D\n\nСипаттама жаңа.\n\n| Сөз саны | 10 |\n"})
    assert [c.kind for c in clash.conflicts] == ["file"]


def test_whole_file_cases():
    base = {"d/01-a.md": page("A", ("p1", "бір")), "d/emendations.jsonl": "{}\n", "old.jsonl": "x\n"}
    current = {"d/01-a.md": base["d/01-a.md"], "old.jsonl": "x (edited)\n", "notes/glossary.yml": "a: b\n"}
    new = {"d/01-a.md": base["d/01-a.md"], "d/emendations.jsonl": "{}\n"}
    result = merge_edition(base, current, new)
    # an edited file the build no longer generates is a conflict; an editor's file is kept;
    # a generated file the editor deleted stays deleted while the pipeline does not change it
    assert [(c.kind, c.file) for c in result.conflicts] == [("file-edited-gone", "old.jsonl")]
    assert result.files["notes/glossary.yml"] == "a: b\n"
    assert "d/emendations.jsonl" not in result.files
    changed = merge_edition(base, current, dict(new, **{"d/emendations.jsonl": "{\"a\": 1}\n"}))
    assert ("file-deleted-changed", "d/emendations.jsonl") in [(c.kind, c.file) for c in changed.conflicts]


def test_duplicate_ids_in_content_stop_the_merge_with_a_clear_error():
    from build_edition.core.errors import EditionError

    base = {"d/01-a.md": page("A", ("p1", "бір"), ("p2", "екі"))}
    current = {"d/01-a.md": page("A", ("p1", "бір"), ("p1", "екі"))}
    with pytest.raises(EditionError, match="#p1 occurs twice"):
        merge_edition(base, current, base)


def test_id_collision_with_an_editor_id_is_resolved_by_renaming():
    base = {"d/01-a.md": page("A", ("p1", "бір"))}
    current = {"d/01-a.md": page("A", ("p1", "бір"), ("p2", "редактордың абзацы"))}
    new = {"d/01-a.md": page("A", ("p1", "бір"), ("p2", "жаңа абзац"))}
    result = merge_edition(base, current, new)
    assert [(c.kind, c.key) for c in result.conflicts] == [("id-collision", "p2")]
    resolve_conflict(result.conflicts[0], "keep-edit", base, current, new)
    again = merge_edition(base, current, new)
    assert not again.conflicts
    merged = again.files["d/01-a.md"]
    assert "редактордың абзацы\n{: #p2-1" in merged and "жаңа абзац\n{: #p2 " in merged


def test_merge_lines_conflict_markers_for_both():
    text, conflicts = merge_lines("a\nb\nc\n", "a\nB1\nc\n", "a\nB2\nc\n", prefer="both")
    assert len(conflicts) == 1
    assert text.splitlines()[1:6] == ["<<<<<<< редактор / edit", "B1", "=======", "B2",
                                      ">>>>>>> жаңа нұсқа / new output"]


def test_bootstrap_without_base_takes_content_as_generated():
    current = {"d/01-a.md": page("A", ("p1", "ескі"))}
    new = {"d/01-a.md": page("A", ("p1", "жаңа"))}
    result = merge_edition(None, current, new)
    assert result.bootstrap and not result.conflicts and result.files == new


def test_conflict_message_names_file_id_and_both_versions():
    conflict = Conflict("changed-both", "d/01-a.md", "p7", 12, "бір екі үш\n", "бір екі төрт\n", "бір екі\n")
    text = conflict.describe()
    assert "content/d/01-a.md:12: p7" in text and "бір екі үш" in text and "бір екі төрт" in text
    assert "«үш»" in text and "«төрт»" in text


def _settle(base, current, new, mode, kind):
    result = merge_edition(base, current, new)
    assert [c.kind for c in result.conflicts] == [kind], result.conflicts
    resolve_conflict(result.conflicts[0], mode, base, current, new)
    again = merge_edition(base, current, new)
    assert not again.conflicts, again.conflicts
    return again.files


@pytest.mark.parametrize("mode, expect", [
    ("keep-edit", ["бір (түзету)"]), ("take-new", ["бір (жаңа)"]), ("both", ["бір (түзету)", "бір (жаңа)"])])
def test_resolving_a_segment_changed_on_both_sides(mode, expect):
    base = {"d/01-a.md": page("A", ("p1", "бір"), ("p2", "екі"))}
    current = {"d/01-a.md": page("A", ("p1", "бір (түзету)"), ("p2", "екі"))}
    new = {"d/01-a.md": page("A", ("p1", "бір (жаңа)"), ("p2", "екі (жаңа)"))}
    merged = _settle(base, current, new, mode, "changed-both")["d/01-a.md"]
    assert "екі (жаңа)" in merged                     # the other paragraph still takes the new output
    for text in expect:
        assert text in merged
    assert ("бір (түзету)" in merged) == (mode != "take-new")
    assert (CONFLICT_CLASS in merged) == (mode == "both")


@pytest.mark.parametrize("mode", ["keep-edit", "take-new", "both"])
def test_resolving_whole_file_and_title_conflicts(mode):
    base = {"d/index.md": "# D\n\nСипаттама.\n", "d/01-a.md": page("A", ("p1", "бір"))}
    current = {"d/index.md": "# D\n\nСипаттама (редактор).\n", "d/01-a.md": page("A", ("p1", "бір"))}
    new = {"d/index.md": "# D\n\nСипаттама (жаңа).\n", "d/01-a.md": page("A", ("p1", "бір"))}
    merged = _settle(base, current, new, mode, "file")["d/index.md"]
    if mode == "both":
        assert "<<<<<<<" in merged and "(редактор)" in merged and "(жаңа)" in merged
    else:
        assert merged == current["d/index.md"] if mode == "keep-edit" else merged == new["d/index.md"]
    base = {"d/01-a.md": page("A", ("p1", "бір"))}
    current = {"d/01-a.md": base["d/01-a.md"].replace("# A\n", "# А (редактор)\n")}
    new = {"d/01-a.md": page("A жаңа", ("p1", "бір"))}
    merged = _settle(base, current, new, mode, "title")["d/01-a.md"]
    assert ("# А (редактор)" in merged) == (mode != "take-new")
    assert "title: A жаңа" in merged                  # the front matter field still follows the pipeline


@pytest.mark.parametrize("mode", ["keep-edit", "take-new", "both"])
def test_resolving_deleted_and_vanished_paragraphs(mode):
    base = {"d/01-a.md": page("A", ("p1", "бір"), ("p2", "екі"))}
    current = {"d/01-a.md": page("A", ("p1", "бір"))}                       # the editor deleted p2
    new = {"d/01-a.md": page("A", ("p1", "бір"), ("p2", "екі (жаңа)"))}
    merged = _settle(base, dict(current), new, mode, "deleted-changed")["d/01-a.md"]
    assert ("\nекі (жаңа)\n{: #p2" in merged) == (mode == "take-new")
    if mode == "both":        # the deletion stands; the new output waits in a note where p2 stood
        keys = [c.key or c.attrs for c in parse_page(merged).chunks]
        assert keys[keys.index("p1") + 1] == f'{{: .{CONFLICT_CLASS} data-conflict="p2" }}' and "екі (жаңа)" in merged
    current = {"d/01-a.md": page("A", ("p1", "бір"), ("p2", "екі (түзету)"))}
    new = {"d/01-a.md": page("A", ("p1", "бір"))}                           # the pipeline dropped p2
    base = {"d/01-a.md": page("A", ("p1", "бір"), ("p2", "екі"))}           # (the first _settle changed base)
    merged = _settle(base, current, new, mode, "edited-gone")["d/01-a.md"]
    assert ("екі (түзету)" in merged) == (mode != "take-new")
    if mode == "both":        # the edit stays; a note right after it says the pipeline no longer has it
        chunks = parse_page(merged).chunks
        note = chunks[[c.key for c in chunks].index("p2") + 1]
        assert CONFLICT_CLASS in note.attrs and "no longer has this paragraph" in note.raw


def test_a_moved_paragraph_goes_back_to_source_order_and_is_reported():
    base = {"d/01-a.md": page("A", ("p1", "бір"), ("p2", "екі"), ("p3", "үш"))}
    current = {"d/01-a.md": page("A", ("p2", "екі"), ("p3", "үш"), ("p1", "бір"))}
    result = merge_edition(base, current, base)
    assert result.moved == [("d/01-a.md", "p1")] and not result.conflicts
    assert result.files["d/01-a.md"] == base["d/01-a.md"]


def test_the_tooltips_file_covers_the_glued_forms_editors_write(tmp_path):
    """content/_includes/abbreviations.md is written again from the merged pages: a form an editor types
    (`КСРОдағы`, where abbr matches whole words only) gets its own definition on the next build."""
    from build_edition.editorial.merge import merge_into_content
    from build_edition.write.abbreviations import PAGE, abbreviations_markdown

    def write(files):
        for rel, text in files.items():
            (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / rel).write_text(text, encoding="utf-8")

    titles = {"КСРО": "Кеңестік Социалистік Республикалар Одағы"}
    new = {"d/01-a.md": page("A", ("p1", "КСРО туралы"), ("p2", "екі")), "d/02-b.md": page("B", ("p3", "үш"))}
    new[PAGE] = abbreviations_markdown(titles, new.values())
    write(merge_into_content(new, tmp_path).files)
    assert "КСРОдағы" not in (tmp_path / PAGE).read_text(encoding="utf-8")
    edited = tmp_path / "d/02-b.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("үш", "КСРОдағы үш"), encoding="utf-8")
    merged = merge_into_content(new, tmp_path).files
    assert "*[КСРОдағы]: Кеңестік Социалистік Республикалар Одағы\n" in merged[PAGE]
    assert "*[КСРО]: Кеңестік Социалистік Республикалар Одағы\n" in merged[PAGE]


def marked(number: str, text: str) -> str:
    """A paragraph's text opened by the milestone of printed page ``number``, as the writer makes it."""
    from build_edition.text.markdown import milestone

    return f"{milestone(number, f'Баспа нұсқасының {number}-беті осы жерден басталады')} {text}"


@pytest.mark.parametrize("kind", ["", "list", "quote"])
def test_the_print_page_milestone_is_no_text_of_the_paragraph(kind):
    from build_edition.store.page_format import with_milestone
    from build_edition.text.markdown import plain_text

    chunk = parse_page(linked("A", ("p1", marked("69", "бір сөз")), kind=kind)).keyed()["p1"]
    assert chunk.milestone.startswith('<a class="page-milestone" id="page-69" href="#page-69"')
    assert "page-milestone" not in chunk.body and plain_text(chunk.body) == "бір сөз"
    assert with_milestone(chunk.body, chunk.milestone) + chunk.permalink + chunk.attrs == chunk.raw
    assert "бір сөз" in plain_text(chunk.raw)


def test_an_edit_beside_a_milestone_keeps_it_and_a_deleted_one_stays_deleted():
    base = {"d/01-a.md": linked("A", ("p1", marked("69", "бір сөз")), ("p2", "екі"))}
    mark = parse_page(base["d/01-a.md"]).keyed()["p1"].milestone
    # the editor corrects the words after the milestone; the pipeline changes the milestone's tooltip
    current = {"d/01-a.md": base["d/01-a.md"].replace("бір сөз\n", "бір (түзету) сөз\n")}
    new = {"d/01-a.md": base["d/01-a.md"].replace("69-беті", "69-бет")}
    result = merge_edition(base, current, new)
    assert not result.conflicts
    merged = parse_page(result.files["d/01-a.md"]).keyed()["p1"]
    assert merged.body == "бір (түзету) сөз\n" and 'title="Баспа нұсқасының 69-бет осы' in merged.milestone
    assert merged.raw.startswith(merged.milestone + "бір (түзету)")
    assert [(r.kind, r.key, r.before, r.after) for r in result.records] == [("edit", "p1", "бір сөз\n", "бір (түзету) сөз\n")]
    # an editor deletes the milestone and corrects a word: both stay, no conflict, only the word recorded
    current = {"d/01-a.md": base["d/01-a.md"].replace(mark, "").replace("бір сөз\n", "бір (түзету) сөз\n")}
    for later in (base, new):
        result = merge_edition(base, current, later)
        assert not result.conflicts
        merged = parse_page(result.files["d/01-a.md"]).keyed()["p1"]
        assert merged.milestone == "" and merged.raw.startswith("бір (түзету) сөз\n")
    # only the milestone deleted: no correction of the text at all
    result = merge_edition(base, {"d/01-a.md": base["d/01-a.md"].replace(mark, "")}, base)
    assert not result.conflicts and not result.records
    assert "page-milestone" not in result.files["d/01-a.md"]
