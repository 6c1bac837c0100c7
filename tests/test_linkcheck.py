"""Link check of the built site: every internal link and anchor resolves (the site is built offline).

A small BeautifulSoup checker rather than `linkchecker`: it needs no server, checks fragments
against the ids of the target page, and runs on the session's strictly built site.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from tests.site_helpers import html_pages


def site_path(site: Path) -> str:
    """The path of the site's URL (`/kazakh-edition/`): absolute links start with it."""
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    canonical = home.find("link", rel="canonical")
    return urlsplit(canonical["href"]).path if canonical else "/"


def resolve(site: Path, page: Path, href: str, root: str = "/") -> tuple[Path, str] | None:
    """The file and fragment an internal href points to; None for external and special links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:", "data:")):
        return None
    path = unquote(parts.path)
    if path.startswith(root):
        path = "/" + path[len(root):]
    if not path:
        target = page
    else:
        target = (page.parent / path).resolve() if not path.startswith("/") else (site / path.lstrip("/")).resolve()
        if target.is_dir() or path.endswith("/"):
            target = target / "index.html"
    return target, unquote(parts.fragment)


def test_no_broken_internal_links_or_anchors(built_site):
    ids: dict[Path, set[str]] = {}
    root = site_path(built_site)
    broken = []
    checked = 0
    files = set()            # the downloads (TEI, EPUB, text, the edition's data archive) are links too
    for page in html_pages(built_site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        ids[page.resolve()] = {tag["id"] for tag in soup.find_all(id=True)}
        for a in soup.find_all("a", href=True):
            found = resolve(built_site, page, a["href"], root)
            if found is None:
                continue
            checked += 1
            target, fragment = found
            if target.suffix != ".html":
                files.add(target.name)
            if not target.exists():
                broken.append((page.relative_to(built_site).as_posix(), a["href"], "missing file"))
                continue
            if fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {t["id"] for t in BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
                                   .find_all(id=True)}
                if fragment not in ids[target]:
                    broken.append((page.relative_to(built_site).as_posix(), a["href"], "missing anchor"))
    assert checked > 5000
    assert {"edition-data.zip", "edition-data-licence.txt", "chebotarev-political-thought.tei.xml",
            "chebotarev-political-thought.epub", "chebotarev-political-thought.arab.txt"} <= files
    assert not broken, broken[:20]


def test_checker_finds_a_broken_anchor(tmp_path):
    site = tmp_path
    (site / "a").mkdir()
    (site / "a" / "index.html").write_text('<p id="x"></p><a href="../b/#y">b</a><a href="#x">x</a>')
    (site / "b").mkdir()
    (site / "b" / "index.html").write_text('<p id="z"></p>')
    page = site / "a" / "index.html"
    target, fragment = resolve(site, page, "../b/#y")
    assert target == (site / "b" / "index.html").resolve() and fragment == "y"
    assert resolve(site, page, "https://example.org/") is None
    assert resolve(site, page, "#x") == (page, "x")
    assert resolve(site, page, "/ed/b/#z", "/ed/") == ((site / "b" / "index.html").resolve(), "z")
