"""The parallel view keeps every anchor of the page: each segment id sits on exactly one element of
every language copy (kk, ru/, en/), each translated segment's translation sits in the row of its own
id, and the document's printed translations (003's abstracts, 002's publisher page) move beside their
Kazakh originals with their ids, links, tooltips and footnote references."""
from __future__ import annotations

import copy
import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_edition.site.translation_hook import parallel_view
from build_edition.store.translations import parse_translation

TRANSLATED_DOCUMENTS = ("chebotarev-political-thought", "interethnic-harmony-article")


def ids_of(html: str | BeautifulSoup) -> Counter:
    soup = html if isinstance(html, BeautifulSoup) else BeautifulSoup(html, "html.parser")
    return Counter(tag["id"] for tag in soup.find_all(id=True))


def rows(html: str) -> list:
    return BeautifulSoup(html, "html.parser").select(".parallel-row")


def reading_text(element) -> str:
    """The element's text without permalinks and footnote numbers, whitespace collapsed."""
    element = copy.copy(element)
    for marker in element.select("a.headerlink, sup[id^='fnref']"):
        marker.decompose()
    return " ".join(element.get_text().split())


# -- the view on small pages ------------------------------------------------------------------------

PAGE = ('<h1 id="p1">Тақырып</h1>'
        '<p id="p3">Институт <abbr title="т">ҚР</abbr> құрылды.</p>'
        '<p id="p5" lang="ru">Институт <abbr title="т">РК</abbr> создан<sup id="fnref:u-p5-1">'
        '<a class="footnote-ref" href="#fn:u-p5-1">1</a></sup>.</p>'
        '<p id="p7" lang="en">The Institute was founded.</p>'
        '<div class="footnote"><ol><li id="fn:u-p5-1"><p>Ескерту <a class="footnote-backref" '
        'href="#fnref:u-p5-1">↩</a></p></li></ol></div>')


def test_a_printed_translation_moves_beside_its_original_with_its_id_tooltip_and_footnote():
    out = parallel_view(PAGE, {"p3": "Институт РК создан."}, "ru", {"p3": ["p5"]})
    assert ids_of(out) == ids_of(PAGE)                       # every id once, none lost
    row = next(r for r in rows(out) if r.get("data-segment") == "p3")
    assert row.select_one(".parallel-original #p3") is not None
    moved = row.select_one(".parallel-translation #p5")
    assert moved["data-translation-of"] == "p3" and moved["lang"] == "ru"
    assert moved.abbr["title"] == "т" and moved.select_one("sup#fnref\\:u-p5-1") is not None
    english = next(r for r in rows(out) if r.find(id="p7"))
    assert english["class"] == ["parallel-row", "parallel-wide"]          # the other language, as it is
    assert not english.select(".parallel-original, .parallel-translation")
    assert len([r for r in rows(out) if "translated" in r["class"]]) == 1


def test_in_the_other_language_the_printed_block_stays_and_its_own_translation_moves():
    out = parallel_view(PAGE, {"p3": "The Institute was founded."}, "en", {"p3": ["p7"]})
    assert ids_of(out) == ids_of(PAGE)
    row = next(r for r in rows(out) if r.get("data-segment") == "p3")
    assert row.select_one(".parallel-translation #p7")["lang"] == "en"
    russian = next(r for r in rows(out) if r.find(id="p5"))
    assert "parallel-wide" in russian["class"] and russian.select_one("#fnref\\:u-p5-1") is not None


def test_a_printed_paragraph_translating_two_kazakh_paragraphs_is_cut_between_its_sentences():
    html = ('<p id="p1">Бірінші абзац.</p><p id="p2">Екінші <a href="../x/">абзац</a>.</p>'
            '<p id="p4" lang="ru" class="publisher">Первый абзац. Второй <abbr title="т">абзац</abbr>.</p>')
    out = parallel_view(html, {"p1": "Первый абзац.", "p2": "Второй абзац."}, "ru", {"p1": ["p4"], "p2": ["p4"]})
    assert ids_of(out) == ids_of(html)
    first, second = (next(r for r in rows(out) if r.get("data-segment") == key) for key in ("p1", "p2"))
    head = first.select_one(".parallel-translation #p4")
    assert reading_text(head) == "Первый абзац." and head["data-translation-of"] == "p1"
    tail = second.select_one(".parallel-translation [data-translation-of='p2']")
    assert reading_text(tail) == "Второй абзац." and tail.abbr is not None and not tail.get("id")
    assert tail["class"] == ["publisher"] and tail["lang"] == "ru"


def test_a_translation_the_translator_changed_comes_from_the_file_and_the_printed_block_stays():
    out = parallel_view(PAGE, {"p3": "Институт Республики Казахстан создан."}, "ru", {"p3": ["p5"]})
    assert ids_of(out) == ids_of(PAGE)
    row = next(r for r in rows(out) if r.get("data-segment") == "p3")
    assert reading_text(row.select_one(".parallel-translation")) == "Институт Республики Казахстан создан."
    assert row.select_one(".parallel-translation [id]") is None            # the clone has no ids
    printed = next(r for r in rows(out) if r.find(id="p5"))
    assert "parallel-wide" in printed["class"]


