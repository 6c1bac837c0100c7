"""The changelog of editorial corrections: content/changes.md, dated from git, never from the clock."""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from build_edition.text.markdown import plain_text
from build_edition.write.changes_page import word_diff
from build_edition.commands.cli import main
from tests.test_merge import build, edit_segment, make_project, paragraphs, segment, with_word


def git(root, *args, date=None):
    env = dict(os.environ, GIT_AUTHOR_NAME="Редактор", GIT_AUTHOR_EMAIL="editor@example.org",
               GIT_COMMITTER_NAME="Редактор", GIT_COMMITTER_EMAIL="editor@example.org")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def changes(root) -> str:
    return (root / "content" / "changes.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_corrections_are_listed_with_commit_dates_and_stay_byte_identical(tmp_path, capsys):
    root = make_project(tmp_path)
    assert build(root, capsys)[0] == 0
    assert "Әзірге редакциялық түзету жоқ." in changes(root)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "generated", date="2025-03-01T12:00:00+05:00")
    (page_a, id_a, body_a, _), (page_b, id_b, body_b, _) = paragraphs(root)[:2]
    edit_segment(page_a, id_a, with_word(body_a))
    git(root, "commit", "-qam", "fix", date="2025-04-02T23:30:00+05:00")    # 2 April in Astana, 1 April in UTC
    edit_segment(page_b, id_b, with_word(body_b, "ҚОСЫМША"))                 # not committed yet
    assert build(root, capsys)[0] == 0
    page = changes(root)
    link_a = f"({page_a.relative_to(root / 'content').as_posix()}#{id_a})"
    assert "Барлығы: 2 түзету." in page
    entry_a = next(line for line in page.split("\n") if link_a in line)
    assert "2025" in entry_a and "2 сәуір" in entry_a
    entry_b = next(line for line in page.split("\n") if f"#{id_b})" in line)
    assert "әлі енгізілмеген" in entry_b
    assert "<ins>ТҮЗЕТІЛДІ</ins>" in page and "<ins>ҚОСЫМША</ins>" in page
    # rebuilding the same repository state gives the same page, whatever the clock says
    first = changes(root)
    assert build(root, capsys)[0] == 0
    assert changes(root) == first
    records = [json.loads(line) for line in
               (root / "content" / ".edition" / "corrections.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted((r["id"], r["date"]) for r in records) == sorted([(id_a, "2025-04-02"), (id_b, "uncommitted")])
    assert segment(page_a, id_a) == with_word(body_a)


@pytest.mark.slow
def test_changelog_command_lists_corrections_without_the_pipeline(tmp_path, capsys):
    root = make_project(tmp_path)
    assert build(root, capsys)[0] == 0
    page_a, id_a, body_a, _ = paragraphs(root)[0]
    edit_segment(page_a, id_a, with_word(body_a))
    capsys.readouterr()
    assert main(["--root", str(root), "changelog"]) == 0
    out = capsys.readouterr().out
    assert f"#{id_a}" in out and "ТҮЗЕТІЛДІ" in out and "unknown" in out     # no git here: date unknown
    assert main(["--root", str(root), "changelog", "--json"]) == 0
    row = json.loads(capsys.readouterr().out.splitlines()[0])
    assert row["id"] == id_a and row["kind"] == "edit" and row["after"].rstrip().endswith("ТҮЗЕТІЛДІ")


@pytest.mark.slow
def test_changes_page_is_in_the_navigation(tmp_path, capsys):
    root = make_project(tmp_path)
    assert build(root, capsys)[0] == 0
    nav = (root / "content" / "_nav.yml").read_text(encoding="utf-8")
    assert "changes.md" in nav


def test_word_diff_marks_only_the_changed_words_with_context():
    before = "бір екі үш төрт бес алты жеті сегіз тоғыз он он бір"
    after = "бір екі үш төрт бес АЛТЫ жеті сегіз тоғыз он он бір"
    was, now = word_diff(before, after)
    assert was == "бір екі үш төрт бес <del>алты</del> жеті сегіз тоғыз он он …"
    assert now == "бір екі үш төрт бес <ins>АЛТЫ</ins> жеті сегіз тоғыз он он …"
    was, now = word_diff("*жұлдыз* <b>", "*жұлдыз* <i>")
    assert "<b>" not in was and "&lt;b&gt;" in was and "\\*жұлдыз\\*" in was   # text stays text


def test_plain_text_of_rendered_chunks():
    assert plain_text("> «Дәйексөз» \\[1\\]\n> {: #p9 }") == "«Дәйексөз» [1]"
    assert plain_text("### 1\\.2\\. Бөлім {: #p3 }") == "1.2. Бөлім"


@pytest.mark.slow
def test_a_shallow_clone_does_not_invent_dates(tmp_path, capsys):
    """In a depth-1 clone every line blames the boundary commit: its date is not the correction's date."""
    root = make_project(tmp_path)
    assert build(root, capsys)[0] == 0
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "generated", date="2025-03-01T12:00:00+05:00")
    page_a, id_a, body_a, _ = paragraphs(root)[0]
    edit_segment(page_a, id_a, with_word(body_a))
    git(root, "commit", "-qam", "fix", date="2025-04-02T12:00:00+05:00")
    git(root, "commit", "-q", "--allow-empty", "-m", "later", date="2025-05-05T12:00:00+05:00")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", root.resolve().as_uri(), str(shallow))
    assert build(shallow, capsys)[0] == 0
    entry = next(line for line in changes(shallow).split("\n") if f"#{id_a})" in line)
    assert "күні белгісіз" in entry and "5 мамыр" not in entry
    assert build(root, capsys)[0] == 0
    assert "2 сәуір" in next(line for line in changes(root).split("\n") if f"#{id_a})" in line)
