"""The Latin-script reading view in a real headless Chromium (Debian's chromium driven by Playwright):
one click shows a real page in the official 2021 Latin alphabet, the choice holds on the next pages
and after a reload, the text is already Latin when the page is parsed (no flash of Cyrillic), and
Russian/English segments, Latin words, numbers, search and abbreviation tooltips keep working."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from tests.site_helpers import CHROMIUM, CHROMIUM_ARGS, serve

ARTICLE = "interethnic-harmony-article"
KAZAKH_CYRILLIC = re.compile(r"[а-яёәғқңөұүһіА-ЯЁӘҒҚҢӨҰҮҺІ]")
TOGGLE = ".kk-script-toggle"

# What a page's Kazakh paragraphs look like at DOMContentLoaded, recorded before any page script runs.
KAZAKH_TEXT = """function (root) {
  var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), out = [];
  while (walker.nextNode()) {
    var parent = walker.currentNode.parentElement, marked = parent.closest("[lang]");
    if ((!marked || marked.getAttribute("lang") === "kk") && !parent.closest("code, pre, script, style"))
      out.push(walker.currentNode.nodeValue);
  }
  return out.join(" ");
}"""
RECORD_AT_PARSE = """
document.addEventListener("DOMContentLoaded", function () {
  window.__textAtParse = (%s)(document.querySelector("article"));
  window.__scriptAtParse = document.documentElement.getAttribute("data-kk-script");
});
""" % KAZAKH_TEXT


@pytest.fixture(scope="module")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), f"{CHROMIUM} not found: run `python -m tests.setup_browsers` as root"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_AT_PARSE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture(scope="module")
def article_path(built_site) -> str:
    page_dir = next(p for p in sorted((built_site / ARTICLE).iterdir()) if p.is_dir() and p.name[:2].isdigit())
    return f"{ARTICLE}/{page_dir.name}/"


def kazakh_text(page: Page) -> str:
    """The text of the article that is Kazakh (its nearest lang is kk), as the reader sees it now."""
    return page.evaluate(f"() => ({KAZAKH_TEXT})(document.querySelector('article'))")


def test_one_click_shows_the_article_in_the_2021_latin_alphabet(page, site_url, article_path):
    page.goto(site_url + article_path)
    article = page.locator("article")
    expect(article).to_contain_text("ЭТНОСАРАЛЫҚ КЕЛІСІМ МЕН ТӨЗІМДІЛІКТІҢ")
    links = "els => els.map(a => a.getAttribute('href'))"
    hrefs = page.eval_on_selector_all("article a[href]", links)
    page.locator(TOGGLE).click()
    # forms worked out by hand from the official table (Ұ→Ū, Қ→Q, Ы→Y, І→I/ı, Ө→Ö, Ң→Ñ, Ә→Ä)
    expect(article).to_contain_text("ETNOSARALYQ KELISIM MEN TÖZIMDILIKTIÑ")      # capitals stay capitals
    expect(article).to_contain_text("Būl maqalada avtor Qazaqstan Respublikasynda")
    expect(article).to_contain_text("Tırek sözder: etnosaralyq kelısım")
    expect(article).to_contain_text("ÄOK 323")                                     # numbers untouched
    expect(article).to_contain_text("В данной статье автор рассматривает")          # lang="ru": untouched
    expect(article).to_contain_text("In this article the author considers")        # lang="en": untouched
    assert page.evaluate("document.documentElement.getAttribute('data-kk-script')") == "latn"
    assert not KAZAKH_CYRILLIC.search(kazakh_text(page))
    # links and anchors are attributes: untouched
    assert page.eval_on_selector_all("article a[href]", links) == hrefs
    assert page.locator("article [id='p25']").count() == 1


def test_the_choice_holds_across_pages_and_there_is_no_flash_of_cyrillic(page, site_url, article_path):
    page.goto(site_url + article_path)
    page.locator(TOGGLE).click()
    expect(page.locator("html")).to_have_attribute("data-kk-script", "latn")
    page.goto(site_url)                                                             # another page
    assert page.evaluate("window.__scriptAtParse") == "latn"
    at_parse = page.evaluate("window.__textAtParse")
    assert "Qazaq mätınderınıñ tsifrlyq basylymy" in at_parse
    assert not KAZAKH_CYRILLIC.search(at_parse), "Cyrillic text was in the page when it finished parsing"
    expect(page.locator(TOGGLE)).to_have_text("Кирил")
    page.goto(site_url + article_path)
    assert "Būl maqalada avtor" in page.evaluate("window.__textAtParse")
    assert page.title() and not KAZAKH_CYRILLIC.search(page.title())


def test_back_to_cyrillic_is_one_click_and_is_remembered(page, site_url, article_path):
    page.goto(site_url + article_path)
    page.locator(TOGGLE).click()
    expect(page.locator("article")).to_contain_text("Būl maqalada")
    with page.expect_navigation():
        page.locator(TOGGLE).click()
    expect(page.locator("article")).to_contain_text("Бұл мақалада автор")
    assert page.evaluate("document.documentElement.getAttribute('data-kk-script')") is None
    page.goto(site_url)
    assert KAZAKH_CYRILLIC.search(page.evaluate("window.__textAtParse"))
    expect(page.locator(TOGGLE)).to_have_text("Latyn")


def test_abbreviation_tooltips_and_search_keep_working_in_the_latin_view(page, site_url, article_path):
    page.goto(site_url + article_path)
    abbreviations = page.locator("article abbr")
    before = abbreviations.count()
    assert before > 0, "the article uses abbreviations with tooltips (ҚР)"
    page.locator(TOGGLE).click()
    assert abbreviations.count() == before
    titles = page.eval_on_selector_all(
        "article abbr", "els => els.map(a => a.getAttribute('title') || a.getAttribute('data-md-tooltip') || '')")
    visible = [a.text_content() for a in abbreviations.all()]
    assert "QR" in visible
    assert not any(KAZAKH_CYRILLIC.search(t) for t in titles)
    # search: a Latin query finds the Kazakh paragraphs, the results are shown in Latin too
    search = page.locator("[data-kk-search-input]")
    search.click()
    search.fill("tözımdılık")
    page.wait_for_function("document.querySelector('[data-kk-search]').getAttribute('data-kk-search-done') === 'tözımdılık'",
                           timeout=30_000)
    results = page.locator("[data-kk-search-results] li")
    assert results.count() > 0
    first = results.first.inner_text()
    assert "tözımdılık" in first.lower() and not KAZAKH_CYRILLIC.search(first)
