"""The site works wherever it is served (issue 21): no made-up address anywhere, no failed request and
no console error on the pages a reader meets first, language links that resolve (404 page included),
and a 404 page that is styled and Kazakh, with Russian and English versions.

The session's site is built without SITE_URL, as `make site` builds it on a developer's machine.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.site_helpers import html_pages, open_page, serve

SITE_NAME = "Қазақ мәтіндерінің цифрлық басылымы"
NOT_FOUND = {"kk": "Бет табылмады", "ru": "Страница не найдена", "en": "Page not found"}


def first_book_chapter(site) -> str:
    """The address (relative to the site root) of the book's first chapter page."""
    chapters = sorted(p.parent.relative_to(site).as_posix() for p in (site / "chebotarev-political-thought").glob("*/index.html"))
    return chapters[0] + "/"


def reader_pages(site) -> dict[str, str]:
    return {"home": "", "ru home": "ru/", "en home": "en/", "book chapter": first_book_chapter(site),
            # the Russian interface builds only the book's translated pages (issue 18)
            "ru book chapter": "ru/" + first_book_chapter(site / "ru"), "missing address": "no/such/page/"}


# -- no made-up address ------------------------------------------------------------------------------

def test_no_page_names_an_address_the_edition_does_not_have(built_site):
    """No canonical links, head alternates or sitemap without the real address; no example.org anywhere."""
    offenders = []
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if '<link rel="canonical"' in html or re.search(r'<link rel="alternate"[^>]*hreflang', html) or "example.org" in html:
            offenders.append(page.relative_to(built_site).as_posix())
    assert offenders == []
    assert not (built_site / "sitemap.xml").exists() and not (built_site / "sitemap.xml.gz").exists()


def test_language_links_are_relative_on_every_page(built_site):
    absolute = []
    pages = html_pages(built_site)
    for page in pages:
        for href in re.findall(r'<a href="([^"]*)" hreflang="[^"]*" class="md-select__link"',
                               page.read_text(encoding="utf-8")):
            if href.startswith("/") or re.match(r"^[a-z]+:", href):
                absolute.append((page.relative_to(built_site).as_posix(), href))
    assert len(pages) > 100 and absolute == []


# -- served at the root of a host, in Chromium ---------------------------------------------------------

@pytest.fixture(scope="module")
def pages_to_visit(built_site):
    return reader_pages(built_site)


@pytest.mark.parametrize("name", ["home", "ru home", "en home", "book chapter", "ru book chapter", "missing address"])
def test_no_failed_request_or_console_error(page, site_url, pages_to_visit, name):
    failed, errors = [], []
    page.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: failed.append(f"{r.url} ({r.status})")
            if r.status >= 400 and r.request.resource_type != "document" else None)
    page.on("console", lambda m: errors.append((m.text, m.location.get("url"))) if m.type == "error" else None)
    url = site_url + pages_to_visit[name]
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.status == (404 if name == "missing address" else 200)
    if name == "missing address":       # the browser reports the page's own status, as it should
        errors.remove(("Failed to load resource: the server responded with a status of 404 (Not Found)", url))
    assert failed == [] and errors == []


@pytest.mark.parametrize("name", ["home", "ru home", "en home", "book chapter", "missing address"])
def test_every_language_link_resolves_to_that_language(page, site_url, pages_to_visit, name):
    page.goto(site_url + pages_to_visit[name])
    links = page.locator(".md-select__link")
    expect(links).to_have_count(3)
    for i in range(3):
        link = links.nth(i)
        href, language = link.evaluate("a => a.href"), link.get_attribute("hreflang")
        assert href.startswith(site_url)
        response = page.request.get(href)
        assert response.status == 200, href
        assert f'<html lang="{language}"' in response.text(), href


def test_the_404_page_is_styled_and_kazakh(page, site_url):
    response = page.goto(site_url + "no/such/page/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "kk"
    expect(page.locator("article h1")).to_have_text(NOT_FOUND["kk"])
    expect(page).to_have_title(f"{NOT_FOUND['kk']} - {SITE_NAME}")
    # Material's stylesheet is applied: the header is coloured and the navigation tabs are laid out
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    home = page.locator("article a", has_text="Басты бет")
    home.click()
    expect(page).to_have_url(site_url)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_404_page_has_russian_and_english_versions(page, site_url, language):
    page.goto(f"{site_url}{language}/404.html")
    assert page.locator("html").get_attribute("lang") == language
    expect(page.locator("article h1")).to_have_text(NOT_FOUND[language])
    page.locator("article a").first.click()
    expect(page).to_have_url(f"{site_url}{language}/")


# -- served in a sub-folder (a project page, a file server): the same pages still work -----------------

def test_the_site_works_in_a_sub_folder(browser, built_site, pages_to_visit):
    with serve(built_site.parent) as root:
        site_url = f"{root}{built_site.name}/"
        with open_page(browser, root) as page:
            failed = []
            page.on("response", lambda r: failed.append(f"{r.url} ({r.status})") if r.status >= 400 else None)
            for name in ("home", "ru home", "book chapter"):
                page.goto(site_url + pages_to_visit[name])
                page.wait_for_load_state("networkidle")
                for href in page.locator(".md-select__link").evaluate_all("links => links.map(a => a.href)"):
                    assert href.startswith(site_url)
                    assert page.request.get(href).status == 200, href
            assert failed == []
