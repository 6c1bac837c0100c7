"""The built site: every document and page present and rendered, Kazakh UI, strict build, valid HTML."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlparse

import material
import pytest
from babel import Locale
from bs4 import BeautifulSoup

from tests.site_helpers import ROOT, VNU_JAR, SiteBuildError, copy_site_config, html_pages, mkdocs_build

CYRILLIC_LETTERS = re.compile("[\u0400-\u04ff]")
KAZAKH_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
SITE_NAME = "Қазақ мәтіндерінің цифрлық басылымы"
OTHER_INTERFACES = ("ru", "en")   # interface languages besides Kazakh, each in its own tree
MAX_PAGE_BYTES = 150_000          # a text page of the edition (Markdown); the book must be split
MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article_text(soup: BeautifulSoup) -> str:
    article = soup.select_one("article.md-content__inner")
    assert article is not None, "page has no Material article"
    return article.get_text(" ", strip=True)


def page_dir(site: Path, href: str, base: str) -> Path:
    """The built file a relative link of page ``base`` points at."""
    path = urlparse(urljoin("http://x/" + base, href)).path.lstrip("/")
    target = site / path
    return target / "index.html" if path.endswith("/") or not path else target


@pytest.fixture(scope="module")
def content_dir(built_site) -> Path:
    return built_site.parent / "content"


# -- documents -----------------------------------------------------------------------------------
def test_every_catalogue_document_has_a_landing_page_with_its_curated_metadata(built_site, entries):
    for entry in entries:
        landing = built_site / entry.slug / "index.html"
        assert landing.is_file(), f"no landing page for {entry.slug}"
        soup = soup_of(landing)
        assert soup.h1.get_text(strip=True).rstrip("¶") == entry.title
        assert entry.title in soup.title.get_text()
        meta = {dt_.get_text(strip=True): dt_.find_next_sibling("dd").get_text(" ", strip=True)
                for dt_ in soup.select("dl.edition-meta dt")}
        assert re.fullmatch(r"шамамен \d+ (сағат( \d+ минут)?|минут)", meta["Оқу уақыты"]), meta
        assert re.match(r"[\d\u00a0]+ сөз, \d+ бет$", meta["Көлемі"]), meta
        assert meta["Бастапқы файл"] == entry.source
        if entry.publication == "unknown":
            assert meta["Басылым"] == "белгісіз"
        else:
            assert meta["Басылым"] == entry.publication


def test_exact_dates_are_written_in_kazakh_with_the_cldr_month_names(built_site, entries):
    months = Locale("kk").months["format"]["wide"]
    exact = [e for e in entries if e.date_value]
    assert exact, "the catalogue has no document dated to the day"
    for entry in exact:
        d: dt.date = entry.date_value
        meta = soup_of(built_site / entry.slug / "index.html").select_one("dl.edition-meta").get_text(" ")
        assert f"{d.year}\u202fж. {d.day} {months[d.month]}" in meta


def test_home_page_lists_every_document_with_a_working_link(built_site, entries):
    soup = soup_of(built_site / "index.html")
    assert soup.html["lang"] == "kk"
    assert SITE_NAME in soup.title.get_text()
    cards = soup.select(".edition-documents li")
    assert len(cards) == len(entries)
    for entry, card in zip(entries, cards):
        link = card.find("a", string=entry.title)
        assert link is not None, f"home page has no link titled {entry.title!r}"
        assert page_dir(built_site, link["href"], "") == built_site / entry.slug / "index.html"
        assert KAZAKH_LETTERS.search(card.get_text())


def test_landing_page_lists_exactly_the_pages_of_its_document(built_site, entries):
    for entry in entries:
        soup = soup_of(built_site / entry.slug / "index.html")
        listed = {page_dir(built_site, a["href"], f"{entry.slug}/")
                  for a in soup.select("article .edition-contents a[href]")}
        built = {p for p in (built_site / entry.slug).glob("*/index.html")}
        assert listed == built and built, entry.slug


def test_the_book_is_split_into_pages_and_no_text_page_is_huge(built_site, content_dir, entries):
    book = next(e for e in entries if e.kind == "book")
    assert len(list((built_site / book.slug).glob("*/index.html"))) >= 2
    for entry in entries:
        for md in (content_dir / entry.slug).glob("*.md"):
            size = md.stat().st_size
            assert size <= MAX_PAGE_BYTES, f"{md.relative_to(content_dir)} is {size} bytes"
    # apparatus pages (glossary, index of names, changes...) must stay readable too
    for md in content_dir.rglob("*.md"):
        assert md.stat().st_size <= 2 * MAX_PAGE_BYTES, f"{md.relative_to(content_dir)} is {md.stat().st_size} bytes"


# -- every page ------------------------------------------------------------------------------------
def test_every_page_renders_kazakh_text_with_a_title_and_navigation(built_site, entries):
    pages = html_pages(built_site)
    assert len(pages) >= 1 + 2 * len(entries)
    for page in pages:
        rel = page.relative_to(built_site).as_posix()
        # the Kazakh interface at the root; other interface languages (if any) in their own trees
        interface = rel.split("/", 1)[0] if rel.split("/", 1)[0] in OTHER_INTERFACES else "kk"
        soup = soup_of(page)
        assert soup.html["lang"] == interface, rel
        headings = soup.select("article h1")
        assert len(headings) == 1 and headings[0].get_text(strip=True), f"{rel}: needs exactly one h1"
        assert soup.title.get_text(strip=True), rel
        text = article_text(soup)
        # short pages (an entity with one mention) have little text: Cyrillic text with Kazakh letters in it
        assert len(CYRILLIC_LETTERS.findall(text)) >= 20 and KAZAKH_LETTERS.search(text), f"{rel}: no Kazakh text"
        # Markdown must never leak into the reading text
        assert "{:" not in text and "\\[" not in text and "](" not in text, f"{rel}: raw Markdown in text"
        if interface == "kk":
            assert soup.title.get_text(strip=True).endswith(SITE_NAME), rel
            tabs = {t.get_text(strip=True) for t in soup.select(".md-tabs__link")}
            assert {"Басты бет"} | {e.short_title or e.title for e in entries} <= tabs, f"{rel}: tabs missing"


def test_cyrillic_headings_keep_cyrillic_anchors(built_site, entries):
    # The default Markdown slugify drops Cyrillic (`## 1.1. Тәуелсіздік` → id="11"). Headings of the
    # text carry their block id (`p<line>`); the others get an id from their words.
    checked = 0
    for page in html_pages(built_site):
        for h in soup_of(page).select("article h2[id], article h3[id]"):
            if KAZAKH_LETTERS.search(h.get_text()) and not re.fullmatch(r"p\d+(-\d+)?", h["id"]):
                assert re.search(r"[а-яәғқңөұүһі]", h["id"]), f"{page}: heading id {h['id']!r}"
                checked += 1
    assert checked >= len(entries)


def test_interface_strings_are_kazakh(built_site):
    soup = soup_of(built_site / "index.html")
    assert soup.select_one("input.md-search__input")["placeholder"] == "Іздеу"
    assert soup.select_one(".md-nav--secondary .md-nav__title").get_text(strip=True) == "Бет мазмұны"
    assert soup.select_one("a.md-skip").get_text(strip=True) == "Мазмұнға өту"
    toggles = [label["title"] for label in soup.select("form[data-md-component=palette] label")]
    assert toggles and all(KAZAKH_LETTERS.search(t) for t in toggles)


def test_kazakh_translation_covers_every_material_interface_string():
    key = re.compile(r'^\s+"([a-z.]+)": "(.*)",?$', re.M)
    english = dict(key.findall((MATERIAL_LANGUAGES / "en.html").read_text(encoding="utf-8")))
    kazakh = dict(key.findall((ROOT / "overrides/partials/languages/kk.html").read_text(encoding="utf-8")))
    assert set(kazakh) == set(english)
    untranslated = [k for k, v in kazakh.items()
                    if not k.startswith("search.config.") and k != "direction" and v == english[k]]
    assert not untranslated
    assert kazakh["language"] == "kk"


# -- strict build and HTML validity ----------------------------------------------------------------
@pytest.mark.slow
def test_strict_build_fails_on_a_broken_link(tmp_path):
    copy_site_config(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content/index.md").write_text("# Басты бет\n\n[Жоқ бет](missing.md)\n", encoding="utf-8")
    # the abbreviations every page is given (mkdocs.yml's snippets: a content/ without them fails too)
    (tmp_path / "content/_includes").mkdir()
    (tmp_path / "content/_includes/abbreviations.md").write_text("\n*[ҚР]: Қазақстан Республикасы\n", encoding="utf-8")
    with pytest.raises(SiteBuildError, match="missing.md"):
        mkdocs_build(tmp_path)


@pytest.mark.browser
def test_built_html_passes_the_w3c_nu_checker(built_site):
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML checker: run `python -m tests.setup_browsers` (see README)"
    assert VNU_JAR.is_file(), f"{VNU_JAR} missing: run `python -m tests.setup_browsers` (npm ci)"
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--format", "gnu",
                             str(built_site)], capture_output=True, text=True, timeout=600)
    errors = (result.stdout + result.stderr).strip().replace(str(built_site) + "/", "")
    assert result.returncode == 0 and not errors, f"Nu HTML checker errors:\n{errors[:5000]}"


@pytest.mark.browser
def test_nu_checker_catches_invalid_markup(tmp_path):
    # The gate must be able to fail: the same invocation on a page with Material's original markup.
    page = tmp_path / "index.html"
    page.write_text('<!doctype html><html lang="kk"><head><title>x</title></head><body>'
                    '<input type="checkbox" id="__drawer" autocomplete="off"></body></html>', encoding="utf-8")
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "gnu", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0 and "autocomplete" in result.stdout + result.stderr
