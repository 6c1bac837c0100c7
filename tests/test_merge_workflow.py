"""Editors' workflow regressions (issue 15), each on a temporary copy of the project run through the CLI.

The copy holds the short web news seed (004): two pages, an apparatus, the glossary with its letter
headings. Paragraphs are picked by their ids and positions in the generated content, never by exact
text, so the tests hold while the passes improve.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from build_edition.commands.cli import main
from build_edition.store.page_format import Chunk, parse_page
from tests.project_copy import make_project

DOC = "constitution-draft-news"


@pytest.fixture()
def project(tmp_path, capsys):
    root = make_project(tmp_path / "project")
    assert main(["--root", str(root), "--quiet", "build"]) == 0
    capsys.readouterr()
    return root


def build(root: Path, capsys, *extra: str) -> tuple[str, str]:
    assert main(["--root", str(root), "--quiet", "build", *extra]) == 0
    captured = capsys.readouterr()
    return captured.out, captured.err


def lint(root: Path, capsys) -> tuple[int, str]:
    code = main(["--root", str(root), "lint", "--content", str(root / "content")])
    return code, capsys.readouterr().out


def page_files(root: Path) -> list[Path]:
    return sorted((root / "content" / DOC).glob("[0-9]*.md"))


def keyed(page: Path) -> list[str]:
    return [c.key for c in parse_page(page.read_text(encoding="utf-8")).chunks if c.key.startswith("p")]


def rewrite(page: Path, change) -> None:
    parsed = parse_page(page.read_text(encoding="utf-8"))
    change(parsed)
    page.write_text(parsed.render(), encoding="utf-8")


def chunk(parsed, key: str) -> Chunk:
    return next(c for c in parsed.chunks if c.key == key)


def linked_ids(root: Path, page: Path) -> list[str]:
    """The paragraph ids of ``page`` that generated files (index of names, glossary, apparatus) link to,
    in reading order."""
    found = set()
    for path in (root / "content").rglob("*.md"):
        if ".edition" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        found.update(re.findall(rf"{re.escape(page.name)}#(p\d+)\)", text))
        if path == page:
            found.update(re.findall(r"\]\(#(p\d+)\)", text))
    return [k for k in keyed(page) if k in found]


def links_to(root: Path, key: str) -> list[str]:
    """Files of content/ that link to paragraph ``key`` of the document."""
    hits = []
    for path in (root / "content").rglob("*.md"):
        if ".edition" not in path.parts and re.search(rf"#{key}\)", path.read_text(encoding="utf-8")):
            hits.append(path.relative_to(root / "content").as_posix())
    return sorted(hits)


@pytest.mark.slow
def test_one_glossary_correction_is_kept_and_the_glossary_is_not_doubled(project, capsys):
    glossary = project / "content" / "glossary.md"
    text = glossary.read_text(encoding="utf-8")
    term = re.search(r"^\*\*([^*]+)\*\* — (\S+)", text, re.M)
    edited = text.replace(term.group(0), term.group(0) + " (редактор)", 1)
    glossary.write_text(edited, encoding="utf-8")
    headings = len(re.findall(r"^## ", text, re.M))
    for _ in range(3):
        out, _ = build(project, capsys)
        assert "1 edited, 0 added" in out, out
        now = glossary.read_text(encoding="utf-8")
        assert now == edited
        assert len(re.findall(r"^## ", now, re.M)) == headings
    changes = (project / "content" / "changes.md").read_text(encoding="utf-8")
    assert "Барлығы: 1 түзету." in changes and "қосылды" not in changes


@pytest.mark.slow
def test_a_split_paragraph_stays_whole_when_a_moved_paragraph_goes_back(project, capsys):
    first, second = page_files(project)
    ids = keyed(first)
    before, moved, split = ids[4], ids[5], ids[6]          # three paragraphs in a row, as p681 p688 p691

    def split_and_move(parsed):
        target = chunk(parsed, split)
        words = target.body.split(" ")
        half = len(words) // 2
        parsed.chunks.insert(parsed.chunks.index(target),
                             Chunk(" ".join(words[:half]) + f"\n{{: #{split}-1 }}", target.sep, f"{split}-1", 0))
        target.raw = " ".join(words[half:]) + target.attrs
        target.sep = "\n\n"
        parsed.chunks.remove(chunk(parsed, moved))

    moved_raw = chunk(parse_page(first.read_text(encoding="utf-8")), moved).raw
    rewrite(first, split_and_move)
    rewrite(second, lambda parsed: parsed.chunks.append(Chunk(moved_raw, "\n\n", moved, 0)))
    _, err = build(project, capsys)
    assert f"#{moved} was moved" in err
    order = keyed(first)
    assert order[order.index(before):order.index(split) + 1] == [before, moved, f"{split}-1", split]
    assert moved not in keyed(second)


@pytest.mark.slow
def test_deleting_and_merging_paragraphs_leaves_no_generated_link_to_a_vanished_id(project, capsys):
    first = page_files(project)[0]
    linked = linked_ids(project, first)
    ids = keyed(first)
    gone = next(k for k in linked if ids.index(k) > 1)                 # a linked paragraph with one before it
    merged_from = next(k for k in reversed(linked) if k != gone and ids.index(k) + 1 < len(ids)
                       and ids[ids.index(k) + 1] not in (gone,) and ids.index(k) - 1 != ids.index(gone))
    merged_into = ids[ids.index(merged_from) + 1]
    previous = ids[ids.index(gone) - 1]
    linking = {key: links_to(project, key) for key in (gone, merged_from)}
    assert all(linking.values())

    def edit(parsed):
        parsed.chunks.remove(chunk(parsed, gone))
        source, into = chunk(parsed, merged_from), chunk(parsed, merged_into)
        into.raw = source.body.rstrip("\n") + " " + into.raw
        parsed.chunks.remove(source)

    rewrite(first, edit)
    out, _ = build(project, capsys)
    assert "1 edited, 0 added, 2 deleted" in out
    assert links_to(project, gone) == [] and links_to(project, merged_from) == []
    # the files that linked them now link where the texts are
    assert set(linking[gone]) <= set(links_to(project, previous))
    assert set(linking[merged_from]) <= set(links_to(project, merged_into))
    changes = (project / "content" / "changes.md").read_text(encoding="utf-8")
    assert f"#{gone})" not in changes and f"#{merged_from})" not in changes
    code, report = lint(project, capsys)
    assert "broken-link" not in report and code == 0, report
    before = {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()}
    out, _ = build(project, capsys)                        # stable: the adaptation is not taken for an edit
    assert "1 edited, 0 added, 2 deleted" in out
    assert before == {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()}


@pytest.mark.slow
def test_edited_titles_reach_the_navigation_and_the_landing_page(project, capsys):
    first, second = page_files(project)
    # the front-matter title of page 1, and the "# title" line of page 2 (written from its title)
    rewrite(first, lambda p: setattr(p, "front", re.sub(r"^title: .*(\n  .*)*$", "title: Жаңа Ата Заң жобасы",
                                                        p.front, count=1, flags=re.M)))
    old_second = parse_page(second.read_text(encoding="utf-8")).front_data()["title"]
    rewrite(second, lambda p: setattr(p.title, "raw", "# Бектенов ғалымдармен кездесті"))
    build(project, capsys)
    nav = yaml.safe_load((project / "content" / "_nav.yml").read_text(encoding="utf-8"))
    labels = {value: label for section in nav for items in section.values() if isinstance(items, list)
              for item in items if isinstance(item, dict) for label, value in item.items()}
    assert labels[f"{DOC}/{first.name}"] == "Жаңа Ата Заң жобасы"
    assert labels[f"{DOC}/{second.name}"] == "Бектенов ғалымдармен кездесті"
    landing = (project / "content" / DOC / "index.md").read_text(encoding="utf-8")
    assert f"[Жаңа Ата Заң жобасы]({first.name})" in landing
    assert f"[Бектенов ғалымдармен кездесті]({second.name})" in landing and old_second not in landing
    assert "# Бектенов ғалымдармен кездесті" in second.read_text(encoding="utf-8")
    again = {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()}
    build(project, capsys)
    assert again == {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()}


@pytest.mark.slow
def test_an_edited_title_heading_with_an_id_reaches_the_navigation_too(project, capsys):
    first = page_files(project)[0]
    heading = next(c for c in parse_page(first.read_text(encoding="utf-8")).chunks if c.raw.startswith("# "))
    assert heading.key.startswith("p")          # the news item's own title heading, with its id

    def retitle(page):
        chunk = next(c for c in page.chunks if c.key == heading.key)
        chunk.raw = "# Ата Заңның жаңа жобасы жарияланды " + chunk.attrs

    rewrite(first, retitle)
    build(project, capsys)
    nav = (project / "content" / "_nav.yml").read_text(encoding="utf-8")
    assert f"- Ата Заңның жаңа жобасы жарияланды: {DOC}/{first.name}" in nav
    landing = (project / "content" / DOC / "index.md").read_text(encoding="utf-8")
    assert f"[Ата Заңның жаңа жобасы жарияланды]({first.name})" in landing


@pytest.mark.slow
def test_refresh_evidence_reprocesses_every_document(project, capsys):
    out, _ = build(project, capsys)
    assert "taken from .cache" in out
    out, _ = build(project, capsys, "--refresh-evidence")
    assert "processed 1 of 1 documents" in out and "--refresh-evidence" in out
    assert "taken from .cache" not in out


# -- generated chunks without id, on hand-made trees -----------------------------------------------------

GLOSSARY = ("---\ntitle: Глоссарий\n---\n\n# Глоссарий\n\nКіріспе сөз.\n\n## A\n\n**AI** — жасанды интеллект\n"
            "{: #term-ai .glossary-term }\n\n## Б\n\n**БҰҰ** — Біріккен Ұлттар Ұйымы\n{: #term-buu .glossary-term }\n")


def test_a_generated_heading_changed_on_both_sides_is_a_conflict_that_resolve_settles():
    from build_edition.editorial.merge import merge_edition
    from build_edition.editorial.resolution import resolve_conflict

    base = {"glossary.md": GLOSSARY}
    current = {"glossary.md": GLOSSARY.replace("## Б\n", "## Б (редактор)\n")}
    new = {"glossary.md": GLOSSARY.replace("## Б\n", "## Б әрпі\n")}
    result = merge_edition(base, current, new)
    assert [(c.kind, c.file, "редактор" in c.edit, "әрпі" in c.new) for c in result.conflicts] == \
        [("file", "glossary.md", True, True)]
    resolve_conflict(result.conflicts[0], "keep-edit", base, current, new)
    again = merge_edition(base, current, new)
    assert not again.conflicts and "## Б (редактор)\n" in again.files["glossary.md"]
    assert again.files["glossary.md"].count("## ") == 2
    # a generated heading only the editor changed, with a note added after it: both kept, once each
    current = {"glossary.md": GLOSSARY.replace("## A\n", "## A (түзету)\n\nРедактордың ескертпесі.\n")}
    kept = merge_edition(base, current, {"glossary.md": GLOSSARY.replace("жасанды", "жасанды (AI)")})
    assert not kept.conflicts
    text = kept.files["glossary.md"]
    assert text.count("## A (түзету)\n") == 1 and text.count("Редактордың ескертпесі.") == 1
    assert "жасанды (AI)" in text and text.index("## A (түзету)") < text.index("Редактордың") < text.index("**AI**")
