"""Page furniture and structure of documents the engine has never seen (issue 14).

The fixtures in tests/data/ are clean Kazakh passages written for these tests (not taken from the seeds
or any other source), laid out the way the seeds' PDFs come out: a book with justified lines, line-end
hyphens and page breaks (a page number between blank lines, a running head beside it, often inside a
sentence), unnumbered chapters that start a new page, and a newspaper with narrow columns and bylines.

* unseen_book_once_only_heads.txt: every running head occurs once (``Дала сазы``, ``Уақыт пен
  кеңістік``…), chapter titles printed right above their first paragraph (no blank line);
* unseen_book_chapter_heads.txt: the running head of odd pages repeats the chapter title, so a
  chapter's title and its heads are the same text;
* unseen_newspaper_bylines.txt: bylines under the headline glued to the first paragraph, a one-line
  byline, a headline in quotation marks, a byline at the end.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from build_edition.read.catalog import CatalogueEntry, load_catalog
from build_edition.evidence.lexicon import Lexicon
from build_edition.core.model import Document
from build_edition.passes import run_pipeline
from build_edition.read.seed_reader import read_lines

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent
SEED_TEXTS = [(ROOT / "seeds" / e.source).read_text(encoding="utf-8")
              for e in load_catalog(ROOT / "seeds" / "catalog.yml", ROOT / "seeds")]
CHAPTERS = ["Дала өркениетінің бастаулары", "Тәуелсіздіктің алғашқы жылдары", "Тіл мен мәдениет саясаты",
            "Жаңа ғасыр табалдырығында"]


def norm(text: str) -> str:
    return " ".join(text.split())


def build(name: str, kind: str, authors: list[str]) -> Document:
    text = (DATA / name).read_text(encoding="utf-8")
    entry = CatalogueEntry(slug="unseen", source=name, title="Дала мен қала арасындағы көпірлер: очерктер", authors=authors,
                  publication="test", date="2020", kind=kind, language="kk")
    doc = Document("unseen", kind, name, text, meta={"entry": entry})
    read_lines(doc)
    doc.meta["lexicon"] = Lexicon.from_texts(SEED_TEXTS + [text])   # the corpus evidence a new document meets
    return run_pipeline(doc)


@pytest.fixture(scope="module")
def once_only():
    return build("unseen_book_once_only_heads.txt", "book", ["Сәуле Жақсыбекова"])


@pytest.fixture(scope="module")
def chapter_heads():
    return build("unseen_book_chapter_heads.txt", "book", ["Сәуле Жақсыбекова"])


def test_once_only_running_heads_and_page_numbers_are_removed(once_only):
    removed = [(r.rule, r.line, norm(r.text)) for r in once_only.removals]
    assert removed == [
        ("remove_furniture:page_number", 14, "7"), ("remove_furniture:running_head", 16, "Дала сазы"),
        ("remove_furniture:page_number", 30, "8"), ("remove_furniture:running_head", 32, "Уақыт пен кеңістік"),
        ("remove_furniture:page_number", 39, "9"),
        ("remove_furniture:page_number", 54, "10"), ("remove_furniture:running_head", 56, "Өткен мен бүгін"),
        ("remove_furniture:page_number", 70, "11"), ("remove_furniture:running_head", 72, "Заман келбеті"),
        ("remove_furniture:page_number", 78, "12"),
        ("remove_furniture:page_number", 93, "13"), ("remove_furniture:running_head", 95, "Жол үстінде"),
        ("remove_furniture:page_number", 109, "14"),
        ("remove_furniture:page_number", 124, "15"), ("remove_furniture:running_head", 126, "Тарихи очерктер"),
    ]


def test_sentences_run_on_across_removed_heads(once_only):
    text = norm(" ".join(b.text for b in once_only.blocks))
    assert "билердің қолында шоғырланды, ал маңызды" in text
    assert "Әрбір жаңа табылған қорған немесе тас мүсін" in text
    for head in ("Дала сазы", "Уақыт пен кеңістік", "Өткен мен бүгін", "Заман келбеті", "Жол үстінде"):
        assert head not in text


@pytest.mark.parametrize("fixture", ["once_only", "chapter_heads"])
def test_unnumbered_chapter_titles_are_headings(fixture, request):
    doc = request.getfixturevalue(fixture)
    headings = [(b.level, norm(b.text)) for b in doc.blocks if b.kind == "heading"]
    assert headings == [(2, title) for title in CHAPTERS]
    assert all(b.attrs.get("page_title") for b in doc.blocks if b.kind == "heading")


def test_a_chapter_title_repeated_by_its_running_heads_stays(chapter_heads):
    kept = {norm(b.text) for b in chapter_heads.blocks}
    removed = [(r.line, norm(r.text)) for r in chapter_heads.removals if not r.text.strip().isdigit()]
    assert set(CHAPTERS) <= kept
    # the heads: the chapter title on odd pages, the author on even ones; never the title opening a chapter
    assert removed == [(17, CHAPTERS[0]), (33, "Сәуле Жақсыбекова"), (58, "Сәуле Жақсыбекова"), (74, CHAPTERS[1]),
                       (98, CHAPTERS[2]), (130, CHAPTERS[3])]


def test_newspaper_bylines_stand_apart_from_the_text():
    doc = build("unseen_newspaper_bylines.txt", "newspaper", ["various"])
    shape = [(b.kind, b.level, norm(b.text)[:30]) for b in doc.blocks]
    assert shape == [
        ("heading", 2, "ЖАСТАР ЖҰМЫСПЕН ҚАМТЫЛАДЫ"), ("byline", 0, "Айгүл СӘРСЕНБАЕВА, «Егемен Қаз"),
        ("paragraph", 0, "Облыс әкімдігінде өткен кеңейт"), ("paragraph", 0, "Әкімнің орынбасары Әлімбаевтың"),
        ("heading", 2, "«Туған жерге туыңды тік»"), ("byline", 0, "Ерлан ОМАРОВ, Түркістан облысы"),
        ("paragraph", 0, "Ауылдағы мектептің түлектері е"), ("paragraph", 0, "Өңірдің ардагерлері жастардың "),
        ("heading", 2, "КІТАПХАНА ЖАҢА ҚЫРЫНАН АШЫЛДЫ"), ("byline", 0, "Дана ҚАСЫМОВА, журналист"),
        ("paragraph", 0, "Қала кітапханасы жаңғыртудан к"), ("paragraph", 0, "Кітапхана қызметкерлері оқырма"),
        # no byline, note or catalogue entry tells a new article from a subheading here: the rule reads one
        ("heading", 3, "ЕГІН ОРАҒЫ ҚЫЗЫП ЖАТЫР"), ("paragraph", 0, "Солтүстік өңірлерде астық жина"),
        ("paragraph", 0, "Шаруашылық басшылары техниканы"), ("byline", 0, "Нұрбек ТӨЛЕУОВ, Ақмола облысы"),
    ]


def test_a_page_break_with_the_running_title_and_a_labelled_chapter_title():
    """002's page furniture (number, book title, chapter title) inside a sentence, where the chapter title is
    also the catalogue title (found first as a running title), and a chapter title with a label in words."""
    chapter = "Бірінші бөлім. Көшпелі өркениеттің тарихи тамырлары"
    text = (f"{chapter}\n\nҰлы дала төсінде өмір сүрген көшпелі халықтардың тарихы адамзат \n"
            "өркениетінің ажырамас бөлігі болып табылады. Бұл жұмыстар ұлттық \nбірегейлікті нығайтуға қыз-\n\n\n\n55\n\n"
            f"Ұлы дала өркениеті\n\n{chapter}\n\nмет етеді. Көшпелі өркениеттің құндылықтары бүгін де маңызды.\n")
    entry = CatalogueEntry(slug="unseen", source="x.txt", title=chapter, authors=["unknown"], publication="test",
                  date="2020", kind="book", language="kk")
    doc = Document("unseen", "book", "x.txt", text, meta={"entry": entry})
    read_lines(doc)
    doc.meta["lexicon"] = Lexicon.from_texts(SEED_TEXTS + [text])
    run_pipeline(doc)
    assert [(r.line, norm(r.text)) for r in doc.removals] == [(9, "55"), (11, "Ұлы дала өркениеті"), (13, chapter)]
    assert [(b.kind, b.level, norm(b.text)[:25]) for b in doc.blocks] == [
        ("heading", 2, chapter[:25]), ("paragraph", 0, "Ұлы дала төсінде өмір сүр")]
    assert "нығайтуға қызмет етеді." in doc.blocks[1].text


def test_a_byline_with_broken_letters_is_told_from_the_text_under_it():
    """000's fonts print Ә/Ө as other characters inside bylines too; the byline still stands apart."""
    text = ("СУ ЖОЛЫ ЖӨНДЕЛДІ\n\n/лия ;БДІҚАДЫР,\nАқтөбе облысы\nАуылдағы ескі су құбыры биыл толық \n"
            "ауыстырылды. Бұл жұмысқа облыс бюд-\nжетінен қаржы бөлінді.\n")
    entry = CatalogueEntry(slug="unseen", source="x.txt", title="«Жаңа газет» нөмірі", authors=["various"], publication="test",
                  date="2020", kind="newspaper", language="kk")
    doc = Document("unseen", "newspaper", "x.txt", text, meta={"entry": entry})
    read_lines(doc)
    doc.meta["lexicon"] = Lexicon.from_texts(SEED_TEXTS + [text])
    run_pipeline(doc)
    assert [(b.kind, norm(b.text)[:23]) for b in doc.blocks] == [
        ("heading", "СУ ЖОЛЫ ЖӨНДЕЛДІ"), ("byline", "Әлия ;БДІҚАДЫР, Ақтөбе "), ("paragraph", "Ауылдағы ескі су құбыры")]
    # (the surname's `;` is left for the editors: neither Ә nor Ө makes a word the evidence knows)


