"""The phone reader's header and the long page's load (issue 21), in headless Chromium on the built site.

The header says where the reader is (overrides/partials/header.html): inside a document, the document's
short title (its top navigation label, content/_nav.yml; translated in ru/ and en/ by
content/_nav_translations.yml) instead of the site name cut off at 390 px, and once the page's title has
scrolled away "document › section › page", the sections cut first. A long chapter loads light: one small
script before the first paint (kk-script-choice.js), the rest deferred; no Material tooltip is mounted per
paragraph (the ¶ and ❝ controls show their label from CSS); a reader who chose the Latin view still never
sees Cyrillic, and should the view's script fail the page shows itself anyway.
"""
from __future__ import annotations

import re

import pytest
import yaml
from playwright.sync_api import Page, expect

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def page_options() -> dict:
    return {"viewport": PHONE}


def nav(built_site) -> list:
    return yaml.safe_load((built_site.parent / "content" / "_nav.yml").read_text(encoding="utf-8"))


def nested_page(built_site, slug: str) -> tuple[str, str, str, str]:
    """(path, document label, section label, page label) of the first page of ``slug`` that sits in a section of the
    document's navigation (a book's part, a newspaper's rubric), read from content/_nav.yml."""
    for entry in nav(built_site):
        (document, children), = entry.items()
        if not isinstance(children, list) or not any(str(c).startswith(slug + "/") for c in children
                                                     if isinstance(c, str)):
            continue
        for child in children:
            if isinstance(child, dict):
                (section, items), = child.items()
                if isinstance(items, list):
                    (label, path), = items[0].items()
                    return path.removesuffix(".md") + "/", document, section, label
    raise AssertionError(f"no nested page of {slug} in the navigation")


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("¶", "").replace("❝", "")).strip()


def topics(page: Page) -> list[str]:
    return [words(t) for t in page.locator(".md-header__topic").all_inner_texts()]


@pytest.mark.parametrize("slug", ["chebotarev-political-thought", "egemen-qazaqstan-2025-issue"])
def test_the_phone_header_shows_the_document_and_then_where_in_it(page, site_url, built_site, slug):
    path, document, section, title = nested_page(built_site, slug)
    page.goto(site_url + path)
    first = page.locator(".md-header__topic").first
    expect(first).to_be_visible()
    expect(first).to_have_text(re.compile(r"^\s*" + re.escape(document) + r"\s*$"))
    # scrolled past the page's title: Material shows the second topic, the trail
    page.evaluate("window.scrollTo(0, document.querySelector('article h1').getBoundingClientRect().bottom + 600)")
    expect(page.locator(".md-header__title")).to_have_class(re.compile("md-header__title--active"))
    trail = page.locator(".md-header__topic[data-md-component='header-topic']")
    expect(trail).to_be_visible()
    assert topics(page)[1] == f"{document} › {section} › {title}"
    # on 390 px the trail does not fit: the sections are cut with an ellipsis, the page's title is whole
    # or keeps most of the line, nothing spills out of the header
    geometry = trail.evaluate("""topic => {
        const sections = topic.querySelector('.edition-header-sections');
        const own = topic.querySelector('.edition-header-page');
        const box = el => el.getBoundingClientRect();
        return {topic: box(topic).width, sections: box(sections).width, own: box(own).width,
                sectionsCut: sections.scrollWidth > sections.clientWidth,
                ownWhole: own.scrollWidth <= own.clientWidth,
                ellipsis: [getComputedStyle(sections).textOverflow, getComputedStyle(own).textOverflow],
                spill: topic.querySelector('.edition-header-trail').scrollWidth - topic.clientWidth,
                right: box(own).right, header: box(topic).right};
    }""")
    assert geometry["topic"] >= 130, geometry            # the header's buttons sit closer on a phone (was 45 px)
    assert geometry["sectionsCut"], geometry
    assert geometry["ellipsis"] == ["ellipsis", "ellipsis"], geometry
    assert geometry["ownWhole"] or geometry["own"] >= 0.6 * geometry["topic"], geometry
    assert geometry["sections"] > 0 and geometry["spill"] <= 1 and geometry["right"] <= geometry["header"] + 1, geometry