@pytest.mark.parametrize("html, origins", [
    # the cut between the two translations would fall inside a link
    ('<p id="p1">Бір.</p><p id="p2">Екі.</p><p id="p4" lang="ru"><a href="#x">Раз. Два.</a></p>',
     {"p1": ["p4"], "p2": ["p4"]}),
    # `from` names a block that is not on the page, or one that is Kazakh
    ('<p id="p1">Бір.</p><p id="p2">Екі.</p><p id="p4" lang="ru">Раз.</p>', {"p1": ["p9"], "p2": ["p1"]}),
    # two Kazakh paragraphs claim the same printed block for different pieces of text
    ('<p id="p1">Бір.</p><p id="p2">Екі.</p><p id="p4" lang="ru">Раз. Два.</p>', {"p1": ["p4"], "p2": ["p4", "p1"]}),
])
def test_a_printed_block_that_cannot_be_placed_stays_in_place(html, origins):
    out = parallel_view(html, {"p1": "Раз.", "p2": "Два."}, "ru", origins)
    assert ids_of(out) == ids_of(html)
    for key in ("p1", "p2"):
        row = next(r for r in rows(out) if r.get("data-segment") == key)
        assert reading_text(row.select_one(".parallel-translation")) == {"p1": "Раз.", "p2": "Два."}[key]
        assert row.select_one(".parallel-original").find(id=key) is not None
    printed = next(r for r in rows(out) if r.find(id="p4"))
    assert "parallel-wide" in printed["class"]


# -- the built site ---------------------------------------------------------------------------------

def translated_pages(content: Path):
    """(document, page folder, language, translation) for every page of a translated segment."""
    for document in TRANSLATED_DOCUMENTS:
        for path in sorted((content / document / "translations").glob("*.yml")):
            translation = parse_translation(path.read_text(encoding="utf-8"), str(path))
            keys = translation.translated_ids()
            for page in sorted((content / document).glob("[0-9][0-9]-*.md")):
                on_page = set(re.findall(r"\{:[^{}]*#(p\d+(?:-\d+)?)\b", page.read_text(encoding="utf-8")))
                if keys & on_page:
                    yield document, page.stem, path.stem, translation, on_page


def test_both_documents_have_translated_pages(built_site):
    found = {(doc, language) for doc, _, language, _, _ in translated_pages(built_site.parent / "content")}
    assert found == {(doc, language) for doc in TRANSLATED_DOCUMENTS for language in ("ru", "en")}


def test_every_segment_id_keeps_exactly_one_anchor_on_every_language_copy(built_site):
    checked = 0
    for document, page, _, _, on_page in translated_pages(built_site.parent / "content"):
        assert len(on_page) > 5
        for prefix in ("", "ru/", "en/"):
            soup = BeautifulSoup((built_site / f"{prefix}{document}/{page}/index.html").read_text("utf-8"),
                                 "html.parser")
            counts = ids_of(soup)
            assert {key: counts[key] for key in on_page if counts[key] != 1} == {}, f"{prefix}{document}/{page}"
            assert [key for key, n in counts.items() if n > 1] == [], f"{prefix}{document}/{page}"
            checked += len(on_page)
    assert checked > 100


def test_each_translated_segment_sits_at_its_own_id_in_the_parallel_view(built_site):
    for document, page, language, translation, on_page in translated_pages(built_site.parent / "content"):
        soup = BeautifulSoup((built_site / f"{language}/{document}/{page}/index.html").read_text("utf-8"),
                             "html.parser")
        assert soup.html["lang"] == language
        for key, entry in translation.entries.items():
            if not entry.translated or key not in on_page:
                continue
            where = f"{language}/{document}/{page}#{key}"
            original = soup.find(id=key)
            row = original.find_parent(class_="parallel-row")
            assert original.find_parent(class_="parallel-original") is not None and row["data-segment"] == key, where
            column = row.select_one(".parallel-translation")
            shown = column.find_all(attrs={"data-translation-of": key})
            assert shown and all(e["lang"] == language for e in shown), where
            assert " ".join(reading_text(e) for e in shown) == " ".join(entry.text.split()), where
        # the printed translation keeps its id beside the first Kazakh segment it translates (entries are
        # in reading order; 002's printed paragraph for two Kazakh paragraphs is cut between them)
        first_user: dict[str, str] = {}
        for key, entry in translation.entries.items():
            for source in entry.origin if entry.translated and key in on_page else ():
                first_user.setdefault(source, key)
        assert first_user
        for source, key in first_user.items():
            printed = soup.find(id=source)
            assert printed.find_parent(class_="parallel-translation") is not None, source
            assert printed.find_parent(class_="parallel-row")["data-segment"] == key, source
        # the printed translation into the other language is on the page as it is, outside the rows
        other = parse_translation((built_site.parent / "content" / document / "translations" /
                                   f"{'en' if language == 'ru' else 'ru'}.yml").read_text("utf-8"))
        for source in {s for e in other.entries.values() for s in e.origin if s in on_page}:
            assert "parallel-wide" in soup.find(id=source).find_parent(class_="parallel-row")["class"]


def test_the_footnote_of_a_printed_translation_links_both_ways_on_every_copy(built_site):
    document = "chebotarev-political-thought"
    publisher = next(page for doc, page, _, translation, _ in translated_pages(built_site.parent / "content")
                     if doc == document)
    for prefix in ("", "ru/", "en/"):
        soup = BeautifulSoup((built_site / f"{prefix}{document}/{publisher}/index.html").read_text("utf-8"),
                             "html.parser")
        backrefs = soup.select("a.footnote-backref")
        assert backrefs
        for backref in backrefs:
            reference = soup.find(id=backref["href"][1:])
            assert reference is not None and reference.a["href"] == "#" + backref.find_parent("li")["id"]
