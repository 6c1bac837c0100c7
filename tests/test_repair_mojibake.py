"""repair_mojibake: cp1251 bytes shown as Latin-1, decoded per run; real Latin text untouched."""
from __future__ import annotations

import pytest

from build_edition.core.model import Document
from build_edition.passes.chars import normalize_characters
from build_edition.passes.chars import repair_mojibake
from build_edition.build.pipeline import read_documents
from build_edition.read.seed_reader import read_lines

RULE = "repair_mojibake"


def repaired(text: str) -> Document:
    doc = Document("x", "article", "x.txt", text)
    read_lines(doc)
    repair_mojibake.run(doc)
    return doc


@pytest.fixture(scope="module")
def docs(entries, project):
    """Every seed right after the character passes."""
    out = {}
    for doc in read_documents(entries, project.seeds):
        normalize_characters.run(doc)
        repair_mojibake.run(doc)
        out[doc.seed_name[:3]] = doc
    return out


def line_text(doc: Document, line: int) -> str:
    return "".join(b.text for b in doc.blocks if doc.line_span(b)[0] == line)


def test_journal_masthead_of_the_article_is_decoded(docs):
    article = docs["003"]
    assert line_text(article, 2) == "МЕМЛЕКЕТТІК государственное"
    assert line_text(article, 3) == "управление и"
    assert line_text(article, 4) == "государственная"
    assert line_text(article, 5) == "служба"


def test_correct_cyrillic_letter_inside_the_mojibake_word_is_kept(docs):
    article = docs["003"]
    block = next(b for b in article.blocks if article.line_span(b)[0] == 2)
    i = block.text.index("І")
    # the І still comes from its own seed character, it was not re-decoded
    assert article.source[block.origin[i]] == "І"
    assert not any(e.before and "І" in e.before for e in article.emendations)


def test_every_decoded_run_is_logged_on_its_line(docs):
    logged = [e for e in docs["003"].emendations if e.rule == RULE]
    assert {e.line for e in logged} == {2, 3, 4, 5}
    assert ("è", "и") in {(e.before, e.after) for e in logged}
    assert all(e.after.isalpha() and all("\u0400" <= c <= "\u04ff" for c in e.after) for e in logged)


def test_other_seeds_and_the_english_abstract_are_untouched(docs):
    for seed in ("000", "001", "002", "004"):
        assert not [e for e in docs[seed].emendations if e.rule == RULE]
    assert "In this article the author considers" in line_text(docs["003"], 43)


@pytest.mark.parametrize("text", [
    "café, naïve, Müller, Québec",
    "La vie è belle",                       # a lone è in a real Latin line
    "Ça va? À bientôt",
    "Ол «Éclair» деді",                      # one accented Latin word in Kazakh text
    "Ñandú",
])
def test_real_latin_words_are_not_repaired(text):
    doc = repaired(text)
    assert doc.blocks[0].text == text
    assert doc.emendations == []


def test_kazakh_letters_of_kz1048_are_decoded():
    # "Әдебиет" in KZ-1048 bytes read as Latin-1: Ә is 0xA3 (£)
    mojibake = "Әдебиет өнер".encode("kz1048").decode("latin-1")
    doc = repaired(mojibake)
    assert doc.blocks[0].text == "Әдебиет өнер"


def test_lone_mojibake_letter_is_decoded_only_on_a_mojibake_line():
    assert repaired("óïðàâëåíèå è").blocks[0].text == "управление и"
    assert repaired("è").blocks[0].text == "è"