def test_a_byline_in_ordinary_capitals_under_the_headline():
    """Web-born newspaper pages sign with the name in ordinary capitals, right under the headline."""
    text = ("ЖАСТАР ЖҰМЫСҚА ОРНАЛАСТЫ\n\nАйгүл Сейітқызы\nОблыс әкімдігінде өткен жиында \nжастарды жұмыспен "
            "қамту мәсе-\nлесі талқыланды. Биыл өңірде үш \nмыңнан астам жас маман жұмысқа \nорналасты.\n")
    entry = CatalogueEntry(slug="unseen", source="x.txt", title="«Жаңа газет» нөмірі", authors=["various"], publication="test",
                  date="2020", kind="newspaper", language="kk")
    doc = Document("unseen", "newspaper", "x.txt", text, meta={"entry": entry})
    read_lines(doc)
    doc.meta["lexicon"] = Lexicon.from_texts(SEED_TEXTS + [text])
    run_pipeline(doc)
    assert [(b.kind, norm(b.text)[:23]) for b in doc.blocks] == [
        ("heading", "ЖАСТАР ЖҰМЫСҚА ОРНАЛАСТ"), ("byline", "Айгүл Сейітқызы"), ("paragraph", "Облыс әкімдігінде өткен")]


def test_a_longer_book_from_the_unseen_texts_keeps_its_chapters_and_loses_its_furniture():
    """The four clean book texts of the unseen harness as the chapters of one book (their labels dropped:
    unnumbered chapters), damaged by its simulator with a page every 12 lines (page number, author or
    book title, chapter title, often inside a sentence), each chapter on a new page."""
    import dataclasses

    from rapidfuzz.distance import Levenshtein

    from build_edition.tools.simulate_damage import BOOK, damage
    from build_edition.tools.unseen import DATA, clean_paragraphs

    style = dataclasses.replace(BOOK, page_lines=12)
    parts, clean, titles = [], [], []
    for k, name in enumerate(["book-dala.txt", "book-baspasoz.txt", "book-til.txt", "book-ekonomika.txt"]):
        paragraphs = clean_paragraphs((DATA / name).read_text(encoding="utf-8"))
        paragraphs[0] = paragraphs[0].split(". ", 1)[1]
        titles.append(paragraphs[0])
        damaged = damage(paragraphs, style, seed=k, title="Дала мен қала", author="Ерлан Әбдіғалиев",
                         chapter=paragraphs[0])
        parts.append((f"\n\n\n\n{40 + k}\n\n" if k else "") + damaged.text)
        clean += paragraphs
    text = "".join(parts)
    entry = CatalogueEntry(slug="unseen", source="x.txt", title="Ұлы дала мен жаңа заман: очерктер",
                  authors=["Ерлан Әбдіғалиев"], publication="test", date="2020", kind="book", language="kk")
    doc = Document("unseen", "book", "x.txt", text, meta={"entry": entry})
    read_lines(doc)
    doc.meta["lexicon"] = Lexicon.from_texts(SEED_TEXTS + [text])
    run_pipeline(doc)
    assert [norm(b.text) for b in doc.blocks if b.kind == "heading"] == titles
    restored = " ".join(norm(b.text) for b in doc.blocks)
    assert Levenshtein.distance(restored, norm(" ".join(clean))) == 0


