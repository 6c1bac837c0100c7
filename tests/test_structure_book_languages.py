"""Languages of the book's blocks (structure_book): the real book 002 and hostile made-up books.

The expected languages were read off the seed (002 ends with the publisher's pages in Kazakh, Russian
and English, then a Kazakh colophon), not produced by the code under test.
"""
from __future__ import annotations

import pytest

from build_edition.text.line_shapes import paragraphs_of
from build_edition.core.model import Document
from build_edition.passes.structure import structure_book


def norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def book(docs_by_seed):
    return docs_by_seed["002"]


def languages(text: str) -> list[tuple[str, str]]:
    doc = Document("x", "book", "x.txt", text)
    doc.blocks = paragraphs_of(doc)
    structure_book.run(doc)
    return [(b.lang, norm(b.text)[:20]) for b in doc.blocks]


# -- the real book ------------------------------------------------------------------------------

RUSSIAN_PAGE = ["Казахстанский институт", "Основной задачей КИСИ", "За 28 лет деятельности", "КИСИ является уникальной",
                "Адрес и контактные телефоны", "Республика Казахстан, 010000", "KAZ_ISS", "ISS.Kazakhstan"]
ENGLISH_PAGE = ["The Kazakhstan Institute", "The main task of the KazISS", "For 28 years of activity",
                "KazISS is a unique", "Address and contact phone", "Republic of Kazakhstan, 010000", "KAZ_ISS",
                "ISS.Kazakhstan"]
COLOPHON = ["010000, Нұр-Сұлтан қ.", "«Надежда 2050» баспаханасында", "Андрей Чеботарёв",
            "ЕГЕМЕН ҚАЗАҚСТАНДАҒЫ САЯСИ ОЙТАНЫМ"]


def test_only_the_publishers_russian_and_english_pages_are_foreign(book):
    foreign = [(b.lang, norm(b.text)) for b in book.blocks if b.lang != "kk"]
    expected = [("ru", t) for t in RUSSIAN_PAGE] + [("en", t) for t in ENGLISH_PAGE]
    assert [(lang, text[:len(start)]) for (lang, text), (_, start) in zip(foreign, expected)] == expected
    assert len(foreign) == len(expected)


def test_kazakh_colophon_after_the_english_page_is_kazakh(book):
    """The colophon's lines are short; they used to inherit English from the page before them."""
    texts = [norm(b.text) for b in book.blocks]
    last_english = max(i for i, b in enumerate(book.blocks) if b.lang == "en")
    colophon = book.blocks[last_english + 1:]
    assert [norm(b.text)[:len(start)] for b, start in zip(colophon, COLOPHON)] == COLOPHON
    assert {b.lang for b in colophon} == {"kk"}
    assert any(t.startswith("ЕГЕМЕН ҚАЗАҚСТАНДАҒЫ") for t in texts[last_english + 1:])


def test_kazakh_paragraph_with_an_untranslated_russian_passage_stays_kazakh(book):
    """Seed line 17023: a Kazakh sentence, then two longer Russian sentences left untranslated."""
    block = next(b for b in book.blocks if norm(b.text).startswith("Еуразиялық интеграцияға қатысты ресми саясатқа"))
    assert "С данной инициативой в сентябре 2012 года" in norm(block.text)
    assert block.lang == "kk"


def test_russian_address_with_a_kazakh_street_name_stays_russian(book):
    address = next(b for b in book.blocks if norm(b.text).startswith("Республика Казахстан, 010000 г. Нур-Султан"))
    assert "Бейбітшілік" in address.text and address.lang == "ru"
    quoting = next(b for b in book.blocks if norm(b.text).startswith("За 28 лет деятельности"))
    assert "«Қоғам және Дәуір»" in quoting.text and quoting.lang == "ru"


# -- hostile and made-up inputs -----------------------------------------------------------------

ENGLISH = ("The Institute publishes three journals and keeps its own website in three languages, "
           "Kazakh, Russian and English.")
RUSSIAN = ("Институт издаёт три журнала и ведёт собственный сайт на трёх языках: казахском, русском "
           "и английском.")
KAZAKH = ("Институт үш журнал шығарады және қазақ, орыс, ағылшын тілдерінде өз сайтын жүргізеді, "
          "әлеуметтік желілерде парақшалары бар.")


def test_short_kazakh_line_after_english_is_kazakh_and_carries_on():
    assert languages(f"{ENGLISH}\n\nАлматы қ., Әл-Фараби даңғылы, 71.\n\nИван Петров\n\nKAZ_ISS") == [
        ("en", ENGLISH[:20]), ("kk", "Алматы қ., Әл-Фараби"), ("kk", "Иван Петров"), ("kk", "KAZ_ISS")]


def test_cyrillic_line_after_english_is_not_english():
    assert languages(f"{ENGLISH}\n\nИван Петров")[1] == ("ru", "Иван Петров")


def test_latin_handles_and_numbers_keep_the_language_before_them():
    assert [lang for lang, _ in languages(f"{RUSSIAN}\n\nKAZ_ISS\n\n* * *\n\n4.\n\nwww.kisi.kz")] == ["ru"] * 5
    assert [lang for lang, _ in languages(f"{KAZAKH}\n\nKAZ_ISS\n\n2021")] == ["kk"] * 3


def test_short_russian_looking_line_in_kazakh_text_stays_kazakh():
    """Kazakh words need not have Kazakh letters (`баспаханасында басылды`): no evidence against Kazakh."""
    assert languages(f"{KAZAKH}\n\nбаспаханасында басылды\n\nАндрей Чеботарёв") == [
        ("kk", KAZAKH[:20]), ("kk", "баспаханасында басыл"), ("kk", "Андрей Чеботарёв")]


def test_short_line_with_a_kazakh_name_inside_russian_stays_russian():
    assert languages(f"{RUSSIAN}\n\nг. Нур-Султан, ул. Бейбітшілік, 4")[1][0] == "ru"
    assert languages(f"{RUSSIAN}\n\nНұр-Сұлтан қ., Бейбітшілік көш., 4")[1][0] == "kk"     # negative case


def test_long_blocks_read_their_own_language_whatever_comes_before():
    assert [lang for lang, _ in languages(f"{KAZAKH}\n\n{RUSSIAN}\n\n{ENGLISH}\n\n{KAZAKH}")] == ["kk", "ru", "en", "kk"]


def test_block_opening_in_russian_stays_russian_and_opening_in_kazakh_stays_kazakh():
    russian_first = f"{RUSSIAN} В Алматы выходит журнал «Қоғам және Дәуір», а также «Қазақ әдебиеті». {RUSSIAN}"
    kazakh_first = f"{KAZAKH} {RUSSIAN} {RUSSIAN}"
    assert [lang for lang, _ in languages(f"{russian_first}\n\n{kazakh_first}")] == ["ru", "kk"]


def test_initials_do_not_cut_the_opening_sentence():
    """`М.В. Ломоносов`: cut after `М.В.` the opening would read as Russian (`в` is a Russian word)."""
    text = ("1994 жылғы 29 наурызда Ресей Федерациясына ресми сапары барысында ҚР Президенті Нұрсұлтан "
            "Назарбаев М.В. Ломоносов атындағы Мәскеу мемлекеттік университетінде болып, сөз сөйледі.")
    assert languages(f"{text} {RUSSIAN} {RUSSIAN}")[0][0] == "kk"


def test_book_without_letters_or_blocks():
    assert languages("") == []
    assert [lang for lang, _ in languages("* * *\n\n2021\n\n4.")] == ["kk"] * 3
