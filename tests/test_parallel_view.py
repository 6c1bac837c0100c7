"""The parallel view in a real headless Chromium: on the Russian and English interfaces a translated
page shows each translation beside its original (aligned by segment id), stacked on a narrow
screen; untranslated segments are marked and fall back to the Kazakh original; the reader reaches
the view from the Kazakh page and from Material's language switcher."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ARTICLE = "interethnic-harmony-article"
BOOK = "chebotarev-political-thought"


def text_page(site, document: str, starts_with: str = "") -> str:
    """The path of a document's text page (the one whose file name starts with ``starts_with``)."""
    pages = sorted(p.name for p in (site / document).iterdir() if p.is_dir() and p.name[:2].isdigit())
    return f"{document}/{next(p for p in pages if p.startswith(starts_with))}/"


def row_of(page: Page, original_text: str):
    return page.locator(".parallel-row").filter(has=page.locator(".parallel-original", has_text=original_text))


def test_a_translated_segment_is_beside_its_original(page, site_url, built_site):
    page.goto(f"{site_url}ru/{text_page(built_site, ARTICLE)}")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    row = row_of(page, "Бұл мақалада автор Қазақстан Республикасында")
    expect(row).to_have_count(1)
    original, translation = row.locator(".parallel-original"), row.locator(".parallel-translation")
    expect(translation).to_contain_text("В данной статье автор рассматривает модель межэтнического согласия")
    expect(translation).to_have_attribute("lang", "ru")
    a, b = original.bounding_box(), translation.bounding_box()
    assert b["x"] >= a["x"] + a["width"] - 1 and abs(b["y"] - a["y"]) < 2          # side by side
    # the rows keep the reading order of the original: heading, abstract, keywords, then the body
    order = page.locator(".parallel-row.translated .parallel-translation").all_inner_texts()
    # ¶: its permalink, ❝: its "cite this" button (cite-paragraph.js)
    assert [t.replace("❝", " ").split()[0].rstrip("¶") for t in order] == ["Аннотация", "В", "Ключевые"]
    # the article's own Russian abstract is the translation here, not a row of its own
    expect(page.locator(".parallel-original", has_text="В данной статье автор")).to_have_count(0)


def test_the_view_stacks_on_a_narrow_screen(page, site_url, built_site):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_url}en/{text_page(built_site, ARTICLE)}")
    row = row_of(page, "Бұл мақалада автор Қазақстан Республикасында")
    original, translation = row.locator(".parallel-original"), row.locator(".parallel-translation")
    expect(translation).to_contain_text("In this article the author considers")
    a, b = original.bounding_box(), translation.bounding_box()
    assert b["y"] >= a["y"] + a["height"] - 1 and b["x"] < a["x"] + a["width"] / 2    # below, not beside


def test_untranslated_segments_are_marked_and_fall_back_to_the_original(page, site_url, built_site):
    path = f"{site_url}ru/{text_page(built_site, ARTICLE)}"
    page.goto(path)
    row = row_of(page, "Елбасымыз Н. Ә. Назарбаевтың идеялары")
    expect(row).to_have_class("parallel-row untranslated")
    translation = row.locator(".parallel-translation")
    expect(translation.locator(".untranslated-label")).to_have_text("не переведено")
    expect(translation.locator(".untranslated-text")).to_be_hidden()               # the original is beside it
    toggle = page.locator("[data-parallel-toggle]")
    expect(toggle).to_have_text("Только перевод")
    toggle.click()
    expect(row.locator(".parallel-original")).to_be_hidden()
    expect(translation.locator(".untranslated-text")).to_be_visible()
    expect(translation.locator(".untranslated-text")).to_contain_text("Елбасымыз Н. Ә. Назарбаевтың")
    expect(translation.locator(".untranslated-text")).to_have_attribute("lang", "kk")
    page.goto(path)                                                                 # the mode is remembered
    expect(page.locator("html")).to_have_attribute("data-parallel-mode", "translation")
    expect(row_of(page, "Бұл мақалада автор").locator(".parallel-original")).to_be_hidden()
    page.locator("[data-parallel-toggle]").click()
    expect(row_of(page, "Бұл мақалада автор").locator(".parallel-original")).to_be_visible()


def test_the_publisher_page_is_aligned_paragraph_by_paragraph(page, site_url, built_site):
    pages = sorted(p.name for p in (built_site / BOOK).iterdir() if p.is_dir() and p.name[:2].isdigit())
    publisher = next(p for p in pages
                     if "Пенсильвания университетінің" in (built_site / BOOK / p / "index.html").read_text("utf-8"))
    page.goto(f"{site_url}en/{BOOK}/{publisher}/")
    ranking = row_of(page, "Пенсильвания университетінің")
    expect(ranking.locator(".parallel-translation")).to_contain_text("KazISS is the only Kazakh «Think Tank»")
    task = row_of(page, "ҚР Президенті жанындағы ҚСЗИ негізгі міндеті")
    expect(task.locator(".parallel-translation")).to_contain_text("The main task of the KazISS")
    expect(task.locator(".parallel-translation")).not_to_contain_text("Think Tank")
    # a link to the printed English paragraph lands on it, beside its Kazakh original
    page.goto(f"{site_url}en/{BOOK}/{publisher}/#p19521")
    printed = row_of(page, "Қазақстан Республикасы Президенті жанындағы").locator(".parallel-translation #p19521")
    expect(printed).to_contain_text("The Kazakhstan Institute for Strategic Studies")
    expect(printed).to_be_in_viewport()


def test_the_reader_reaches_the_parallel_view_from_the_kazakh_page(page, site_url, built_site):
    path = text_page(built_site, ARTICLE)
    page.goto(site_url + path)
    notice = page.locator(".translation-notice")
    expect(notice).to_be_visible()
    switcher = page.locator(".md-select__link[hreflang='en']")
    assert switcher.get_attribute("href").rstrip("/").endswith(f"en/{path}".rstrip("/"))
    notice.locator("a[hreflang='ru']").click()
    page.wait_for_load_state()
    assert page.url == f"{site_url}ru/{path}"
    expect(page.locator(".parallel-row.translated")).to_have_count(3)
    # a document without any translation is read in Kazakh: the Russian interface has its landing page only
    assert not (built_site / "ru" / text_page(built_site, "constitution-draft-news")).exists()
    page.goto(f"{site_url}ru/constitution-draft-news/")
    expect(page.locator(".parallel")).to_have_count(0)
    expect(page.locator("article .translation-missing")).to_have_count(1)
