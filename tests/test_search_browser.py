"""Kazakh-aware search end to end in headless Chromium, on the site built from the real seeds:
inflected, folded, Latin-script and phrase queries find the right paragraphs, results link to the
exact paragraph with the hit marked, ?q= opens results, nonsense finds nothing."""
from __future__ import annotations

import gzip
import json
import re
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from build_edition.site.search.index import record_url

pytestmark = pytest.mark.slow

RESULT_TIMEOUT_MS = 20_000


def test_the_site_ships_a_pagefind_index_not_lunr(built_site):
    assert (built_site / "pagefind" / "pagefind.js").exists(), "the search hook wrote no Pagefind index"
    assert not (built_site / "search" / "search_index.json").exists(), "the lunr index must not be shipped"


def test_the_index_holds_every_block_of_the_built_kazakh_pages_as_the_reader_sees_it(built_site):
    """The index is made from content/ (build_edition/site/search/pages.py), not from the built pages:
    its records must be exactly the blocks with an edition id of the Kazakh pages the site shows, with
    their text (read here from the built HTML with BeautifulSoup, spaces aside; no ¶, print page or
    footnote number)."""
    def squeeze(text: str) -> str:
        return re.sub(r"\s+", "", text)

    shown = {}
    for path in sorted(built_site.rglob("*.html")):
        rel = path.relative_to(built_site)
        if rel.parts[0] in ("ru", "en", "pagefind") or rel.name == "404.html":
            continue
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article")
        url = "" if rel.as_posix() == "index.html" else rel.parent.as_posix() + "/"
        for element in article.find_all(id=re.compile(r"^p\d+(?:-\d+)?$")):
            for mark in element.select("a.headerlink, a.page-milestone, sup[id^=fnref]"):   # ¶, [69], footnote number
                mark.decompose()
            if re.search(r"\w", element.get_text()):
                shown[f"{url}#{element['id']}"] = squeeze(element.get_text())
    indexed = {}
    for fragment_file in (built_site / "pagefind" / "fragment").iterdir():
        fragment = json.loads(gzip.decompress(fragment_file.read_bytes())[len(b"pagefind_dcd"):])
        indexed[fragment["meta"].get("url") or record_url(fragment["url"])] = squeeze(fragment["meta"]["text"])
    assert len(shown) > 3000
    assert indexed == shown


def _reading_page(site_url: str, built_site) -> str:
    first = sorted(p.relative_to(built_site).parent.as_posix() for p in built_site.glob("*/*/index.html"))[0]
    return site_url + first + "/"


def _search(page, query: str) -> list[dict]:
    page.locator("[data-kk-search-input]").click()
    page.keyboard.type(query, delay=20)
    page.wait_for_function(
        "q => document.querySelector('[data-kk-search]').getAttribute('data-kk-search-done') === q",
        arg=query.strip(), timeout=RESULT_TIMEOUT_MS)
    return page.evaluate("""() => Array.from(document.querySelectorAll('[data-kk-search-results] li')).map(li => ({
        href: li.querySelector('a').href,
        text: li.querySelector('.kk-search-result__text').textContent,
        marked: Array.from(li.querySelectorAll('mark')).map(m => m.textContent),
        lang: li.querySelector('.kk-search-result__text').getAttribute('lang'),
    }))""")


@pytest.mark.parametrize("query,expected_word", [
    ("реформаларды", re.compile(r"реформа", re.I)),           # other inflected forms
    ("Токаев", re.compile(r"Тоқаев", re.I)),                   # typed without Kazakh letters
    ("озгерис", re.compile(r"өзгеріс", re.I)),
    ("Toqaev", re.compile(r"Тоқаев", re.I)),                   # Latin 2021
    ("ata zañy", re.compile(r"Ата [Зз]аң", re.I)),             # Latin phrase
])
def test_query_finds_marked_paragraphs(page, site_url, built_site, query, expected_word):
    page.goto(_reading_page(site_url, built_site))
    results = _search(page, query)
    assert results, f"no results for {query!r}"
    top = results[:5]
    assert any(expected_word.search(r["text"]) for r in top), [r["text"][:80] for r in top]
    for r in top:
        assert re.search(r"/#p\d+(?:-\d+)?$", r["href"]), r["href"]
        assert r["marked"], f"no highlighted word in {r['text'][:80]!r}"