@pytest.mark.parametrize("interface", ["ru", "en"])
def test_the_header_names_the_document_in_the_interface_language(page, site_url, built_site, interface):
    translations = yaml.safe_load((built_site.parent / "content" / "_nav_translations.yml").read_text(encoding="utf-8"))
    document = next(next(iter(e)) for e in nav(built_site) if "chebotarev-political-thought/index.md" in
                    str(next(iter(e.values()))))
    translated = translations[interface][document]
    assert translated != document
    page.goto(site_url + f"{interface}/chebotarev-political-thought/")
    assert topics(page)[0] == translated
    assert topics(page)[1].startswith(translated + " › ")


def test_the_home_page_header_keeps_the_site_name(page, site_url):
    page.goto(site_url)
    assert topics(page)[0] == "Қазақ мәтіндерінің цифрлық басылымы"


def longest_chapter(built_site) -> str:
    chapter = max((built_site / "chebotarev-political-thought").glob("*/index.html"), key=lambda p: p.stat().st_size)
    return f"chebotarev-political-thought/{chapter.parent.name}/"


def test_a_long_chapter_blocks_only_on_the_script_choice_and_mounts_no_tooltip_per_paragraph(page, site_url,
                                                                                             built_site):
    page.goto(site_url + longest_chapter(built_site))
    blocking = page.eval_on_selector_all("head script[src]:not([defer]):not([async]):not([type='module'])",
                                         "els => els.map(s => s.getAttribute('src').split('/').pop())")
    assert blocking == ["kk-script-choice.js"]
    buttons = page.locator("article .edition-cite-button")
    assert buttons.count() > 50
    assert page.locator("article :is(.edition-cite-button, a.segment-link)[title]").count() == 0
    # the label is still the accessible name, and shows as a tooltip on hover
    button = buttons.nth(3)
    label = button.get_attribute("aria-label")
    assert label
    button.hover()
    tooltip = button.evaluate("b => { const s = getComputedStyle(b, '::after'); return [s.content, s.position]; }")
    assert tooltip == [f'"{label}"', "absolute"]
    assert page.locator(".md-tooltip2").count() == 0          # Material made no tooltip box for it


LATIN = """window.localStorage.setItem('kk-script', 'latn');
document.addEventListener('DOMContentLoaded', function () {
  window.__convertingAtParse = document.documentElement.hasAttribute('data-kk-converting');
  window.__visibilityAtParse = getComputedStyle(document.body).visibility;
});"""
KAZAKH_CYRILLIC = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")


def test_latin_chosen_the_page_shows_converted_or_after_two_seconds_without_its_script(browser, site_url,
                                                                                        built_site):
    from tests.site_helpers import open_page
    with open_page(browser, site_url, init_script=LATIN, viewport=PHONE) as page:
        page.goto(site_url + longest_chapter(built_site))
        assert page.evaluate("window.__convertingAtParse") is False      # converted before DOMContentLoaded
        assert page.evaluate("getComputedStyle(document.body).visibility") == "visible"
        expect(page.locator("article h1")).to_contain_text(re.compile("[a-z]", re.I))
        assert not KAZAKH_CYRILLIC.search(page.locator("article").inner_text())
    with open_page(browser, site_url, init_script=LATIN, viewport=PHONE) as page:
        page.route(re.compile(r"reading-views\.js$"), lambda route: route.abort())
        page.goto(site_url + longest_chapter(built_site))
        assert page.evaluate("window.__convertingAtParse") is True
        assert page.evaluate("window.__visibilityAtParse") == "hidden"
        expect(page.locator("html")).not_to_have_attribute("data-kk-converting", "", timeout=4000)
        assert page.evaluate("getComputedStyle(document.body).visibility") == "visible"
