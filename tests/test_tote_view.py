"""The töte reading view (issue 20) in a real headless Chromium: on a book chapter and a newspaper page one
click shows the article in Kazakh Arabic script, right to left, lang="kk-Arab", converted exactly as
build_edition/text/tote.py converts; the choice holds on the next page with no flash of Cyrillic; Russian
and English segments and Western digits stay; axe finds no serious violations; a töte query finds its
Cyrillic text."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from build_edition.text.tote import to_arabic
from tests.test_browser import axe_violations, describe

pytestmark = [pytest.mark.slow, pytest.mark.browser]

TOTE = ".kk-tote-toggle"
LATIN = ".kk-script-toggle"
KAZAKH_CYRILLIC = re.compile(r"[а-яёәғқңөұүһіА-ЯЁӘҒҚҢӨҰҮҺІ]")
ARABIC = re.compile(r"[\u0600-\u06FF]")

# The article's Kazakh text (nearest lang kk or kk-Arab, code left out), as the reader sees it now.
KAZAKH_TEXT = """function (root) {
  var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), out = [];
  while (walker.nextNode()) {
    var parent = walker.currentNode.parentElement, marked = parent.closest("[lang]");
    var lang = marked ? marked.getAttribute("lang") : "kk";
    if ((lang === "kk" || lang === "kk-Arab") && !parent.closest("code, pre, script, style"))
      out.push(walker.currentNode.nodeValue);
  }
  return out.join(" ");
}"""
RECORD_AT_PARSE = """
document.addEventListener("DOMContentLoaded", function () {
  var article = document.querySelector("article");
  window.__textAtParse = (KAZAKH_TEXT)(article);
  window.__scriptAtParse = document.documentElement.getAttribute("data-kk-script");
  window.__articleAtParse = article ? [article.getAttribute("lang"), article.getAttribute("dir")] : null;
});
""".replace("KAZAKH_TEXT", KAZAKH_TEXT)


@pytest.fixture
def page_options() -> dict:
    return {"init_script": RECORD_AT_PARSE}


def kazakh_text(page: Page) -> str:
    return page.evaluate(f"() => ({KAZAKH_TEXT})(document.querySelector('article'))")


def chapter_path(built_site, slug: str) -> str:
    """The first text page of a document (its pages are numbered directories)."""
    page_dir = next(p for p in sorted((built_site / slug).iterdir()) if p.is_dir() and p.name[:2].isdigit())
    return f"{slug}/{page_dir.name}/"


@pytest.fixture(scope="module")
def book_chapter(built_site) -> str:
    return chapter_path(built_site, "chebotarev-political-thought")


@pytest.fixture(scope="module")
def newspaper_page(built_site) -> str:
    return chapter_path(built_site, "egemen-qazaqstan-2025-issue")


def heading(page: Page) -> str:
    return page.locator("article h1").first.inner_text().replace("¶", "").strip()


def assert_tote_article(page: Page) -> None:
    article = page.locator("article")
    expect(article).to_have_attribute("lang", "kk-Arab")
    expect(article).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("data-kk-script", "arab")
    text = kazakh_text(page)
    assert len(ARABIC.findall(text)) > 200
    assert not KAZAKH_CYRILLIC.search(text), KAZAKH_CYRILLIC.search(text)
    # the page is right to left as the browser lays it out, not only by its attribute
    assert page.evaluate("getComputedStyle(document.querySelector('article p')).direction") == "rtl"


@pytest.mark.parametrize("document", ["book_chapter", "newspaper_page"])
def test_one_click_shows_the_article_in_tote_as_the_build_writes_it(page, site_url, request, document):
    path = request.getfixturevalue(document)
    page.goto(site_url + path)
    title = heading(page)
    first = page.locator("article p").filter(has_text=KAZAKH_CYRILLIC).first
    paragraph_id = first.evaluate("p => p.id || (p.closest('[id]') || {}).id")
    paragraph = first.inner_text()
    hrefs = page.eval_on_selector_all("article a[href]", "els => els.map(a => a.getAttribute('href'))")
    page.locator(TOTE).click()
    assert_tote_article(page)
    assert heading(page) == to_arabic(title)                        # the browser writes what Python writes
    if paragraph_id and not page.locator(f"[id='{paragraph_id}'] [lang]").count():
        assert page.locator(f"[id='{paragraph_id}']").first.inner_text() == to_arabic(paragraph)
    assert page.eval_on_selector_all("article a[href]", "els => els.map(a => a.getAttribute('href'))") == hrefs
    expect(page.locator(TOTE)).to_have_text("Кирил")
    expect(page.locator(TOTE)).to_have_attribute("aria-pressed", "true")


@pytest.mark.parametrize("document", ["book_chapter", "newspaper_page"])
def test_the_choice_holds_on_the_next_page_with_no_flash_of_cyrillic(page, site_url, request, document):
    page.goto(site_url + request.getfixturevalue(document))
    page.locator(TOTE).click()
    expect(page.locator("html")).to_have_attribute("data-kk-script", "arab")
    with page.expect_navigation():
        page.locator("a.md-footer__link--next").click()
    assert page.evaluate("window.__scriptAtParse") == "arab"
    assert page.evaluate("window.__articleAtParse") == ["kk-Arab", "rtl"]
    at_parse = page.evaluate("window.__textAtParse")
    assert ARABIC.search(at_parse) and not KAZAKH_CYRILLIC.search(at_parse), "Cyrillic text when parsing ended"
    assert_tote_article(page)
    page.reload()
    assert page.evaluate("window.__scriptAtParse") == "arab"


def test_russian_and_english_passages_and_numbers_stay(page, site_url, built_site):
    """The journal article has a Russian and an English abstract, a Kazakh-and-Russian line and a УДК number."""
    page.goto(site_url + chapter_path(built_site, "interethnic-harmony-article"))
    page.locator(TOTE).click()
    article = page.locator("article")
    expect(article).to_contain_text("В данной статье автор рассматривает")
    expect(article).to_contain_text("In this article the author considers")
    expect(page.locator("article p.journal:not([lang])")).to_contain_text(to_arabic("МЕМЛЕКЕТТІК"))
    russian = page.locator("article p.journal[lang='ru']")
    expect(russian).to_have_text(re.compile("государственное управление и государственная служба"))
    expect(russian).to_have_attribute("dir", "ltr")
    foreign = page.eval_on_selector_all("article [lang]:not([lang='kk-Arab'])", "els => els.map(e => e.dir)")
    assert foreign and all(d == "ltr" for d in foreign)
    expect(article).to_contain_text(to_arabic("ӘОК") + " 323")                  # Western digits
    assert "ءبۇل" not in kazakh_text(page) and to_arabic("Бұл мақалада") in kazakh_text(page)


def test_back_to_cyrillic_and_on_to_latin(page, site_url, book_chapter):
    page.goto(site_url + book_chapter)
    title = heading(page)
    page.locator(TOTE).click()
    assert_tote_article(page)
    with page.expect_navigation():
        page.locator(TOTE).click()                                           # "Кирил"
    assert heading(page) == title
    assert page.locator("article").get_attribute("dir") is None
    expect(page.locator(TOTE)).to_have_text("توتە")
    page.locator(TOTE).click()
    assert_tote_article(page)
    with page.expect_navigation():
        page.locator(LATIN).click()                                          # from töte straight to Latin
    expect(page.locator("html")).to_have_attribute("data-kk-script", "latn")
    assert not ARABIC.search(kazakh_text(page)) and not KAZAKH_CYRILLIC.search(kazakh_text(page))
    with page.expect_navigation():
        page.locator(TOTE).click()                                           # and from Latin to töte
    assert_tote_article(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violations_in_the_tote_view(page, site_url, book_chapter, newspaper_page, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + book_chapter)
    page.locator(TOTE).click()
    for path in (book_chapter, newspaper_page):
        page.goto(site_url + path)                                           # töte, as chosen
        assert_tote_article(page)
        violations = axe_violations(page)
        assert not violations, describe(violations)


def test_the_kazakh_arabic_font_is_shipped_and_used(page, site_url, book_chapter, built_site):
    font = built_site / "assets/fonts/noto-naskh-arabic"
    assert (font / "OFL.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE") >= 1
    page.goto(site_url + book_chapter)
    page.locator(TOTE).click()
    assert_tote_article(page)
    page.wait_for_function("document.fonts.check('16px \"Noto Naskh Arabic Edition\"', 'ءبىر')")
    assert page.evaluate("""() => Array.from(document.fonts).some(f =>
        f.family.replace(/"/g, '') === 'Noto Naskh Arabic Edition' && f.status === 'loaded')""")


def test_a_tote_query_finds_its_cyrillic_text(page, site_url, built_site):
    page.goto(site_url + chapter_path(built_site, "interethnic-harmony-article"))
    query = to_arabic("төзімділік")
    assert query == "توزىمدىلىك"
    page.locator("[data-kk-search-input]").click()
    page.keyboard.type(query, delay=20)
    page.wait_for_function("q => document.querySelector('[data-kk-search]').getAttribute('data-kk-search-done') === q",
                           arg=query, timeout=30_000)
    results = page.eval_on_selector_all("[data-kk-search-results] li", "els => els.map(li => li.innerText)")
    assert results, f"no results for {query!r}"
    assert any("төзімділік" in r.lower() for r in results[:5]), [r[:80] for r in results[:5]]