def test_exact_phrase_ranks_above_scattered_words(page, site_url, built_site):
    page.goto(_reading_page(site_url, built_site))
    results = _search(page, "Мәңгілік Ел")
    assert re.search(r"Мәңгілік [Ее]л", results[0]["text"]), results[0]["text"][:120]
    assert re.fullmatch(r"Мәңгілік\s*[Ее]л", " ".join(results[0]["marked"][:2]))


def test_completed_words_mark_their_own_forms_not_longer_words(page, site_url, built_site):
    page.goto(_reading_page(site_url, built_site))
    results = _search(page, "ata zañy ")   # the trailing space: both words are complete
    marked = {m.lower() for r in results for m in r["marked"]}
    assert marked and all(m.startswith(("ата", "заң")) for m in marked), marked
    assert "атап" not in marked  # "ата" is a prefix of "атап" (mentioned), which is another word


def test_results_follow_the_latin_view(page, site_url, built_site):
    # the Latin reading view (issue 8) marks the page with <html data-kk-script="latn">
    page.goto(_reading_page(site_url, built_site))
    page.evaluate("() => document.documentElement.setAttribute('data-kk-script', 'latn')")
    results = _search(page, "Toqaev")
    assert results
    assert any("Toqaev" in m for r in results for m in r["marked"])
    kazakh = [r for r in results if not r["lang"]]
    assert kazakh and not any(re.search(r"[а-яәғқңөұүһі]", r["text"], re.I) for r in kazakh)


def test_result_link_opens_the_exact_paragraph(page, site_url, built_site):
    page.goto(_reading_page(site_url, built_site))
    results = _search(page, "Горбачев")
    assert results
    page.locator("[data-kk-search-results] li a").first.click()
    page.wait_for_load_state("load")
    anchor = page.url.rsplit("#", 1)[1]
    assert re.fullmatch(r"p\d+", anchor)
    assert "Горбачев" in page.locator(f"#{anchor}").inner_text()


@pytest.mark.parametrize("interface", ["ru", "en"])
def test_results_keep_the_reader_in_the_interface_language(page, site_url, built_site, interface):
    """A result opens in the reader's interface where it has the page (a translated text); the other texts
    are read in Kazakh only (issue 18), so their results open the Kazakh page."""
    assert (built_site / interface).is_dir(), "mkdocs.yml builds ru/ and en/ interfaces (issue 8)"
    pages = sorted(p.relative_to(built_site).parent.as_posix() for p in built_site.glob(f"{interface}/*/*/index.html"))
    page.goto(site_url + pages[0] + "/")
    expect(page.locator("html")).to_have_attribute("lang", interface)
    results = _search(page, "Ассамблея")
    assert results
    for r in results:
        path = r["href"][len(site_url):].removeprefix(f"{interface}/")
        has_page = (built_site / interface / path.split("#")[0] / "index.html").is_file()
        assert r["href"] == site_url + (f"{interface}/" if has_page else "") + path, r["href"]
    index = next(i for i, r in enumerate(results) if r["href"].startswith(f"{site_url}{interface}/"))
    page.locator("[data-kk-search-results] li a").nth(index).click()
    page.wait_for_load_state("load")
    expect(page.locator("html")).to_have_attribute("lang", interface)
    anchor = page.url.rsplit("#", 1)[1]
    assert "ассамблея" in page.locator(f"#{anchor}").inner_text().lower()


def test_query_in_the_address_opens_results_on_any_page(page, site_url):
    page.goto(site_url + "?q=" + quote("Конституция"))
    page.wait_for_function(
        "() => document.querySelector('[data-kk-search]').getAttribute('data-kk-search-done') === 'Конституция'",
        timeout=RESULT_TIMEOUT_MS)
    assert page.locator("#__search").is_checked()
    assert page.locator("[data-kk-search-results] li").count() > 0


def test_nonsense_finds_nothing_and_says_so(page, site_url, built_site):
    page.goto(_reading_page(site_url, built_site))
    assert _search(page, "щщщжжжфффъ") == []
    assert page.locator("[data-kk-search-status]").inner_text().strip() == "Сәйкес құжат табылмады"


# -- search v2 (issue 22) --------------------------------------------------------------------------

def _status(page) -> str:
    return page.locator("[data-kk-search-status]").inner_text().strip()


