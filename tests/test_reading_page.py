"""A text page as a reader meets it (issue 21): links and the focus ring that can be seen, footnotes
shown in place on a phone, one reading typeface and size, the apparatus marking the corrected word,
a printed page that says what it is, each page's own description, no English left in the interface."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from playwright.sync_api import Page, expect

from tests.site_helpers import html_pages, open_page

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def chapters(built_site, slug: str = "chebotarev-political-thought") -> list[str]:
    return sorted(p.name for p in (built_site / slug).iterdir() if p.name[:2].isdigit())


def chapter_with(built_site, needle: str, paragraphs: int = 0) -> str:
    """The first book chapter whose HTML contains ``needle`` (a footnote, an apparatus entry...) and at
    least ``paragraphs`` paragraphs of text."""
    for name in chapters(built_site):
        html = (built_site / "chebotarev-political-thought" / name / "index.html").read_text(encoding="utf-8")
        if needle in html and html.count('<p data-lines="') >= paragraphs:
            return f"chebotarev-political-thought/{name}/"
    raise AssertionError(f"no chapter of the book contains {needle!r}")


# -- colours: WCAG relative luminance ---------------------------------------------------------------

def _channel(value: float) -> float:
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def contrast(a: str, b: str) -> float:
    """Contrast ratio of two opaque CSS rgb()/rgba() colours as Chromium computes them."""
    def luminance(colour: str) -> float:
        r, g, b = (float(x) for x in re.findall(r"[\d.]+", colour)[:3])
        return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_matches_the_wcag_examples():
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21)
    assert contrast("rgb(64, 81, 181)", "rgb(255, 255, 255)") == pytest.approx(6.86, abs=0.01)   # indigo link
    assert contrast("rgb(0, 191, 165)", "rgb(255, 255, 255)") == pytest.approx(2.33, abs=0.01)   # Material's teal


PAGE_BACKGROUND = "() => getComputedStyle(document.body).backgroundColor"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_links_to_the_index_of_names_and_the_focus_ring_can_be_seen(page, site_url, built_site, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + chapter_with(built_site, 'href="../../entities/'))
    background = page.evaluate(PAGE_BACKGROUND)
    link = page.locator("article p a[href*='entities/']").first
    style = link.evaluate("a => { const s = getComputedStyle(a); return {line: s.textDecorationLine, "
                          "colour: s.textDecorationColor, thickness: parseFloat(s.textDecorationThickness)}; }")
    assert style["line"] == "underline" and style["thickness"] > 0.5
    # the underline, not the text colour, tells the link: it must stand out from the page (WCAG 1.4.11)
    assert contrast(style["colour"], background) >= 3, style
    link.focus()
    ring = link.evaluate("a => { const s = getComputedStyle(a); return {focus: a.matches(':focus-visible'), "
                         "style: s.outlineStyle, colour: s.outlineColor, width: parseFloat(s.outlineWidth)}; }")
    assert ring["focus"] and ring["style"] == "solid" and ring["width"] >= 1.5
    assert contrast(ring["colour"], background) >= 3, ring


# -- footnotes on a phone -----------------------------------------------------------------------------

def test_tapping_a_footnote_on_a_phone_shows_the_note_in_place(browser, site_url, built_site):
    with open_page(browser, site_url, **PHONE) as page:
        page.goto(site_url + chapter_with(built_site, 'class="footnote-ref"'))
        ref = page.locator("article a.footnote-ref").first
        note = page.locator(f"[id='{ref.get_attribute('href')[1:]}'] p").inner_text()
        ref.scroll_into_view_if_needed()
        before = page.evaluate("() => [scrollY, location.hash]")
        ref.tap()
        tooltip = page.locator(".md-tooltip2--active")
        expect(tooltip).to_be_visible()
        expect(tooltip).to_contain_text(note.rstrip("↩").strip()[:60])
        page.wait_for_timeout(300)
        assert page.evaluate("() => [scrollY, location.hash]") == before       # no jump to the page's end
        box = tooltip.bounding_box()
        assert box["y"] >= 0 and box["y"] + 40 <= 844 and box["x"] >= 0 and box["x"] + box["width"] <= 391


def test_a_mouse_click_on_a_footnote_still_goes_to_the_note(page, site_url, built_site):
    page.goto(site_url + chapter_with(built_site, 'class="footnote-ref"'))
    ref = page.locator("article a.footnote-ref").first
    target = ref.get_attribute("href")
    ref.click()
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))


# -- one reading typeface and size --------------------------------------------------------------------

READING_TEXT = """selector => [...document.querySelectorAll(selector)]
  .filter(p => p.innerText.trim().length > 80 && !p.className.replace(/\\buntranslated\\b/, '').trim())
  .map(p => { const s = getComputedStyle(p); return s.fontFamily + ' ' + s.fontSize; })"""


@pytest.mark.parametrize("width", [1366, 390])
def test_text_is_set_in_one_reading_typeface_and_size(browser, site_url, built_site, width):
    article = chapters(built_site, "interethnic-harmony-article")[0]
    book = chapters(built_site)[4]
    seen = {}
    with open_page(browser, site_url, viewport={"width": width, "height": 900}) as page:
        for where, url, selector in [
                ("kk book", f"chebotarev-political-thought/{book}/", "article p[id^='p']"),
                # ru/ and en/ build only translated pages (issue 18): the book's chapters are not among them
                ("en original", f"en/interethnic-harmony-article/{article}/", ".parallel-original p[id^='p']"),
                ("kk article", f"interethnic-harmony-article/{article}/", "article p[id^='p']"),
                ("ru original", f"ru/interethnic-harmony-article/{article}/", ".parallel-original p[id^='p']"),
                ("ru translation", f"ru/interethnic-harmony-article/{article}/", ".parallel-translation p[id^='p']"),
                ("entity index", "entities/", "article p")]:
            page.goto(site_url + url)
            styles = set(page.evaluate(READING_TEXT, selector))
            assert styles, f"no text found on {where}"
            seen[where] = styles
    assert len(set().union(*seen.values())) == 1, seen
    family = next(iter(seen["kk book"]))
    assert family.startswith('"PT Serif"') and family.endswith(" 17px"), family


# -- scripts ------------------------------------------------------------------------------------------

def test_each_script_loads_once(page, site_url, built_site):
    page.goto(site_url + f"chebotarev-political-thought/{chapters(built_site)[4]}/")
    sources = page.locator("script[src]").evaluate_all("scripts => scripts.map(s => s.src.split('/').pop())")
    assert sources.count("kk-translit.js") == 1
    assert len(sources) == len(set(sources)), sources
    loaded = page.evaluate("() => performance.getEntriesByType('resource').map(r => r.name)"
                           ".filter(n => n.endsWith('kk-translit.js')).length")
    assert loaded == 1


# -- the apparatus ------------------------------------------------------------------------------------

def test_a_correction_in_the_apparatus_marks_the_corrected_word(page, site_url, built_site):
    page.goto(site_url + chapter_with(built_site, "edition-apparatus", paragraphs=20))
    page.locator("details.edition-apparatus > summary").click()
    link = page.locator("details.edition-apparatus a[href^='#p']", has_text="→").last
    reading = link.inner_text().split("→")[1].strip()
    target = link.get_attribute("href")[1:]
    link.click()
    mark = page.locator(f"[id='{target}'] mark.edition-emendation")
    expect(mark).to_have_count(1)
    assert mark.inner_text().strip(" ,.;:") == reading.strip(" ,.;:")
    expect(mark).to_be_in_viewport()
    # the word, not the whole paragraph, stands out; the header and the back-to-top button leave it clear
    paragraph_background = page.locator(f"[id='{target}']").evaluate("p => getComputedStyle(p).backgroundColor")
    assert paragraph_background in ("rgba(0, 0, 0, 0)", "transparent")
    box = mark.bounding_box()
    for cover in (".md-header", ".md-top"):
        covering = page.locator(cover)
        if covering.is_visible():
            assert box["y"] >= covering.bounding_box()["y"] + covering.bounding_box()["height"], cover
    # following another link takes the mark away
    page.locator(f"[id='{target}'] a.segment-link").click()
    expect(page.locator("mark.edition-emendation")).to_have_count(0)


def test_a_linked_paragraph_stops_below_the_back_to_top_button(page, site_url, built_site):
    page.goto(site_url + chapter_with(built_site, "edition-apparatus", paragraphs=20))
    target = page.locator("article p[id^='p']").nth(8).get_attribute("id")
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(200)
    page.evaluate(f"() => {{ location.hash = '{target}'; }}")
    top = page.locator(".md-top")
    expect(top).to_be_visible()                             # scrolling up shows it, over the text
    page.wait_for_timeout(300)                              # its slide-in
    button = top.bounding_box()
    paragraph = page.locator(f"[id='{target}']").bounding_box()
    assert paragraph["y"] >= button["y"] + button["height"], (paragraph, button)


# -- print --------------------------------------------------------------------------------------------

def test_a_printed_chapter_has_a_header_and_no_controls(page, site_url, built_site, entries):
    book = next(e for e in entries if e.kind == "book")
    url = site_url + f"chebotarev-political-thought/{chapters(built_site)[4]}/"
    page.goto(url)
    title = re.sub(r"[¶❝]", "", page.locator("article h1").inner_text()).strip()
    header = page.locator(".edition-print-header")
    expect(header).to_be_hidden()                           # on screen the page has its own header
    page.emulate_media(media="print")
    expect(header).to_be_visible()
    expect(header.locator(".edition-print-title")).to_contain_text(title)
    expect(header.locator(".edition-print-authors")).to_contain_text(book.authors[0].split()[-1])
    expect(header.locator(".edition-print-source")).to_contain_text(book.title)
    expect(header.locator(".edition-print-address")).to_contain_text(url)
    for control in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-search", ".md-footer",
                    ".md-top", ".kk-script-toggle", ".edition-cite-button", "a.segment-link"):
        assert page.locator(control).evaluate_all("els => els.filter(e => e.getClientRects().length).length") == 0, control
    # the text itself prints
    expect(page.locator("article p[id^='p']").nth(3)).to_be_visible()


# -- meta descriptions (the built HTML) -----------------------------------------------------------------

class _Meta(HTMLParser):
    def __init__(self):
        super().__init__()
        self.description: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name") == "description":
            self.description.append(attrs.get("content") or "")


def description(path) -> str:
    parser = _Meta()
    parser.feed(path.read_text(encoding="utf-8"))
    assert len(parser.description) == 1, path
    return parser.description[0]


def test_every_page_has_its_own_description(built_site):
    by_language = {"kk": {}, "ru": {}, "en": {}}
    for path in html_pages(built_site):
        relative = path.relative_to(built_site).as_posix()
        language = relative.split("/")[0] if relative.split("/")[0] in ("ru", "en") else "kk"
        if path.name == "index.html":
            by_language[language].setdefault(description(path), []).append(relative)
    for language, pages in by_language.items():
        shared = {text: where for text, where in pages.items() if len(where) > 1}
        assert not shared, f"{language}: pages sharing a description: {shared}"
        assert len(pages) > (100 if language == "kk" else 10)    # ru/ and en/: their own and translated pages


def test_a_text_page_is_described_by_its_first_sentences(built_site):
    chapter = chapter_with(built_site, 'class="footnote-ref"')
    text = description(built_site / chapter / "index.html")
    assert 40 <= len(text) <= 201 and text.endswith("…")
    assert "[1]" not in text and "¶" not in text
    html = (built_site / chapter / "index.html").read_text(encoding="utf-8")
    assert re.sub(r"<[^>]+>", "", html).find(text.rstrip("…")[:60]) > 0   # words of the page itself


# -- the interface language ---------------------------------------------------------------------------

ENGLISH_LEFT = ("Made with", "Jump back to footnote", "Back to footnote")


def test_kazakh_pages_have_no_english_interface_strings(built_site):
    for path in html_pages(built_site):
        relative = path.relative_to(built_site).as_posix()
        if relative.startswith(("ru/", "en/")):
            continue
        html = path.read_text(encoding="utf-8")
        assert not [s for s in ENGLISH_LEFT if s in html], relative


@pytest.mark.parametrize("language, made_with, back", [
    ("", "Material for MkDocs көмегімен жасалды", "Мәтіндегі 1-ескертпеге оралу"),
    ("ru/", "Сделано с помощью Material for MkDocs", "Вернуться к сноске 1 в тексте"),
    ("en/", "Made with Material for MkDocs", "Back to footnote 1 in the text")])
def test_footer_and_footnotes_speak_the_interface_language(page: Page, site_url, built_site, language, made_with, back):
    # a page with footnotes that the interface builds (ru/ and en/: translated pages only, issue 18)
    pages = [built_site / language / "chebotarev-political-thought" / c / "index.html" for c in chapters(built_site)]
    translated = next(p.parent.name for p in pages
                      if p.is_file() and 'class="footnote-ref"' in p.read_text(encoding="utf-8"))
    page.goto(site_url + language + f"chebotarev-political-thought/{translated}/")
    expect(page.locator(".md-copyright")).to_have_text(made_with)
    expect(page.locator("a.footnote-backref").first).to_have_attribute("title", back)
