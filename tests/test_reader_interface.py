"""What a reader meets in the interface (issue 21): every navigation tab visible on a desktop screen,
and on /ru/ and /en/ an interface in that language."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

TAB_BOXES = """() => {
  const list = document.querySelector('.md-tabs__list').getBoundingClientRect();
  return [...document.querySelectorAll('.md-tabs__item')].map(item => {
    const r = item.querySelector('.md-tabs__link').getBoundingClientRect();
    return {text: item.innerText.trim(), inside: r.left >= list.left - 1 && r.right <= list.right + 1
            && r.top >= list.top - 1 && r.bottom <= list.bottom + 1 && r.width > 0};
  });
}"""


@pytest.fixture
def page_options() -> dict:
    return {"viewport": {"width": 1366, "height": 900}}


@pytest.mark.parametrize("width", [1220, 1366, 1920])
@pytest.mark.parametrize("language", ["", "ru/", "en/"])
def test_every_navigation_tab_is_visible(page, site_url, language, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + language)
    tabs = page.evaluate(TAB_BOXES)
    assert len(tabs) >= 9
    assert [t["text"] for t in tabs if not t["inside"]] == []


# -- the Russian and English interfaces ---------------------------------------------------------------

KAZAKH_ONLY_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
HOME = {"ru": ("Цифровое издание казахских текстов", "Оригинальное название"),
        "en": ("Digital edition of Kazakh texts", "Original title")}


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_home_page_tabs_and_titles_are_in_the_interface_language(page, site_url, entries, language):
    page.goto(f"{site_url}{language}/")
    site_name, original = HOME[language]
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("article h1")).to_have_text(re.compile("^" + re.escape(site_name)))
    expect(page.locator(".md-header__topic").first).to_contain_text(site_name)
    tabs = page.locator(".md-tabs__link").all_inner_texts()
    assert len(tabs) >= 9 and [t for t in tabs if KAZAKH_ONLY_LETTERS.search(t)] == []
    for entry in entries:
        card = page.locator(".edition-documents li", has=page.locator("h3 a", has_text=entry.translations[language]["title"]))
        expect(card).to_have_count(1)
        expect(card.locator(".edition-original-title span[lang='kk']")).to_have_text(entry.title)
        expect(card).to_contain_text(entry.translations[language]["description"])
    # the first paragraph is in the interface language, not Kazakh
    assert not KAZAKH_ONLY_LETTERS.search(page.locator("article p").first.inner_text())


@pytest.mark.parametrize("language", ["ru", "en"])
def test_a_landing_page_shows_the_translated_title_with_the_original(page, site_url, entries, language):
    entry = next(e for e in entries if e.kind == "interview")
    page.goto(f"{site_url}{language}/{entry.slug}/")
    title = entry.translations[language]["title"]
    heading = page.locator("article h1")
    expect(heading).to_have_text(re.compile("^" + re.escape(title)))
    expect(heading).to_have_attribute("lang", language)
    expect(page.locator("article .edition-original-title span[lang='kk']")).to_have_text(entry.title)
    expect(page.locator(f"article p.lead[lang='{language}']")).to_have_text(entry.translations[language]["description"])
    assert page.locator("meta[name=description]").get_attribute("content") == entry.translations[language]["description"]
    expect(page).to_have_title(re.compile("^" + re.escape(title)))
    # the tab of this document is its translated short title
    expect(page.locator(".md-tabs__item--active")).to_have_text(entry.translations[language]["short_title"])


HEADING_LINK = {"ru": "Ссылка на этот раздел", "en": "Link to this section"}
LATIN_TOOLTIP = {"ru": "Читать казахский текст латиницей (алфавит 2021 года)",
                 "en": "Read the Kazakh text in the Latin alphabet (2021)"}
MISSING = {"ru": "Этот текст не переведён на русский язык, поэтому его страницы есть только в казахской версии "
                 "издания; оглавление ниже ведёт туда же.",
           "en": "This text has not been translated into English, so its pages are only in the Kazakh edition; "
                 "the contents below lead there too."}


@pytest.mark.parametrize("language", ["ru", "en"])
def test_an_untranslated_text_says_so_once_in_the_interface_language(page, site_url, built_site, language):
    """A document without a translation is read in Kazakh (issue 18): the ru/en interface has its landing
    page, which says so in one sentence under the title and leads to the Kazakh pages."""
    interview = built_site / "tokayev-ana-tili-interview"
    first = sorted(p.name for p in interview.iterdir() if p.name[:2].isdigit())[0]
    assert not (built_site / language / "tokayev-ana-tili-interview" / first).exists()
    page.goto(f"{site_url}{language}/tokayev-ana-tili-interview/")
    notice = page.locator("article .translation-missing")
    expect(notice).to_have_count(1)
    expect(notice).to_have_text(MISSING[language])
    expect(notice).to_have_attribute("lang", language)
    # it follows the title, and the interface strings of the page are in the interface language
    assert page.evaluate("() => document.querySelector('article h1').compareDocumentPosition("
                         "document.querySelector('.translation-missing')) & Node.DOCUMENT_POSITION_FOLLOWING")
    titles = set(page.locator("article a.headerlink:not(.segment-link)").evaluate_all("links => links.map(a => a.title)"))
    assert titles == {HEADING_LINK[language]}
    expect(page.locator(".kk-script-toggle")).to_have_attribute("title", LATIN_TOOLTIP[language])
    # its link and the contents lead to the Kazakh pages, in the Kazakh interface
    notice.locator("a").click()
    expect(page).to_have_url(f"{site_url}tokayev-ana-tili-interview/")
    page.goto(f"{site_url}{language}/tokayev-ana-tili-interview/")
    page.locator(f"article a[href$='tokayev-ana-tili-interview/{first}/']").first.click()
    expect(page).to_have_url(f"{site_url}tokayev-ana-tili-interview/{first}/")
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    # and the Kazakh page's language switcher leads back to that landing page
    switcher = page.locator(f".md-select__link[hreflang='{language}']")
    assert switcher.evaluate("a => a.href") == f"{site_url}{language}/tokayev-ana-tili-interview/"


def test_a_partly_translated_page_says_how_much_instead_of_badges(page, site_url, built_site):
    article = built_site / "interethnic-harmony-article"
    first = sorted(p.name for p in article.iterdir() if p.name[:2].isdigit())[0]
    page.goto(f"{site_url}ru/interethnic-harmony-article/{first}/")
    summary = page.locator(".parallel-summary")
    expect(summary).to_have_count(1)
    expect(summary).to_contain_text(re.compile(r"На русский язык переведено 3 из \d+ фрагмент"))
    expect(page.locator(".translation-missing")).to_have_count(0)
    labels = page.locator(".parallel-translation .untranslated-label")
    assert labels.count() > 10
    assert page.locator(".parallel-translation .untranslated-label:visible").count() == 0


def test_the_kazakh_interface_keeps_its_own_strings(page, site_url, built_site):
    interview = built_site / "tokayev-ana-tili-interview"
    first = sorted(p.name for p in interview.iterdir() if p.name[:2].isdigit())[0]
    page.goto(f"{site_url}tokayev-ana-tili-interview/{first}/")
    expect(page.locator(".translation-missing")).to_have_count(0)
    expect(page.locator(".kk-script-toggle")).to_have_attribute("title", "Латын әліпбиімен оқу (2021)")
    titles = set(page.locator("article a.headerlink:not(.segment-link)").evaluate_all("links => links.map(a => a.title)"))
    assert titles == {"Осы бөлімге сілтеме"}


# -- the phone reading view ---------------------------------------------------------------------------

FIRST_PARAGRAPH = """() => {
  // a paragraph opening with a print-page milestone ([69], issue 17) starts with that marker, not its text
  const p = [...document.querySelectorAll('article p[id]')].find(p => p.querySelector('.segment-link')
                                                                   && !p.querySelector('.page-milestone'));
  const text = [...p.childNodes].find(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
  const range = document.createRange(); range.selectNodeContents(text);
  const link = p.querySelector('.segment-link').getBoundingClientRect();
  return {id: p.id, paragraph: p.getBoundingClientRect().left, text: range.getBoundingClientRect().left,
          link: [link.left, link.right], opacity: getComputedStyle(p.querySelector('.segment-link')).opacity};
}"""


def test_on_a_phone_the_paragraph_mark_shows_only_on_tap(browser, site_url, built_site):
    from tests.site_helpers import open_page
    chapter = sorted(p.name for p in (built_site / "chebotarev-political-thought").iterdir() if p.name[:2].isdigit())[0]
    with open_page(browser, site_url, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True) as page:
        page.goto(f"{site_url}chebotarev-political-thought/{chapter}/")
        before = page.evaluate(FIRST_PARAGRAPH)
        assert abs(before["text"] - before["paragraph"]) < 1          # no ¶ indenting the text
        assert before["opacity"] == "0"
        page.locator(f"#{before['id']}").tap()
        page.wait_for_timeout(300)                                     # Material's fade-in
        after = page.evaluate(FIRST_PARAGRAPH)
        assert after["opacity"] == "1" and 0 <= after["link"][0] and after["link"][1] <= after["paragraph"] + 1


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_labels_of_links_without_text_are_in_the_interface_language(built_site, language):
    """content/ writes the ¶ of a paragraph and a print page's [69] with Kazakh labels; the ru/en pages
    give them in their own language (a screen reader reads them, a mouse shows them)."""
    pages = sorted((built_site / language).rglob("index.html"))
    assert len(pages) > 10
    assert not [p for p in pages if "Осы абзацқа сілтеме" in p.read_text(encoding="utf-8")
                or "осы жерден басталады" in p.read_text(encoding="utf-8")]
    article = (built_site / language / "interethnic-harmony-article" / "01-etnosaralyq-kelisim" / "index.html").read_text(encoding="utf-8")
    paragraph = {"ru": "Ссылка на этот абзац", "en": "Link to this paragraph"}[language]
    assert article.count(f'aria-label="{paragraph}"') == article.count(f'title="{paragraph}"') > 20
    # read in the label's language, not in that of the Kazakh or Russian text it stands in
    links = re.findall(r'<a\b[^>]*class="headerlink[^>]*>', article)
    assert links and all(f'lang="{language}"' in link for link in links)
    milestone = {"ru": "Здесь начинается страница 25 печатного издания", "en": "Page 25 of the printed edition begins here"}
    assert f'title="{milestone[language]}"' in article
