"""Site hygiene: no script in markup, external links with rel="noopener", and a Content-Security-Policy
the site really works under (Chromium, the policy sent as a header by a local server, zero violations).

Also the site end of "no markup injection": a catalogue and a seed full of HTML and script still give
pages whose titles, navigation and text show that text literally.
"""
from __future__ import annotations

import base64
import json
import hashlib
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from build_edition.site.policy_hook import read_headers

from .project_copy import make_project, run_build, seed_path
from .site_helpers import SiteBuildError, copy_site_config, html_pages, mkdocs_build, open_page, serve

pytestmark = pytest.mark.slow

SITE_NAME = "Қазақ мәтіндерінің цифрлық басылымы"
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset")
SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)\s*:?", re.I)
JS_TYPES = {None, "", "text/javascript", "module", "application/javascript"}


def _soups(site: Path):
    for page in sorted(site.rglob("*.html")):
        yield page.relative_to(site).as_posix(), BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def script_in_markup(soup: BeautifulSoup) -> list[str]:
    found = []
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.lower().startswith("on"):
                found.append(f"<{element.name} {name}>")
            elif name.lower() in URL_ATTRIBUTES and value and SCRIPT_URL.match(value):
                found.append(f"<{element.name} {name}={value[:40]!r}>")
    return found


def _is_external(href: str) -> bool:
    return bool(re.match(r"^\s*(https?:)?//", href, re.I))


@dataclass
class SiteMarkup:
    """What the markup checks need from every page of a site, read in one parse per page."""
    pages: int = 0
    script_in_markup: dict[str, list[str]] = field(default_factory=dict)   # page -> what was found
    external_links: list[tuple[str, str, list[str]]] = field(default_factory=list)   # (page, href, rel)
    inline_scripts: set[str] = field(default_factory=set)                # the text of each inline script


def read_markup(site: Path) -> SiteMarkup:
    markup = SiteMarkup()
    for path, soup in _soups(site):
        markup.pages += 1
        if found := script_in_markup(soup):
            markup.script_in_markup[path] = found
        markup.external_links += [(path, a["href"], a.get("rel") or []) for a in soup.find_all("a", href=True)
                                  if _is_external(a["href"])]
        markup.inline_scripts |= {script.string or "" for script in soup.find_all("script")
                                  if not script.get("src") and script.get("type") in JS_TYPES}
    return markup


@pytest.fixture(scope="module")
def site_markup(built_site) -> SiteMarkup:
    return read_markup(built_site)


# -- the built site ------------------------------------------------------------------------------------

def test_no_event_handlers_or_script_urls_anywhere(site_markup):
    assert site_markup.pages > 20
    assert site_markup.script_in_markup == {}


def test_external_links_get_noopener(site_markup):
    assert site_markup.external_links, "the site links to its repository and to Material"
    missing = sorted({(path, href) for path, href, rel in site_markup.external_links if "noopener" not in rel})
    assert missing == []


def _policy(site: Path) -> dict[str, list[str]]:
    header = read_headers(site)["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in header.split(";") if d.strip()}


def test_the_policy_is_strict(built_site):
    policy = _policy(built_site)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    for directive in ("script-src", "style-src", "connect-src", "img-src", "font-src", "worker-src"):
        sources = policy.get(directive, policy["default-src"])
        assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"} & set(sources), directive
        # one named origin at most: the GitHub API, which the theme asks for the repository's facts
        named = {"https://api.github.com"} if directive == "connect-src" else set()
        assert all(s.startswith("'") or s == "data:" or s in named for s in sources), directive
    assert "data:" not in policy["script-src"]


def test_every_inline_script_of_every_page_is_allowed_by_hash(built_site, site_markup):
    allowed = set(_policy(built_site)["script-src"])
    scripts = site_markup.inline_scripts
    assert scripts
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in scripts}
    assert hashes <= allowed


# -- Chromium under the policy -----------------------------------------------------------------------------

