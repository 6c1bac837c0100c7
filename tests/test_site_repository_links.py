"""Repository links of the site ("edit this page", "view source", the header's repository) without
``REPO_URL``: from the checkout's ``origin`` remote, or none at all — never a made-up repository.

A small site (one real seed) is built strictly in a temporary project, once without git and once in a
git checkout whose ``origin`` is a fork with a token in its URL and ``trunk`` as its default branch.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.site_helpers import copy_site_config
from tests.test_merge import build, make_project

pytestmark = pytest.mark.slow

FORK = "https://git.example.test/fork-owner/edition-fork"
TOKEN = "ghp_notARealToken123"


def mkdocs_build(workdir: Path, site: str) -> Path:
    env = {k: v for k, v in os.environ.items() if k not in ("REPO_URL", "EDIT_URI")}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(workdir / "mkdocs.yml"),
                          "-d", str(workdir / site)], cwd=workdir, env=env, capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0 and "WARNING" not in run.stdout + run.stderr, run.stdout + run.stderr
    return workdir / site


def git(workdir: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(workdir), *args], check=True, capture_output=True, text=True)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    workdir = tmp_path_factory.mktemp("repository-links")
    root = make_project(workdir / "project")
    assert build(root)[0] == 0
    copy_site_config(workdir)
    shutil.copytree(root / "content", workdir / "content")
    return workdir


@pytest.fixture(scope="module")
def sites(project) -> dict[str, Path]:
    without_git = mkdocs_build(project, "site-no-git")
    git(project, "init", "-q")
    git(project, "remote", "add", "origin", FORK.replace("https://", f"https://someone:{TOKEN}@") + ".git")
    git(project, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/trunk")
    return {"none": without_git, "origin": mkdocs_build(project, "site-origin")}


def pages(site: Path) -> list[tuple[Path, BeautifulSoup]]:
    return [(p, BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")) for p in sorted(site.rglob("*.html"))]


def test_without_repository_there_are_no_repository_links(sites):
    found = pages(sites["none"])
    assert len(found) > 5
    for path, soup in found:
        assert not soup.select('a[rel~="edit"], a[data-edition-action="source"], .md-source'), path
        text = path.read_text(encoding="utf-8")
        assert "kazakh-edition/kazakh-edition" not in text and 'href="edit/' not in text, path


def test_origin_remote_gives_the_repository_without_its_credentials(sites):
    found = pages(sites["origin"])
    edits = [a["href"] for _, soup in found for a in soup.select('a[rel~="edit"]')]
    sources = [a["href"] for _, soup in found for a in soup.select('a[data-edition-action="source"]')]
    assert edits and sources
    assert all(h.startswith(f"{FORK}/edit/trunk/content/") for h in edits), edits[:3]
    assert all(re.match(rf"{re.escape(FORK)}/blob/trunk/seeds/004_\w+\.txt#L\d+-L\d+$", h) for h in sources), sources[:3]
    repository = {a["href"] for _, soup in found for a in soup.select("a.md-source")}
    assert repository == {FORK}
    assert not any(TOKEN in p.read_text(encoding="utf-8") or "someone@" in p.read_text(encoding="utf-8")
                   for p in sites["origin"].rglob("*") if p.is_file() and p.suffix in (".html", ".js", ".json", ".xml"))
