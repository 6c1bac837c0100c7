"""Every page's "edit this page" link opens its own file in content/, and "view source" the seed lines it
came from: checked on a site built strictly into a temporary project (one real seed)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from tests.test_merge import ROOT, build, make_project

pytestmark = pytest.mark.slow

REPO = "https://example.test/fork-owner/edition-fork"
EDIT_URI = "edit/trunk/content/"


def site_config_files() -> list[str]:
    """mkdocs.yml, the theme overrides and the package of every hook mkdocs.yml names (a hook imports the
    rest of its package, which the project copy must then hold whole, not as a partial namespace)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^hooks:\n((?:[ \t]+-[^\n]*\n)+)", text, re.M)
    hooks = re.findall(r"-\s*(\S+)", block.group(1)) if block else []
    return ["mkdocs.yml", "overrides", *sorted({hook.split("/", 1)[0] for hook in hooks})]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("edit-links")
    root = make_project(tmp)
    assert build(root)[0] == 0
    for rel in site_config_files():
        src, dest = ROOT / rel, root / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest)
    env = dict(os.environ, REPO_URL=REPO, EDIT_URI=EDIT_URI, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"),
                          "-d", str(root / "site")], cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    return root


def html_pages(root: Path):
    for path in sorted((root / "site").rglob("index.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if soup.select_one("article.md-content__inner") or soup.select_one(".md-content"):
            yield path, soup


def test_every_page_edit_link_points_to_its_existing_content_file(built):
    sources = set()
    for path, soup in html_pages(built):
        links = soup.select('a.md-content__button[rel~="edit"]')
        rel_html = path.parent.relative_to(built / "site").as_posix()
        # the ru/en interface trees show the same content files as the Kazakh root
        for interface in ("ru", "en"):
            if rel_html == interface:
                rel_html = "."
            elif rel_html.startswith(interface + "/"):
                rel_html = rel_html[len(interface) + 1:]
        if rel_html == "changes":
            assert links == [], "the regenerated changes page must not invite edits"
            continue
        assert len(links) == 1, f"{path}: one edit link expected"
        href = links[0]["href"]
        assert href.startswith(f"{REPO}/{EDIT_URI}"), href          # the fork's repository, from the environment
        src = unquote(href[len(f"{REPO}/{EDIT_URI}"):])
        assert (built / "content" / src).is_file(), src
        expected = "index.md" if rel_html == "." else f"{rel_html}.md"
        # mkdocs-static-i18n pages of one interface language are `<name>.<lang>.md`
        language_neutral = src[: -len(".xx.md")] + ".md" if src.endswith((".ru.md", ".en.md")) else src
        assert language_neutral in (expected, f"{rel_html}/index.md"), (src, rel_html)
        sources.add(src)
    # every page; not the abbreviations appended to all of them (content/_includes/, not published)
    generated = {p.relative_to(built / "content").as_posix() for p in (built / "content").rglob("*.md")
                 if ".edition" not in p.parts and "_includes" not in p.parts and p.name != "changes.md"}
    assert sources == generated


def test_view_source_links_cover_the_seed_lines_of_the_page(built):
    seen = 0
    for path, soup in html_pages(built):
        link = soup.select_one('a[data-edition-action="source"]')
        lines_on_page = [tuple(map(int, el["data-lines"].split("-"))) for el in soup.select("[data-lines]")]
        if link is None:
            assert not lines_on_page, f"{path}: a text page needs a view-source link"
            continue
        m = re.fullmatch(rf"{re.escape(REPO)}/blob/trunk/(seeds/[^#]+)#L(\d+)-L(\d+)", link["href"])
        assert m, link["href"]
        seed = built / m.group(1)
        assert seed.is_file()
        first, last = int(m.group(2)), int(m.group(3))
        total = len(seed.read_bytes().decode("utf-8").split("\n"))
        assert 1 <= first <= last <= total
        assert lines_on_page and all(first <= a <= b <= last for a, b in lines_on_page)
        assert link.get("title") and link.get("aria-label")
        seen += 1
    assert seen >= 1