PROBE = ('<!doctype html><html lang="kk"><head><title>probe</title></head><body>'
         '<script>document.title = "ran"</script><img src="data:," onerror="document.title = \'ran\'">'
         '<p style="color: red">x</p></body></html>')


REPORT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample || ""}`));
"""


@pytest.fixture(scope="module")
def csp_server(built_site):
    """The built site served with its own headers (the policy); /__csp-probe.html is a page that breaks it."""
    headers = read_headers(built_site)
    with serve(built_site, headers=headers, extra_pages={"/__csp-probe.html": PROBE}) as url:
        yield url, headers


@pytest.fixture
def csp_page(browser, csp_server):
    url, headers = csp_server
    with open_page(browser, url, init_script=REPORT_VIOLATIONS, locale="kk-KZ") as page:
        page.console_csp = []
        page.on("console", lambda m: page.console_csp.append(m.text) if "Content Security Policy" in m.text else None)
        page.on("worker", lambda worker: worker.on(
            "console", lambda m: page.console_csp.append(m.text) if "Content Security Policy" in m.text else None))
        yield page, url, headers


def _violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations") + page.console_csp


def test_the_probe_page_shows_violations_are_caught(csp_page):
    page, url, _ = csp_page
    page.goto(url + "__csp-probe.html")
    page.wait_for_load_state("load")
    assert page.title() == "probe", "the inline script must not run"
    found = " | ".join(_violations(page))
    assert "script-src" in found and "style-src" in found


def _reading_pages(site: Path) -> list[str]:
    chapters = sorted(p.relative_to(site).parent.as_posix() for p in site.glob("*/*/index.html")
                      if p.relative_to(site).parts[0] not in ("ru", "en", "assets", "search"))
    landings = sorted(p.relative_to(site).parent.as_posix() for p in site.glob("*/index.html")
                      if p.parent.name not in ("ru", "en", "assets", "search"))
    return [""] + landings[:3] + chapters[:2] + ["ru/", "en/"]


def test_the_site_works_under_its_policy(csp_page, built_site):
    page, url, headers = csp_page
    response = page.goto(url)
    assert response.headers["content-security-policy"] == headers["Content-Security-Policy"]
    for path in _reading_pages(built_site):
        page.goto(url + path.rstrip("/") + ("/" if path else ""))
        page.wait_for_load_state("load")
        assert page.locator("article h1").count() >= 1
    assert _violations(page) == [] and page.js_errors == []


def test_search_palette_and_latin_view_work_under_the_policy(csp_page, built_site):
    page, url, _ = csp_page
    chapter = sorted(p.relative_to(built_site).parent.as_posix() for p in built_site.glob("*/*/index.html")
                     if p.relative_to(built_site).parts[0] not in ("ru", "en"))[0]
    page.goto(f"{url}{chapter}/")
    # search: Pagefind's WebAssembly and worker
    page.locator("[data-kk-search-input]").click()
    page.keyboard.type("мемлекет", delay=20)
    page.wait_for_function("() => document.querySelector('[data-kk-search]').getAttribute('data-kk-search-done')"
                           " === 'мемлекет'", timeout=60_000)
    assert page.locator("[data-kk-search-results] li").count() > 0
    page.keyboard.press("Escape")
    # colour scheme toggle (Material's bundle and its inline palette script)
    body = page.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') !== {before!r}")
    # Latin-script reading view
    page.locator("button.kk-script-toggle").click()
    page.wait_for_function("() => document.documentElement.getAttribute('data-kk-script') === 'latn'")
    assert _violations(page) == [] and page.js_errors == []


# -- hostile catalogue and seed, through the whole site ------------------------------------------------------

HOSTILE_TITLE = 'Заң <img src=x onerror=alert(1)> </title><script>alert(2)</script> "quoted" & {{ config }}'
HOSTILE_SHORT = 'Қысқа <svg onload=alert(3)> &lt;b&gt;'
HOSTILE_DESCRIPTION = '<script>alert(4)</script> " onmouseover="alert(5) [x](javascript:alert(6))'
HOSTILE_HEADING = "КІРІСПЕ <script>alert(7)</script>"
HOSTILE_LINES = ["<img src=x onerror=alert(8)>", "[сілтеме](javascript:alert(9))",
                 "<a href=\"javascript:alert(10)\">басыңыз</a>", "{: onclick=\"alert(11)\" }", "{{ config.extra }}"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile-site")
    project = make_project(base / "project")
    catalog_path = project / "seeds" / "catalog.yml"
    catalog = yaml.safe_load(catalog_path.read_text(encoding="utf-8"))
    catalog["documents"][0].update(title=HOSTILE_TITLE, short_title=HOSTILE_SHORT, description=HOSTILE_DESCRIPTION)
    catalog_path.write_text(yaml.safe_dump(catalog, allow_unicode=True), encoding="utf-8")
    seed = seed_path(project)
    seed.write_text(HOSTILE_HEADING + "\n\n" + seed.read_text(encoding="utf-8") + "\n\n" + "\n\n".join(HOSTILE_LINES)
                    + "\n", encoding="utf-8")
    run = run_build(project)
    assert run.returncode == 0, run.stderr
    workdir = base / "site-project"
    copy_site_config(workdir)
    shutil.copytree(project / "content", workdir / "content")
    (workdir / "seeds").unlink()
    shutil.copytree(project / "seeds", workdir / "seeds")
    return mkdocs_build(workdir)


def test_hostile_text_never_becomes_markup_in_the_site(hostile_site):
    problems = {}
    for path, soup in _soups(hostile_site):
        if found := script_in_markup(soup):
            problems[path] = found
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                # a data block the browser never runs (schema.org metadata, issue 17): the hostile title
                # stays text inside a JSON string, which must parse and never close the element
                assert "</" not in (script.string or "") and json.loads(script.string), path
                continue
            assert "alert(" not in (script.string or ""), path
        assert not soup.find("img", src="x") and not soup.find("svg", onload=True), path
    assert problems == {}


def test_hostile_titles_and_metadata_show_literally(hostile_site):
    landing = BeautifulSoup((hostile_site / "constitution-draft-news" / "index.html").read_text(encoding="utf-8"),
                            "html.parser")
    assert landing.title.get_text() == f"{HOSTILE_TITLE} - {SITE_NAME}"
    heading = landing.find("article").h1
    for permalink in heading.select("a.headerlink"):
        permalink.extract()
    assert heading.get_text(strip=True) == HOSTILE_TITLE
    assert landing.find("meta", attrs={"name": "description"})["content"] == HOSTILE_DESCRIPTION
    nav_texts = {a.get_text(" ", strip=True) for a in landing.select("nav a")}
    assert HOSTILE_SHORT in nav_texts or HOSTILE_TITLE in nav_texts
    texts = []
    for page in html_pages(hostile_site):
        if page.relative_to(hostile_site).parts[0] == "constitution-draft-news":
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            for marker in soup.select("sup[id^='fnref']"):      # editorial footnote markers (enrichment)
                marker.extract()
            texts.append(soup.get_text())
    for line in [HOSTILE_HEADING] + HOSTILE_LINES:
        assert line in "\n".join(texts)


def test_a_page_with_an_event_handler_fails_the_build(hostile_site, tmp_path):
    """Raw HTML an editor types into content/ may not carry script: the strict build stops, naming the page."""
    workdir = tmp_path / "site-project"
    copy_site_config(workdir)
    shutil.copytree(hostile_site.parent / "content", workdir / "content")
    (workdir / "seeds").unlink()
    shutil.copytree(hostile_site.parent / "seeds", workdir / "seeds")
    (workdir / "content" / "editor-note.md").write_text(
        "# Ескертпе\n\n<p>Сурет: <img src=\"x.png\" alt=\"\" onerror=\"alert(1)\"></p>\n", encoding="utf-8")
    with pytest.raises(SiteBuildError, match=r"editor-note\.md: script in the page's markup: <img onerror"):
        mkdocs_build(workdir)
