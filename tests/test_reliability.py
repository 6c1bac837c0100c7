"""Reliability on unlucky inputs (issue 16), each run through the CLI on a temporary copy of the project:
double-encoded seeds, slugs that would take the edition's own paths, a build killed while its workers
run, a read-only content/, and seeds with several invalid UTF-8 sequences.

Every case ends either in a correct edition or in a clear error (exit status 2, file and line, a "how
to fix" hint, content/ untouched); none leaves a process running or a page missing.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest

from build_edition.catalog import SITE_FOLDERS, load_catalog
from build_edition.errors import EditionError
from build_edition.writer import edition_paths, render_edition

from .project_copy import build_command, make_project, run_build, seed_path, snapshot

SEED = "004_f20501a1731f393f.txt"
SEED_TEXT = (Path(__file__).resolve().parent.parent / "seeds" / SEED).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    """A built one-document project (the web page 004) and a snapshot of its content/."""
    project = make_project(tmp_path_factory.mktemp("good") / "project")
    run = run_build(project)
    assert run.returncode == 0, run.stderr
    return project, snapshot(project / "content"), run


def _copy(good, tmp_path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(good[0], project, symlinks=True)
    return project


def _assert_refused(run, project: Path, before: dict | None, location: str, fragments: list[str]) -> None:
    """Exit 2 with ``location`` (a regex) and every fragment in the message, no traceback, content/ as before."""
    assert run.returncode == 2, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith("error: "), run.stderr
    assert re.search(location, run.stderr), run.stderr
    assert "how to fix:" in run.stderr
    for fragment in fragments:
        assert fragment in run.stderr, run.stderr
    assert snapshot(project / "content") == before, "content/ must be left as it was"
    assert not [p for p in project.iterdir() if p.name.startswith(".content.")]


# -- 2. slugs that would take a path of the edition itself -----------------------------------------------

CATALOG = f"""\
documents:
  - title: "Жаңа Конституция жобасы"
    slug: constitution-draft-news
    source: {SEED}
    authors: [unknown]
    publication: unknown
    date: "2026-02"
    kind: web page
    language: kk
"""


def test_every_top_level_path_of_the_writer_is_reserved():
    """The reserved names come from what the writer really writes beside the documents."""
    names = edition_paths()
    tops = {rel.split("/")[0].split(".")[0] for rel in render_edition([])}
    assert tops <= set(names)
    assert {"entities", "glossary", "changes", "translations", "data", "ru", "en"} <= set(names)


@pytest.mark.parametrize("slug", sorted(n for n in {*edition_paths(), *SITE_FOLDERS} if re.fullmatch(r"[a-z0-9][a-z0-9_-]*", n)))
def test_slug_of_an_edition_path_is_refused_at_its_line(tmp_path, slug):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / SEED).write_text(SEED_TEXT, encoding="utf-8")
    catalog = tmp_path / "seeds" / "catalog.yml"
    catalog.write_text(CATALOG.replace("slug: constitution-draft-news", f"slug: {slug}"), encoding="utf-8")
    with pytest.raises(EditionError) as caught:
        load_catalog(catalog, tmp_path / "seeds", reserved=edition_paths())
    assert caught.value.line == 3 and caught.value.file == str(catalog)
    assert f"slug {slug!r} is the name of" in caught.value.message and "another slug" in caught.value.hint


@pytest.mark.parametrize("slug", ["entities", "data", "glossary", "translations"])
def test_build_refuses_a_slug_that_would_swallow_pages(good, tmp_path, slug):
    project = _copy(good, tmp_path)
    (project / "seeds" / "catalog.yml").write_text(CATALOG.replace("slug: constitution-draft-news", f"slug: {slug}"),
                                                   encoding="utf-8")
    _assert_refused(run_build(project), project, good[1], r"seeds/catalog\.yml:3: ",
                    [f"slug '{slug}' is the name of content/{slug}"])


# -- 3. workers die with a killed build -------------------------------------------------------------------

def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for an init that does not reap it does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the worker processes")
def test_workers_die_when_the_build_is_killed(tmp_path):
    project = make_project(tmp_path / "project", seeds=("000", "001", "004"))
    build = subprocess.Popen(build_command(project, "--no-cache", "--jobs", "2"), cwd=project,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        workers: set[int] = set()
        while len(workers) < 2 and build.poll() is None and time.monotonic() < deadline:
            workers |= _children(build.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "the build never started its worker processes"
        time.sleep(1.0)                 # the workers are busy with their documents now
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 30
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if _alive(pid)], "worker processes outlived the killed build"
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()


# -- 4. a read-only content/ is refused before any work, and left as the editor set it ------------------------

def _modes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.lstat().st_mode for p in [folder, *sorted(folder.rglob("*"))]}


def _make_writable(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | stat.S_IWUSR)


def _read_only(path: Path, recursive: bool) -> None:
    for p in ([*path.rglob("*"), path] if recursive else [path]):
        p.chmod(p.stat().st_mode & ~0o222)


@pytest.mark.parametrize("case", ["content read-only (chmod -R a-w)", "one page read-only", "project folder read-only"])
def test_read_only_output_is_refused_and_kept(good, tmp_path, case):
    project = _copy(good, tmp_path)
    content = project / "content"
    page = next(content.glob("constitution-draft-news/01-*.md"))
    shutil.rmtree(project / ".cache", ignore_errors=True)
    target, location, fragment = {
        "content read-only (chmod -R a-w)": (content, r"/content: ", "chmod -R u+w"),
        "one page read-only": (page, re.escape(str(page)) + ": ", "chmod -R u+w"),
        "project folder read-only": (project, re.escape(str(project)) + ": ", "chmod u+w"),
    }[case]
    _read_only(target, recursive=case.startswith("content"))
    modes = _modes(content)
    try:
        run = run_build(project)
        _assert_refused(run, project, good[1], location, ["read-only", fragment])
        assert _modes(content) == modes, "the permissions an editor set must stay"
        assert not (project / ".cache").exists(), "refused before any document was processed"
    finally:
        _make_writable(project)


# -- 5. every invalid UTF-8 sequence is named by line and column ----------------------------------------------

def test_invalid_utf8_names_line_and_column_of_each_bad_sequence(good, tmp_path):
    project = _copy(good, tmp_path)
    lines = [line.encode() for line in SEED_TEXT.split("\n")]
    bad = {}                               # line: column of a character saved in kz1048 instead of UTF-8
    for number in (3, 8, 12):
        text = lines[number - 1].decode()
        column = [i for i, ch in enumerate(text, 1) if not ch.isascii()][1]
        lines[number - 1] = (text[:column - 1].encode() + text[column - 1].encode("kz1048")
                             + text[column:].encode())
        bad[number] = column
    seed_path(project).write_bytes(b"\n".join(lines))
    run = run_build(project)
    _assert_refused(run, project, good[1], re.escape(f"seeds/{SEED}") + ":3: ",
                    [f"line {n}, column {c} (byte 0x" for n, c in bad.items()])


def test_many_invalid_sequences_are_counted_after_the_first_five(good, tmp_path):
    project = _copy(good, tmp_path)
    lines = SEED_TEXT.split("\n")
    damaged = [i for i, line in enumerate(lines) if re.search("[а-я]", line)][:2]
    data = b"\n".join(line.encode("kz1048") if i in damaged else line.encode() for i, line in enumerate(lines))
    seed_path(project).write_bytes(data)
    run = run_build(project)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.count(", column ") == 5
    assert re.search(r"\d+ invalid sequences in all", run.stderr)
