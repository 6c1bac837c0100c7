"""The site navigation of a document nests its parts (issue 21): the book's chapters hold their pages,
labels are the book's own headings, unique, and the book's outline has no missing numbers."""
from __future__ import annotations

import re

import pytest
import yaml

from build_edition.write.writer import render_edition, split_pages

BOOK = "chebotarev-political-thought"


@pytest.fixture(scope="module")
def nav(corpus_docs) -> list:
    return yaml.safe_load(render_edition(list(corpus_docs.values()))["_nav.yml"])


def section(nav: list, label: str) -> list:
    return next(item[label] for item in nav if isinstance(item, dict) and label in item)


def leaves(node) -> list[tuple[str, str]]:
    if isinstance(node, list):
        return [leaf for item in node for leaf in leaves(item)]
    if isinstance(node, dict):
        return [leaf for label, value in node.items()
                for leaf in ([(label, value)] if isinstance(value, str) else leaves(value))]
    return []


def sibling_labels(node) -> list[list[str]]:
    if not isinstance(node, list):
        return []
    labels = [next(iter(item)) for item in node if isinstance(item, dict)]
    return [labels] + [x for item in node if isinstance(item, dict) for x in sibling_labels(next(iter(item.values())))]


def test_labels_are_unique_among_their_siblings(nav):
    for labels in sibling_labels(nav):
        assert len(labels) == len(set(labels)), [x for x in labels if labels.count(x) > 1]


def test_the_book_is_nested_by_chapter_and_keeps_every_page_file(nav, corpus_docs):
    book = section(nav, "Чеботарёв: саяси ойтаным")
    files = [f"{BOOK}/{p.file}" for p in split_pages(corpus_docs[BOOK])]
    assert [path for _, path in leaves(book)] == files            # every page once, in order, same addresses
    top = [next(iter(item)) for item in book if isinstance(item, dict)]
    chapters = [label for label in top if re.match(r"^[IVX]+-тарау\. ", label)]
    assert [c.split("-")[0] for c in chapters] == ["I", "II", "III", "IV", "V", "VI"]
    assert top[:4] == ["Автор туралы", "Алғысөз (Сұлтан Әкімбеков, Мұрат Лаумулин)", "Алғысөз",
                       "Қысқартулар мен аббревиатуралар"]
    assert top[-3:] == ["Қорытынды", "Баспагер туралы", "Шығу деректері"]
    assert len(top) == 13 and len(files) == 63                   # was one flat list of 63
    # no label counts the site's pages ("(4-бөлім)"): a page is named by the book's headings
    assert not [label for label, _ in leaves(book) if re.search(r"\(\d+-бөлім\)", label)]


def test_chapter_pages_are_labelled_with_the_books_headings(nav, corpus_docs):
    book = section(nav, "Чеботарёв: саяси ойтаным")
    first = section(book, "I-тарау. Егемен Қазақстанның саяси ойын қалыптастыру алғышарттары")
    assert [next(iter(item)) for item in first] == ["1. Негізгі тенденциялар мен процестер", "2. Ресми тәсіл",
                                                   "3. Әртүрлі әлеуметтік-саяси балама", "4. Кейбір нәтижелер"]
    fourth = [label for label, _ in leaves(section(book, "IV-тарау. Саяси «шайқастар» мен реформалар арасында (2001-2007 жж.)"))]
    assert "2. Саяси реформалар туралы пікірталас (2.1)" in fourth
    assert fourth[fourth.index("2.7. «Конституционалистердің» көзқарасы (3)") + 1:][:2] == [
        "3. Оппозициялық либералды-демократиялық ой (жалғасы)", "3. Оппозициялық либералды-демократиялық ой (соңы)"]
    headings = {" ".join(b.text.split()) for b in corpus_docs[BOOK].blocks if b.kind == "heading"}
    for label, _ in leaves(book):
        own = re.sub(r" \((?:жалғасы|соңы|[\d., ]+|[^()]*Лаумулин)\)$", "", label)
        assert own in headings or own in {"Автор туралы", "Қысқартулар мен аббревиатуралар", "Қорытынды",
                                          "Баспагер туралы", "Шығу деректері"}, label


def test_no_number_of_the_books_outline_is_missing_in_a_chapter(nav):
    book = section(nav, "Чеботарёв: саяси ойтаным")
    for item in book:
        if not isinstance(item, dict) or not isinstance(next(iter(item.values())), list):
            continue
        numbers = set()
        for label, _ in leaves(next(iter(item.values()))):
            m = re.match(r"^(\d+(?:\.\d+)?)\. ", label)
            if m and not label.endswith(("(жалғасы)", "(соңы)")):
                numbers.add(m.group(1))
            extra = re.search(r"\(([\d., ]+)\)$", label)
            if extra:
                numbers.update(extra.group(1).split(", "))
        sections = sorted({int(n.split(".")[0]) for n in numbers})
        assert sections == list(range(1, len(sections) + 1)), (next(iter(item)), sorted(numbers))
        for s in sections:
            subs = sorted(int(n.split(".")[1]) for n in numbers if n.startswith(f"{s}."))
            assert subs == list(range(1, len(subs) + 1)), (next(iter(item)), s, subs)
