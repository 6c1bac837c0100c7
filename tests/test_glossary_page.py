"""The glossary page as readers meet it (issue 21): Kazakh alphabetical order, one heading per letter,
terms in Latin letters in their own section, a letter bar, long lists of places collapsed."""
from __future__ import annotations

import re

import markdown
import pytest
from bs4 import BeautifulSoup
from markdown.extensions.toc import TocExtension
from pymdownx.slugs import slugify

from build_edition.text.alphabet import KAZAKH_ALPHABET, initial_letter, kazakh_sort_key
from build_edition.write.writer import render_edition

ALPHABET = "А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я".split()


@pytest.fixture(scope="module")
def glossary(corpus_docs) -> str:
    return render_edition(list(corpus_docs.values()))["glossary.md"]


def headings(text: str) -> list[str]:
    return re.findall(r"^## (.+?)$", text, re.MULTILINE)


def entries(text: str) -> list[str]:
    return re.findall(r"^\*\*(.+?)\*\* — ", text, re.MULTILINE)


def test_the_alphabet_is_the_42_letters_in_kazakh_order():
    assert list(KAZAKH_ALPHABET) == ALPHABET
    assert sorted(ALPHABET, key=kazakh_sort_key) == ALPHABET
    assert sorted(a.lower() for a in ALPHABET) != [a.lower() for a in ALPHABET]      # not Unicode order


def test_real_terms_sort_in_kazakh_order():
    # abbreviations of the seeds that Unicode order puts elsewhere (Ә, Ғ, Қ, Ұ, Ү, І after Я)
    terms = ["ЮНЕСКО", "ІІМ", "ҰҚК", "ҮЕҰ", "ҚР", "ҒЗТКЖ", "ӘОК", "ЕАЭО", "ЖСДП", "АҚШ", "ААҚ"]
    assert sorted(terms, key=kazakh_sort_key) == ["ААҚ", "АҚШ", "ӘОК", "ҒЗТКЖ", "ЕАЭО", "ЖСДП", "ҚР",
                                                  "ҰҚК", "ҮЕҰ", "ІІМ", "ЮНЕСКО"]


def test_one_heading_per_letter_in_order_and_latin_terms_apart(glossary):
    found = headings(glossary)
    letters = [h for h in found if len(h) == 1]
    assert letters == sorted(set(letters), key=ALPHABET.index)                   # unique, alphabetical
    assert all(h in ALPHABET for h in letters)                                   # no Latin A, C, H, I
    titles = found
    assert titles[-2:] == ["Латын әрпімен жазылған қысқартулар", "Түсіндірілмеген қысқартулар"]
    latin = glossary.split("## Латын әрпімен")[1].split("## Түсіндірілмеген")[0]
    assert set(entries(latin)) >= {"AI", "COVID", "HAQ", "IT"}
    assert all(re.match("[A-Z]", t) for t in entries(latin))
    cyrillic = glossary.split("## Латын әрпімен")[0]
    # every entry sits under its own letter, in alphabetical order
    for section in re.split(r"^## ", cyrillic, flags=re.MULTILINE)[1:]:
        letter, terms = section[0], entries(section)
        assert terms and all(initial_letter(t) == letter for t in terms), letter
        assert terms == sorted(terms, key=kazakh_sort_key), letter
    # ІТ (Cyrillic І) and IT (Latin) are two entries, each in its own place, with the ids they had
    assert "**ІТ**" in cyrillic.split("## І\n")[1] and "{: #term-it-2 .glossary-term }" in cyrillic
    assert "{: #term-it .glossary-term }" in latin


def test_the_letter_bar_links_every_letter_heading(glossary):
    """The links go to the ids MkDocs gives the headings (mkdocs.yml's toc slugify: Cyrillic, lower case)."""
    bar = re.search(r'<nav class="glossary-letters"[^>]*markdown>\n\n(.+)\n\n</nav>', glossary).group(1)
    links = re.findall(r"\[([^\]]+)\]\(#([\w-]+)\)", bar)
    html = markdown.markdown(glossary.split("---\n", 2)[2], extensions=[
        "attr_list", "md_in_html", "pymdownx.details", TocExtension(slugify=slugify(case="lower"))])
    ids = dict((BeautifulSoup(h, "html.parser").h2.get_text(), i) for h, i in
               ((m.group(0), m.group(1)) for m in re.finditer(r'<h2 id="([^"]+)">.*?</h2>', html)))
    assert links == [("A–Z" if h.startswith("Латын") else h, ids[h]) for h in headings(glossary)[:-1]]
    assert links[0] == ("А", "а") and ("Қ", "қ") in links and links[-1] == ("A–Z", "латын-әрпімен-жазылған-қысқартулар")


def test_long_lists_of_places_are_collapsed_and_nothing_is_lost(glossary):
    baq = glossary.split("**БАҚ** — ")[1].split("\n**")[0]
    assert "Қолданылуы: 60 рет, 32 бетте." in baq
    usage = re.search(r'^\?\?\? glossary-usage "Қай беттерде қолданылады \(32\)"\n    (.+)$', baq, re.MULTILINE).group(1)
    assert len(re.findall(r"\]\([\w-]+/[\w-]+\.md\) \(\d+\)", usage)) == 32
    html = markdown.markdown(glossary.split("---\n", 2)[2], extensions=["attr_list", "md_in_html", "pymdownx.details"])
    assert '<details class="glossary-usage">' in html and html.count("<details") == glossary.count("??? glossary-usage")
    # a term used on one page keeps its place in the open; one used on three has them collapsed
    assert re.search(r"\*\*АТӨ\*\* — .+\n.*Қолданылуы \(1\): \[", glossary)
    assert re.search(r"\*\*АХМ\*\* — .+\n.*Қолданылуы: 7 рет, 3 бетте\.", glossary)
    # the editors' list of undefined abbreviations is collapsed under its heading too
    undefined = glossary.split("## Түсіндірілмеген қысқартулар")[1]
    assert re.search(r'^\?\?\? glossary-usage "Қысқартулар \(\d+\)"\n    - \*\*', undefined, re.MULTILINE)


@pytest.mark.browser
def test_the_letter_bar_works_on_a_phone(page, site_url):
    """At 390 px the bar wraps inside the screen, each letter is a target of at least 24 px, a tap
    scrolls to the letter's heading below the header, and the page is far shorter than the 60,000 px
    it was with every list of places open."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "glossary/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    bar = page.locator("nav.glossary-letters")
    links = bar.locator("a")
    assert links.count() >= 20 and links.first.inner_text() == "А" and links.last.inner_text() == "A–Z"
    boxes = [links.nth(i).bounding_box() for i in range(links.count())]
    assert len({round(b["y"]) for b in boxes}) >= 2                           # wrapped onto several rows
    assert all(b["x"] >= 0 and b["x"] + b["width"] <= 390 and b["height"] >= 24 and b["width"] >= 24 for b in boxes)
    bar.locator("a", has_text="Қ").click()
    page.wait_for_function("decodeURIComponent(location.hash) === '#қ'")
    top = page.evaluate("document.getElementById('қ').getBoundingClientRect().top")
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert header <= top < 300
    assert page.evaluate("document.documentElement.scrollHeight") < 40_000
