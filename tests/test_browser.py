"""The built site in a real headless Chromium (Debian's chromium driven by Playwright's Python API):
home page and a book chapter show their titles, navigation and Kazakh text; axe-core finds no
accessibility violation of any impact on the pages readers meet, in the light and the dark palette."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.site_helpers import AXE_JS, open_page

KAZAKH_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
SITE_NAME = "Қазақ мәтіндерінің цифрлық басылымы"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture
def page_options() -> dict:
    return {"locale": "kk-KZ"}


def book_chapter_url(page: Page, site_url: str, entries) -> str:
    """The first text page of the book, reached the way a reader does: from its landing page."""
    book = next(e for e in entries if e.kind == "book")
    page.goto(f"{site_url}{book.slug}/")
    page.locator("article ol a").first.click()
    page.wait_for_load_state()
    return page.url


def visible_kazakh_paragraph(page: Page) -> str:
    paragraph = page.locator("article p").filter(has_text=KAZAKH_LETTERS).first
    expect(paragraph).to_be_visible()
    text = paragraph.inner_text()
    assert len(KAZAKH_LETTERS.findall(text)) >= 3
    return text


def test_home_page_shows_title_navigation_and_kazakh_text(page, site_url, entries):
    page.goto(site_url)
    expect(page).to_have_title(re.compile(re.escape(SITE_NAME)))
    assert page.locator("html").get_attribute("lang") == "kk"
    expect(page.locator("article h1")).to_have_text(re.compile(SITE_NAME))
    tabs = page.locator(".md-tabs__link")
    for entry in entries:
        expect(tabs.filter(has_text=entry.short_title or entry.title)).to_be_visible()
        expect(page.locator(".edition-documents a", has_text=entry.title)).to_be_visible()
    visible_kazakh_paragraph(page)
    expect(page.locator("input.md-search__input")).to_have_attribute("placeholder", "Іздеу")


def test_home_page_links_lead_to_the_documents(page, site_url, entries):
    for entry in entries:
        page.goto(site_url)
        page.locator(".edition-documents a", has_text=entry.title).click()
        expect(page).to_have_url(f"{site_url}{entry.slug}/")
        expect(page.locator("article h1")).to_contain_text(entry.title)


def test_book_chapter_shows_title_navigation_and_kazakh_text(page, site_url, entries):
    book = next(e for e in entries if e.kind == "book")
    url = book_chapter_url(page, site_url, entries)
    assert url.startswith(f"{site_url}{book.slug}/") and url != f"{site_url}{book.slug}/"
    heading = page.locator("article h1")
    expect(heading).to_be_visible()
    expect(page).to_have_title(re.compile(re.escape(heading.inner_text().rstrip("¶").strip())))
    # the book's tab is the active one, and the sidebar lists its pages with this one marked
    expect(page.locator(".md-tabs__item--active")).to_contain_text(book.short_title or book.title)
    sidebar = page.locator(".md-sidebar--primary")
    assert sidebar.locator("a.md-nav__link").count() >= 2
    expect(sidebar.locator("a.md-nav__link--active")).to_be_visible()
    visible_kazakh_paragraph(page)
    # the footer leads on to the next page of the book
    expect(page.locator("a.md-footer__link--next")).to_be_visible()


def test_palette_toggle_switches_to_the_dark_scheme(page, site_url):
    page.goto(site_url)
    body = page.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(body).not_to_have_attribute("data-md-color-scheme", before)


# One exception to "all content in landmarks" (axe's `region`): the tooltip Material shows for a focused
# or hovered element (content.tooltips, content.footnote.tooltips) is a box at the end of <body>, tied to
# that element by aria-describedby and read as its description, not as content of its own. Every other
# rule still checks the tooltip (its contrast, its name...).
AXE_RUN = """async tags => {
  const all = await axe.run(document, {runOnly: {type: 'tag', values: tags}, rules: {region: {enabled: false}}});
  const region = await axe.run({exclude: [['[role=tooltip]']]}, {runOnly: {type: 'rule', values: ['region']}});
  return all.violations.concat(region.violations);
}"""


def axe_violations(page: Page) -> list[dict]:
    """Every violation axe-core finds on the page (WCAG 2.1 A/AA and best practices), whatever its impact."""
    assert AXE_JS.is_file(), f"{AXE_JS} missing: run `python -m tests.setup_browsers` (npm ci)"
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(AXE_RUN, AXE_TAGS)


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} — "
                     f"{[n['target'] for n in v['nodes'][:5]]}" for v in violations)


def first_text_page(page: Page, site_url: str, entries, kind: str) -> str:
    """The first text page of the document of this kind, from its landing page's list of contents."""
    entry = next(e for e in entries if e.kind == kind)
    page.goto(f"{site_url}{entry.slug}/")
    page.locator("article ol a").first.click()
    page.wait_for_load_state()
    return page.url


