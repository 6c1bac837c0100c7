"""Reproducible builds: the same inputs give byte-identical content/ and site, whatever the hash seed,
the working directory or the clock. The only date in the site (the sitemap's <lastmod>, written when the site's address is known) comes
from git or the catalogue."""
from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from build_edition.read.edition_date import catalogue_timestamp

from .project_copy import ROOT, make_project, run_build, snapshot
from .site_helpers import copy_site_config

pytestmark = pytest.mark.slow


def _pipeline(content: Path, hash_seed: str, cwd: Path) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    run = subprocess.run([sys.executable, "-m", "build_edition", "--root", str(ROOT), "--quiet", "build",
                          "--content", str(content), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stderr


def _mkdocs(workdir: Path, hash_seed: str, extra_env: dict | None = None) -> Path:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(PYTHONHASHSEED=hash_seed, NO_MKDOCS_2_WARNING="1", **(extra_env or {}))
    site = workdir / "site"
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(workdir / "mkdocs.yml"),
                          "-d", str(site)], cwd=workdir, env=env, capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stdout + run.stderr
    return site


def _differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))


def test_content_is_byte_identical_across_builds(tmp_path):
    """All five real seeds, processed twice (no cache) with different hash seeds from different directories."""
    (tmp_path / "elsewhere").mkdir()
    _pipeline(tmp_path / "one", "1", ROOT)
    _pipeline(tmp_path / "two", "2", tmp_path / "elsewhere")
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert len(one) > 20
    assert _differences(one, two) == []


def test_rebuilding_over_the_edition_changes_nothing(tmp_path):
    project = make_project(tmp_path / "project", ("003", "004"))
    assert run_build(project, env={"PYTHONHASHSEED": "3"}).returncode == 0
    first = snapshot(project / "content")
    assert run_build(project, env={"PYTHONHASHSEED": "4"}).returncode == 0
    assert _differences(first, snapshot(project / "content")) == []


def test_site_is_byte_identical_across_builds(built_site, tmp_path):
    """The session's site against a second MkDocs build of the same content/ (another hash seed)."""
    workdir = tmp_path / "again"
    copy_site_config(workdir)
    shutil.copytree(built_site.parent / "content", workdir / "content")
    again = _mkdocs(workdir, hash_seed="5")
    first, second = snapshot(built_site), snapshot(again)
    assert "404.html" in first and len([k for k in first if k.endswith(".html")]) > 10
    assert _differences(first, second) == []


# -- where the one date comes from ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_site_project(tmp_path_factory):
    """A site project (mkdocs.yml and hooks of the repository) whose content/ is the edition of one seed."""
    base = tmp_path_factory.mktemp("dated")
    project = make_project(base / "project")
    assert run_build(project).returncode == 0
    return project


# The sitemap is written only when the site's address is known (CI sets it; `.test` is reserved for tests).
PUBLISHED = {"SITE_URL": "https://edition.test/"}


def _site_dates(site: Path) -> tuple[set[str], int]:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    lastmods = set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap))
    gz_header = (site / "sitemap.xml.gz").read_bytes()[:10]
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode() == sitemap
    return lastmods, struct.unpack("<I", gz_header[4:8])[0]


def _site_workdir(small_site_project: Path, workdir: Path) -> Path:
    copy_site_config(workdir)
    shutil.copytree(small_site_project / "content", workdir / "content")
    # The copy shares seeds/ with the repository; this project's own catalogue dates it outside git.
    (workdir / "seeds").unlink()
    shutil.copytree(small_site_project / "seeds", workdir / "seeds")
    return workdir


def test_site_date_is_the_last_commit_of_content(small_site_project, tmp_path):
    workdir = _site_workdir(small_site_project, tmp_path / "git")
    commit_date = "2001-02-03T04:05:06+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": commit_date, "GIT_COMMITTER_DATE": commit_date,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for command in (["git", "init", "-q"], ["git", "add", "content"], ["git", "commit", "-q", "-m", "edition"]):
        subprocess.run(command, cwd=workdir, env=env, check=True, capture_output=True)
    lastmods, gz_mtime = _site_dates(_mkdocs(workdir, hash_seed="6", extra_env=PUBLISHED))
    assert lastmods == {"2001-02-03"}
    assert gz_mtime == int(dt.datetime(2001, 2, 3, tzinfo=dt.UTC).timestamp())


def test_site_date_outside_git_is_the_newest_catalogue_date(small_site_project, tmp_path):
    workdir = _site_workdir(small_site_project, tmp_path / "plain")
    lastmods, gz_mtime = _site_dates(_mkdocs(workdir, hash_seed="7", extra_env=PUBLISHED))
    dates = [e["date"] for e in __import__("yaml").safe_load(
        (workdir / "seeds" / "catalog.yml").read_text(encoding="utf-8"))["documents"]]
    assert dates == ["2026-02"]
    assert lastmods == {"2026-02-01"}
    assert gz_mtime == catalogue_timestamp(workdir / "seeds" / "catalog.yml")


def test_an_explicit_source_date_epoch_wins(small_site_project, tmp_path):
    workdir = _site_workdir(small_site_project, tmp_path / "explicit")
    lastmods, _ = _site_dates(_mkdocs(workdir, hash_seed="8", extra_env={**PUBLISHED, "SOURCE_DATE_EPOCH": "1000000000"}))
    assert lastmods == {"2001-09-09"}