def test_russian_and_english_abbreviations_find_the_kazakh_term_and_say_so(page, site_url, built_site):
    page.goto(_reading_page(site_url, built_site))
    results = _search(page, "ОБСЕ")
    assert results and any("ЕҚЫҰ" in r["text"] for r in results[:5]), [r["text"][:80] for r in results[:5]]
    assert "ОБСЕ → ЕҚЫҰ" in _status(page)
    assert any("ЕҚЫҰ" in m for r in results for m in r["marked"])


def test_a_typo_in_a_name_finds_the_name(page, site_url, built_site):
    page.goto(_reading_page(site_url, built_site))
    results = _search(page, "Тоқайев")
    assert results and all("тоқаев" in r["text"].lower() for r in results[:5])
    assert "Тоқаев" in _status(page)


def test_a_name_shows_its_entry_of_the_index_of_names_first(page, site_url, built_site):
    page.goto(_reading_page(site_url, built_site))
    _search(page, "Абай")
    first = page.locator("[data-kk-search-names] li a").first
    expect(first).to_contain_text("Абай Құнанбайұлы")
    assert first.get_attribute("href").endswith("/entities/abai/")


def test_results_are_grouped_by_page_and_counted_by_paragraph_and_document(page, site_url, built_site):
    page.goto(_reading_page(site_url, built_site))
    results = _search(page, "Назарбаев")
    pages = [r["href"].split("#")[0] for r in results]
    assert len(pages) == len(set(pages)), "one result per page"
    assert re.fullmatch(r"\d+ абзац, [2-9] құжатта", _status(page)), _status(page)
    assert page.locator(".kk-search-result__more a").count() > 0, "a page's other paragraphs are listed under it"


def test_the_opened_page_marks_the_query_words_and_scrolls_to_the_first(page, site_url, built_site):
    page.goto(_reading_page(site_url, built_site))
    assert _search(page, "Горбачевтің")
    page.locator("[data-kk-search-results] li a").first.click()
    page.wait_for_load_state("load")
    marks = page.locator("article mark.kk-search-mark")
    expect(marks.first).to_be_visible(timeout=RESULT_TIMEOUT_MS)
    assert all(m.lower().startswith("горбачев") for m in marks.all_inner_texts())
    anchor = page.url.rsplit("#", 1)[1]
    expect(page.locator(f"#{anchor} mark.kk-search-mark--first")).to_be_in_viewport()


def test_name_plus_a_word_matches_across_the_heading(page, site_url, built_site):
    page.goto(_reading_page(site_url, built_site))
    results = _search(page, "Лаумулин алғысөзі")
    assert results and "Лаумулин" in results[0]["text"]


def test_results_filter_by_document(page, site_url, built_site):
    page.goto(_reading_page(site_url, built_site))
    _search(page, "Назарбаев")
    buttons = page.locator("[data-kk-search-filters] button[data-document]:not([data-document=''])")
    assert buttons.count() >= 2
    slug = buttons.nth(1).get_attribute("data-document")
    buttons.nth(1).click()
    page.wait_for_function(
        "s => document.querySelector('[data-kk-search-filters] .kk-search-filter--on')?.getAttribute('data-document') === s",
        arg=slug, timeout=RESULT_TIMEOUT_MS)
    hrefs = page.locator("[data-kk-search-results] li > a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs and all(f"/{slug}/" in h for h in hrefs), hrefs
    assert re.fullmatch(r"\d+ абзац, 1 құжатта", _status(page)), _status(page)


@pytest.mark.parametrize("interface, book, count", [("ru", "Чеботарёв: политическая мысль · книга", r"\d+ абз\. в [2-9] док\."),
                                                    ("en", "Chebotarev: political thought · book", r"\d+ paragraphs in [2-9] documents")])
def test_filters_and_counts_speak_the_interface_language(page, site_url, built_site, interface, book, count):
    pages = sorted(p.relative_to(built_site).parent.as_posix() for p in built_site.glob(f"{interface}/*/*/index.html"))
    page.goto(site_url + pages[0] + "/")
    _search(page, "Назарбаев")
    assert re.fullmatch(count, _status(page)), _status(page)
    labels = page.locator("[data-kk-search-filters] button[data-document]").all_inner_texts()
    assert any(label.startswith(book) for label in labels), labels