def an_entity_page(page: Page, site_url: str, entries) -> str:
    """A page of the index of names, reached from a link in the book's text."""
    book_chapter_url(page, site_url, entries)
    page.locator("article p a[href*='entities/']").first.click()
    page.wait_for_load_state()
    assert "/entities/" in page.url
    return page.url


READER_PAGES = {
    "home": lambda page, site_url, entries: site_url,
    "glossary": lambda page, site_url, entries: f"{site_url}glossary/",
    "entity": an_entity_page,
    "journal article": lambda page, site_url, entries: first_text_page(page, site_url, entries, "article"),
    "book chapter": book_chapter_url,
    "newspaper": lambda page, site_url, entries: first_text_page(page, site_url, entries, "newspaper"),
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(READER_PAGES))
def test_axe_finds_no_violations(page, site_url, entries, name, scheme):
    page.emulate_media(color_scheme=scheme)          # before the first page: Material keeps the palette it saw
    url = READER_PAGES[name](page, site_url, entries)
    page.goto(url)
    expected = "slate" if scheme == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_axe_gate_reports_serious_violations(page):
    # The gate must be able to fail: an image without alternative text and unlabelled input are serious.
    page.set_content('<html lang="kk"><body><main><img src="x.png"><input type="text"></main></body></html>')
    assert {v["id"] for v in axe_violations(page)} >= {"image-alt", "label"}


def test_axe_gate_reports_moderate_violations_too(page):
    # Text outside any landmark is a moderate best-practice finding: the gate counts every impact.
    page.set_content('<html lang="kk"><head><title>Сынақ</title></head><body><main><h1>Бет</h1></main>'
                     '<p>Белгісіз аймақтағы мәтін</p></body></html>')
    violations = axe_violations(page)
    assert [v["impact"] for v in violations if v["id"] == "region"] == ["moderate"]


# -- the shared browser fixtures (tests/conftest.py, tests/site_helpers.py) -------------------------------
def test_a_javascript_error_on_a_page_fails_the_test(browser):
    with pytest.raises(AssertionError, match="JavaScript errors on the page: .*broken widget"):
        with open_page(browser) as page:
            page.set_content("<html><body><script>throw new Error('broken widget')</script></body></html>")
            page.wait_for_function("() => document.readyState === 'complete'")


def test_pages_reach_the_local_site_only(page, site_url):
    page.goto(site_url)
    fetch = "url => fetch(url).then(r => r.status, () => 'failed')"
    assert page.evaluate(fetch, site_url + "assets/stylesheets/edition.css") == 200
    with page.expect_event("requestfailed", lambda r: r.url.startswith("https://example.org/")) as failed:
        assert page.evaluate(fetch, "https://example.org/") == "failed"
    assert failed.value.failure == "net::ERR_FAILED"        # aborted by the test's route, not by DNS or CORS


def test_each_test_gets_fresh_storage(browser, site_url):
    with open_page(browser, site_url) as first:
        first.goto(site_url)
        first.evaluate("() => localStorage.setItem('kk-script', 'latn')")
    with open_page(browser, site_url) as second:
        second.goto(site_url)
        assert second.evaluate("() => localStorage.getItem('kk-script')") is None


# -- tests/setup_browsers.py -----------------------------------------------------------------------
def test_setup_reports_missing_tools_with_the_install_command_when_not_root(monkeypatch, tmp_path, capsys):
    from tests import setup_browsers

    monkeypatch.setattr(setup_browsers, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setattr(setup_browsers.os, "geteuid", lambda: 1000)
    assert setup_browsers.missing_system_packages()[0] == "chromium"
    assert setup_browsers.main() == 1
    message = capsys.readouterr().err
    assert "chromium" in message and "apt-get install -y --no-install-recommends chromium" in message


@pytest.mark.browser                     # needs the gate tools that `python -m tests.setup_browsers` installs
def test_setup_sees_stale_npm_tools(monkeypatch, tmp_path):
    from tests import setup_browsers

    assert setup_browsers.npm_packages_current(), "node_modules should match package-lock.json after setup"
    fake = tmp_path / "node_modules" / "axe-core"
    fake.mkdir(parents=True)
    (fake / "package.json").write_text('{"version": "0.0.1"}', encoding="utf-8")
    (fake / "axe.min.js").write_text("", encoding="utf-8")
    monkeypatch.setattr(setup_browsers, "NODE_MODULES", tmp_path / "node_modules")
    assert not setup_browsers.npm_packages_current()