def test_bylines_of_the_unseen_newspaper_texts_stand_apart():
    """The unseen harness's four newspaper texts, damaged by its simulator, each signed: three bylines
    under the headline run together with the first paragraph (no blank line), one at the end."""
    from build_edition.tools.simulate_damage import NEWSPAPER, damage
    from build_edition.tools.unseen import DATA, clean_paragraphs

    bylines = [("Айгүл СӘРСЕНБАЕВА,", "«Егемен Қазақстан»"), ("Ерлан ӘБДІҚАДЫРОВ,", "Ақтөбе облысы"),
               ("Дана ӨТЕПОВА, журналист",), ("Нұрбек ТӨЛЕУОВ,", "Ақмола облысы")]
    parts = []
    for k, name in enumerate(["news-astyq.txt", "news-mektep.txt", "news-teatr.txt", "news-su.txt"]):
        damaged = damage(clean_paragraphs((DATA / name).read_text(encoding="utf-8")), NEWSPAPER, seed=k).text
        headline, _, body = damaged.partition("\n\n")
        if k < 3:
            parts.append(headline + "\n\n" + "\n".join(bylines[k]) + "\n" + body)
        else:
            parts.append(damaged.rstrip("\n") + "\n\n" + "\n".join(bylines[k]) + "\n")
    text = "\n\n".join(parts)
    entry = CatalogueEntry(slug="unseen", source="x.txt", title="«Жаңа газет» нөмірі", authors=["various"], publication="test",
                  date="2020", kind="newspaper", language="kk")
    doc = Document("unseen", "newspaper", "x.txt", text, meta={"entry": entry})
    read_lines(doc)
    doc.meta["lexicon"] = Lexicon.from_texts(SEED_TEXTS + [text])
    run_pipeline(doc)
    assert [norm(b.text) for b in doc.blocks if b.kind == "byline"] == [" ".join(b) for b in bylines]
