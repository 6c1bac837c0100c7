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

import ftfy.bad_codecs  # noqa: F401  (the sloppy-windows-125x codecs a browser decodes with)

from build_edition.read.catalog import SITE_FOLDERS, load_catalog
from build_edition.core.errors import EditionError
from build_edition.editorial.lint import lint_paths
from build_edition.write.writer import edition_paths, render_edition

from .project_copy import build_command, make_project, reading_chunks, run_build, seed_path, snapshot

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


# -- 1. mojibake: each kind repaired by what it is, or refused -----------------------------------------------

def _double(*codecs: str):
    """UTF-8 decoded as ``codecs`` (in turn) and saved as UTF-8 again, as a browser or an editor does."""
    def encode(text: str) -> str:
        for codec in codecs:
            text = text.encode("utf-8").decode(codec)
        return text
    return encode


DOUBLE_ENCODINGS = {
    # name: (how the seed text was damaged, the encoding the build reports)
    "windows-1252": (_double("sloppy-windows-1252"), "utf-8+windows-1252"),
    "latin-1": (_double("latin-1"), "utf-8+latin-1"),
    "windows-1251": (_double("sloppy-windows-1251"), "utf-8+windows-1251"),
    "latin-1, then windows-1252": (_double("latin-1", "sloppy-windows-1252"), "utf-8+windows-1252+latin-1"),
}
MIXED_SEEDS = ("003", "004")      # 003 has cp1251-as-Latin-1 mojibake of its own (the masthead): a mixed case


@pytest.fixture(scope="module")
def clean_pair(tmp_path_factory):
    """The article 003 and the web page 004, built from their clean seeds."""
    project = make_project(tmp_path_factory.mktemp("pair") / "project", seeds=MIXED_SEEDS)
    run = run_build(project)
    assert run.returncode == 0, run.stderr
    return project, snapshot(project / "content"), run



@pytest.mark.parametrize("case", DOUBLE_ENCODINGS)
def test_double_encoded_seeds_give_back_the_original_edition(clean_pair, tmp_path, case):
    damage, reported = DOUBLE_ENCODINGS[case]
    project = _copy(clean_pair, tmp_path)
    for prefix in MIXED_SEEDS:
        path = seed_path(project, prefix)
        original = path.read_text(encoding="utf-8")
        path.write_text(damage(original), encoding="utf-8")
        assert damage(original) != original
    run = run_build(project)
    assert run.returncode == 0, run.stderr
    for prefix in MIXED_SEEDS:
        assert f"{seed_path(project, prefix).name} read as {reported}, LF line ends; 100.00% of" in run.stdout
    files = snapshot(project / "content")
    # the same edition, byte for byte, but for the name of the encoding (front matter, landing page note)
    assert {k: v.replace(reported.encode(), b"utf-8") for k, v in files.items()} == clean_pair[1]
    article = next(v for k, v in files.items() if k.endswith("/emendations.jsonl") and b"repair_mojibake" in v)
    assert '"after": "МЕМЛЕКЕТТ", "before": "ÌÅÌËÅÊÅÒÒ"'.encode() in article     # 003's masthead, as before


def test_double_encoded_passage_is_repaired_and_every_run_logged(good, tmp_path):
    project = _copy(good, tmp_path)
    lines = SEED_TEXT.split("\n")
    damaged = range(4, 12)                     # seed lines 5-12 pasted from a page decoded as windows-1252
    for i in damaged:
        lines[i] = lines[i].encode().decode("sloppy-windows-1252")
    seed_path(project).write_text("\n".join(lines), encoding="utf-8")
    run = run_build(project)
    assert run.returncode == 0, run.stderr
    assert f"{SEED} read as utf-8, LF line ends; 100.00% of" in run.stdout
    files = snapshot(project / "content")
    assert reading_chunks(files) == reading_chunks(good[1])
    log = [row for row in files["constitution-draft-news/emendations.jsonl"].decode().splitlines()
           if '"rule": "repair_mojibake"' in row]
    assert log and all(re.search(r'"line": ([5-9]|1[0-2]),', row) for row in log)
    assert not lint_findings(project, "broken encoding")


def test_double_encoding_that_lost_bytes_is_refused_at_its_line(good, tmp_path):
    """Saved from a strict windows-1252 decoder, the bytes it has no character for became U+FFFD: the letters
    with those bytes (с, Н) are gone and nothing may guess them."""
    project = _copy(good, tmp_path)
    damaged = SEED_TEXT.encode().decode("cp1252", errors="replace")
    seed_path(project).write_text(damaged, encoding="utf-8")
    first = next(n for n, line in enumerate(damaged.split("\n"), 1) if "\ufffd" in line)
    _assert_refused(run_build(project), project, good[1], re.escape(f"seeds/{SEED}") + f":{first}: ",
                    ["still garbled after repairing its encoding", "a byte lost", "copy it again from the original"])


def test_text_garbled_by_a_wrong_repair_is_refused(good, tmp_path):
    """What the old repair made of double-encoded text (UTF-8 read as KZ-1048: ``РљРңРҢСЃ``) cannot be
    undone reliably: refused at its line, not published."""
    project = _copy(good, tmp_path)
    damaged = SEED_TEXT.encode().decode("kz1048", errors="replace")
    seed_path(project).write_text(damaged, encoding="utf-8")
    first = next(n for n, line in enumerate(SEED_TEXT.split("\n"), 1) if not line.isascii())
    _assert_refused(run_build(project), project, good[1], re.escape(f"seeds/{SEED}") + f":{first}: ",
                    ["still garbled after repairing its encoding", "utf-8 read as windows-1251 or KZ-1048"])


def lint_findings(project: Path, token_kind: str) -> list[str]:
    return [str(f) for f in lint_paths(project / "content") if "[residue]" in str(f) and token_kind in str(f)]


def test_garbled_text_in_content_is_a_lint_finding(good, tmp_path):
    project = _copy(good, tmp_path)
    page = next((project / "content").glob("constitution-draft-news/01-*.md"))
    front, body = page.read_text(encoding="utf-8").split("\n---\n", 1)
    paragraph = next(line for line in body.split("\n") if line and not line.startswith(("#", "{:")))
    word = re.findall(r"[а-яәғқңөұүһі]{6,}", paragraph)[0]       # garbled as the old repair garbled it
    page.write_text(front + "\n---\n" + body.replace(word, word.encode().decode("kz1048"), 1), encoding="utf-8")
    found = [f for f in lint_paths(project / "content") if "[residue]" in str(f)]
    assert any(word.encode().decode("kz1048") in str(f) for f in found), found


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
