"""'Cite this paragraph' and print-page milestones in a real headless Chromium (issue 17)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.test_browser import axe_violations, describe

CHAPTER = "chebotarev-political-thought/11-2-2-konstitutsiialyq-reforma/"


@pytest.fixture
def page_options() -> dict:
    return {"locale": "kk-KZ"}


def press(button) -> None:
    """Activate a button from the keyboard, as a reader without a mouse does."""
    button.focus()
    button.press("Enter")


def test_a_paragraph_cites_its_permalink_and_print_page(page, site_url):
    page.goto(f"{site_url}{CHAPTER}#page-69")
    milestone = page.locator("#page-69")
    expect(milestone).to_have_text("[69]")
    paragraph = page.locator("#p2822")
    expect(paragraph).to_have_attribute("data-print-page", "68–69")
    button = paragraph.locator("button.edition-cite-button")
    expect(button).to_have_attribute("aria-label", "Осы абзацтан дәйексөз")
    press(button)
    expect(button).to_have_attribute("aria-expanded", "true")
    text = page.locator("#cite-p2822 .edition-cite-text").inner_text()
    assert text.startswith("Чеботарёв А. Егемен Қазақстандағы саяси ойтаным: бастауы, дамуы, бүгіні.")
    assert "2021. Б. 68–69. URL: " in text
    assert text.endswith(f"/{CHAPTER}#p2822")
    press(button)
    expect(page.locator("#cite-p2822")).to_have_count(0)
    # a paragraph whose print page is not known cites its permalink only
    other = page.locator("article p[id^='p'][data-lines]:not([data-print-page])").first
    press(other.locator("button.edition-cite-button"))
    other_text = page.locator(".edition-cite-box .edition-cite-text").first.inner_text()
    assert " Б. " not in other_text and re.search(r"URL: \S+#p\d+$", other_text)


def test_the_english_interface_cites_in_its_own_style(page, site_url, built_site):
    # the English interface builds the book's translated pages only (issue 18): its publisher's page
    translated = sorted(p.name for p in (built_site / "en" / CHAPTER.split("/")[0]).iterdir() if p.name[:2].isdigit())
    page.goto(f"{site_url}en/{CHAPTER.split('/')[0]}/{translated[0]}/")
    expect(page.locator("[data-page-label]").first).to_have_attribute("data-page-label", "p.")
    paragraph = page.locator(".parallel-original p[id^='p'][data-lines]").first
    button = paragraph.locator("button.edition-cite-button")
    expect(button).to_have_attribute("aria-label", "Cite this paragraph")
    press(button)
    text = page.locator(".edition-cite-box .edition-cite-text").first.inner_text()
    assert text.startswith("Чеботарёв, А. (2021).") and re.search(r"URL: \S+#p\d+$", text)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violations_with_a_reference_open(page, site_url, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site_url}{CHAPTER}")
    press(page.locator("#p2822 button.edition-cite-button"))
    violations = axe_violations(page)
    assert not violations, describe(violations)
