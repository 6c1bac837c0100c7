"""Atomic builds: a build killed at any moment leaves content/ either fully old or fully new, never
holds temporary files inside content/, and the next build cleans up what the killed one left beside it.

The kill tests run the CLI on a copy of the project whose content/ holds an older edition (built from
a shortened seed), send SIGKILL or SIGTERM at several moments — during start-up, and 0 to 100 ms after
the staging folder appears, i.e. while the new tree is written and swapped in — and compare content/
byte for byte with the old and the new edition.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from build_edition.store import output
from build_edition.store.output import recover, write_tree

from .project_copy import build_command, make_project, run_build, seed_path, snapshot


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """(a project whose content/ is the old edition and whose seed is the new one, old tree, new tree)."""
    base = tmp_path_factory.mktemp("atomic")
    project = make_project(base / "work")
    seed = seed_path(project)
    full = seed.read_text(encoding="utf-8")
    seed.write_text(full[: full.index("\n", len(full) // 2) + 1], encoding="utf-8")   # an older, shorter text
    assert run_build(project).returncode == 0
    old = snapshot(project / "content")
    seed.write_text(full, encoding="utf-8")
    template = base / "template"
    shutil.copytree(project, template)
    run = run_build(project)
    assert run.returncode == 0, run.stderr
    new = snapshot(project / "content")
    assert old != new
    return template, old, new


def _leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".content."))


def _kill_during_build(template: Path, workdir: Path, sig: int, after_staging: float | None, after_start: float = 0):
    """Start a build on a copy of ``template``; send ``sig`` ``after_start`` seconds after the start, or
    ``after_staging`` seconds after its staging folder appears. Returns (project, returncode, staging seen)."""
    project = workdir / "project"
    shutil.copytree(template, project)
    process = subprocess.Popen(build_command(project), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    staging_seen = False
    if after_staging is None:
        time.sleep(after_start)
    else:
        while process.poll() is None and not staging_seen:
            staging_seen = any(name.startswith(".content.new-") for name in os.listdir(project))
        time.sleep(after_staging)
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=900)
    assert "Traceback" not in stderr
    return project, process.returncode, staging_seen


MOMENTS = [
    # (signal, seconds after the staging folder appears, or None: seconds after the start)
    (signal.SIGKILL, None, 0.3),
    (signal.SIGKILL, 0.0, 0),
    (signal.SIGKILL, 0.002, 0),
    (signal.SIGKILL, 0.01, 0),
    (signal.SIGKILL, 0.03, 0),
    (signal.SIGKILL, 0.1, 0),
    (signal.SIGTERM, None, 0.3),
    (signal.SIGTERM, 0.0, 0),
    (signal.SIGTERM, 0.01, 0),
]


@pytest.mark.slow
@pytest.mark.parametrize("sig, after_staging, after_start", MOMENTS,
                         ids=[f"{signal.Signals(s).name}-{'staging+' if a is not None else 'start+'}"
                              f"{a if a is not None else b}s" for s, a, b in MOMENTS])
def test_killed_build_leaves_old_or_new_content(editions, tmp_path, sig, after_staging, after_start):
    template, old, new = editions
    project, returncode, staging_seen = _kill_during_build(template, tmp_path, sig, after_staging, after_start)
    content = snapshot(project / "content")
    assert content in (old, new), "content/ is a mix of the old and the new edition, or holds temporary files"
    if after_staging == 0.0:
        # Killed while the new tree was being written: the kill really hit the write phase.
        assert staging_seen and returncode != 0 and content == old
    if sig == signal.SIGTERM and returncode != 0:
        assert _leftovers(project) == [], "SIGTERM unwinds: the build removes its own staging folder"
    # The next build finishes the job and removes whatever the killed one left beside content/.
    run = run_build(project)
    assert run.returncode == 0, run.stderr
    assert snapshot(project / "content") == new
    assert _leftovers(project) == []


@pytest.mark.slow
def test_concurrent_builds_take_turns(editions, tmp_path):
    template, _, new = editions
    project = tmp_path / "project"
    shutil.copytree(template, project)
    processes = [subprocess.Popen(build_command(project), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
    results = [p.communicate(timeout=900) + (p.returncode,) for p in processes]
    assert [r[2] for r in results] == [0, 0], results
    assert snapshot(project / "content") == new
    assert _leftovers(project) == []


# -- write_tree on its own ---------------------------------------------------------------------------

OLD_FILES = {"index.md": "# Ескі\n", "a/01-page.md": "ескі мәтін\n", "a/emendations.jsonl": ""}
NEW_FILES = {"index.md": "# Жаңа\n", "a/01-page.md": "жаңа мәтін\n", "b/01-page.md": "тағы\n"}


def _as_bytes(files: dict[str, str]) -> dict[str, bytes]:
    return {k: v.encode() for k, v in sorted(files.items())}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
def test_the_swap_is_one_atomic_exchange_here(tmp_path):
    """On this filesystem the kill tests above exercise renameat2(RENAME_EXCHANGE), not the fallback."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x").write_text("a")
    assert output._exchange(tmp_path / "a", tmp_path / "b")
    assert (tmp_path / "b" / "x").read_text() == "a" and not (tmp_path / "a" / "x").exists()


def test_fallback_swap_without_renameat2(tmp_path, monkeypatch):
    target = tmp_path / "content"
    write_tree(OLD_FILES, target)
    monkeypatch.setattr(output, "_exchange", lambda a, b: False)
    write_tree(NEW_FILES, target)
    assert snapshot(target) == _as_bytes(NEW_FILES)
    assert _leftovers(tmp_path) == []


def test_failure_between_the_fallback_renames_puts_the_old_tree_back(tmp_path, monkeypatch):
    target = tmp_path / "content"
    write_tree(OLD_FILES, target)
    monkeypatch.setattr(output, "_exchange", lambda a, b: False)
    real_rename = os.rename

    def rename(src, dst):
        if Path(src).name.startswith(".content.new-"):
            raise OSError(28, "No space left on device")
        real_rename(src, dst)
    monkeypatch.setattr(output.os, "rename", rename)
    with pytest.raises(OSError):
        write_tree(NEW_FILES, target)
    assert snapshot(target) == _as_bytes(OLD_FILES)
    assert _leftovers(tmp_path) == []


def test_recover_puts_back_a_tree_displaced_by_a_killed_fallback_swap(tmp_path):
    target = tmp_path / "content"
    write_tree(OLD_FILES, target)
    os.rename(target, tmp_path / ".content.old-4242")          # killed between the two renames
    (tmp_path / ".content.new-abc123").mkdir()                  # ... with the new tree staged
    (tmp_path / ".content.new-abc123" / "index.md").write_text("# Жартылай\n")
    recover(target)
    assert snapshot(target) == _as_bytes(OLD_FILES)
    assert _leftovers(tmp_path) == []


def test_next_build_removes_stale_staging_and_keeps_unrelated_files(tmp_path):
    target = tmp_path / "content"
    write_tree(OLD_FILES, target)
    for stale in (".content.new-x1y2z3", ".content.old-77"):
        (tmp_path / stale / "a").mkdir(parents=True)
        (tmp_path / stale / "a" / "01-page.md").write_text("қалдық\n")
    for unrelated in (".contentious", ".content.keep", "content.new-1"):
        (tmp_path / unrelated).mkdir()
    (target / "a" / "photo.jpg").write_bytes(b"\xff\xd8\xff editor's image")
    write_tree(NEW_FILES, target)
    assert _leftovers(tmp_path) == [".content.keep"]
    assert (tmp_path / ".contentious").is_dir() and (tmp_path / "content.new-1").is_dir()
    assert snapshot(target) == {**_as_bytes(NEW_FILES), "a/photo.jpg": b"\xff\xd8\xff editor's image"}


def test_output_path_that_is_a_file_is_refused(tmp_path):
    from build_edition.core.errors import EditionError

    (tmp_path / "content").write_text("not a folder")
    with pytest.raises(EditionError, match="not a folder"):
        write_tree(NEW_FILES, tmp_path / "content")
    assert (tmp_path / "content").read_text() == "not a folder"
