"""Paragraph reconstruction on the real seeds (cases from the gold notes) and on hostile inputs."""
from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from build_edition.core.model import Document
from build_edition.passes.lines import assemble_paragraphs
from build_edition.read.seed_reader import read_lines
from tests.conftest import SHARED


def norm(text: str) -> str:
    return " ".join(text.split())


def assemble(text: str, kind: str = "book", overrides: dict | None = None) -> list[str]:
    doc = Document("x", kind, "x.txt", text)
    if overrides is not None:
        doc.meta["entry"] = SimpleNamespace(overrides=overrides, line=1)
    read_lines(doc)
    assemble_paragraphs.run(doc)
    return [b.text for b in doc.blocks]


def block_with(doc: Document, needle: str):
    found = [b for b in doc.blocks if needle in norm(b.text)]
    assert found, f"no block holds {needle!r}"
    return found[0]


def starts_block(doc: Document, line: int) -> bool:
    return any(b.origin and doc.line_of(b.origin[0]) == line for b in doc.blocks)


# -- gold cases on the real seeds ---------------------------------------------------------------

def test_blank_line_inside_a_sentence_is_joined(docs_by_seed):
    # 000 line 1814 and 001 line 138: column breaks inside sentences (gold notes)
    assert "бірқатар ірі кәсіпорындардың табысы азайды" in norm(block_with(docs_by_seed["000"], "Үшіншіден, бірқатар").text)
    assert block_with(docs_by_seed["001"], "Былтырғы тасқын еліміз үшін зор сынақ болды").kind == "answer"
    # 000 lines 1169/1171: the blank line falls before a capitalised word ("Кемелұлы" / "Тоқаевтың")
    assert "Кемелұлы Тоқаевтың" in norm(block_with(docs_by_seed["000"], "Кемелұлы Тоқаевтың").text)


def test_word_split_by_a_page_break_is_rejoined(docs_by_seed):
    # 002 lines 9443-9453: "са-" / page number, running heads / "ясат"
    doc = docs_by_seed["002"]
    block = block_with(doc, "экономика, содан кейін саясат қағидаты бойынша")
    assert doc.line_span(block)[0] < 9447 < doc.line_span(block)[1]
    # 000 line 183: "бұ зы-" / blank / "луы" (column break inside a word)
    assert block_with(docs_by_seed["000"], "бұзылуы ХХІ ғасырдың").text.startswith("Осылайша, қалыптасқан")


def test_displaced_blank_line_moves_the_break_back(docs_by_seed):
    # 003: the blank lines 232 and 241 fall inside sentences; the paragraphs start at 231 and 240
    doc = docs_by_seed["003"]
    assert starts_block(doc, 231) and starts_block(doc, 240)
    assert not starts_block(doc, 233) and not starts_block(doc, 242)
    assert block_with(doc, "Біріншіден, қазақ халқы").text.count("ядролық қуаттылығымен") == 1


def test_list_items_and_signature_lines_stay_apart(docs_by_seed):
    book = docs_by_seed["002"]
    for line in range(14524, 14534):          # "1. Тарихи уақыттың үдеуі." … "10. …"
        assert starts_block(book, line), line
    assert starts_block(book, 14534)          # "Соңғы жағдайда…" after the list, blank line displaced
    name = block_with(book, "Мұрат Лаумулин")
    assert norm(name.text) == "Мұрат Лаумулин"
    assert norm(book.blocks[book.blocks.index(name) + 1].text) == "2021 жыл"


def test_abbreviation_entries_are_one_paragraph_each(docs_by_seed):
    book = docs_by_seed["002"]
    entry = block_with(book, "ТЖК – азаматтық қоғамды")   # wrapped over four source lines and a blank line
    assert norm(entry.text).endswith("тұрақты жұмыс істейтін кеңес")
    assert norm(block_with(book, "ҚХК – Қазақстанның халық конгресі").text) == "ҚХК – Қазақстанның халық конгресі"


def test_headlines_and_bylines_are_not_glued_to_body_text(docs_by_seed):
    paper = docs_by_seed["000"]
    byline = block_with(paper, "Мәулен ӘШІМБАЕВ")
    assert norm(byline.text) == "Мәулен ӘШІМБАЕВ, ҚР Парламенті Сенатының Төрағасы"
    subheading = block_with(paper, "ТАРИХ ТАСҚЫНЫНДА")
    assert norm(subheading.text) == "ТАРИХ ТАСҚЫНЫНДА ЖОҒАЛМАУ"


def test_one_paragraph_per_long_line_in_web_text(docs_by_seed):
    doc = docs_by_seed["004"]
    for line in (16, 17, 18):     # three short one-sentence paragraphs between long ones
        assert starts_block(doc, line)


def test_gold_paragraph_count_matches_where_furniture_is_gone(docs_by_seed):
    """In the gold passages of the well-printed seeds, the edition has exactly the gold's paragraphs."""
    records = [json.loads(line) for line in (SHARED / "gold" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    for rec in records:
        if rec["seed"][:3] not in ("001", "002", "003", "004"):
            continue
        doc = docs_by_seed[rec["seed"][:3]]
        starts = []
        for block in doc.blocks:
            lines = [doc.line_of(o) for o in block.origin]
            inside = [n for n in lines if rec["start_line"] <= n <= rec["end_line"]]
            if inside:
                starts.append(norm(block.text)[:25])
        assert len(starts) == len(rec["gold_paragraphs"]), (rec["seed"][:3], rec["start_line"], starts)


# -- hostile and edge inputs --------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "\n\n\n", "   \n \t\n"])
def test_empty_input_gives_no_paragraphs(text):
    assert assemble(text) == []


def test_single_line_and_punctuation_only_lines():
    assert assemble("Жалғыз жол") == ["Жалғыз жол"]
    assert assemble("* * *\n\n—\n\n...") == ["* * *", "—", "..."]


def test_real_hyphen_before_a_capital_after_a_blank_line_is_not_joined():
    # "Алматы-" ends a sentence fragment; the next paragraph starts with a capital after a blank line
    assert assemble("Бұл жол Алматы-\n\nАстана бағыты ашылды.") == ["Бұл жол Алматы-", "Астана бағыты ашылды."]


def test_sentence_end_then_lowercase_after_blank_is_not_joined_across_a_full_stop():
    assert assemble("Бірінші абзац бітті.\n\nекінші абзац кіші әріппен басталады.") == [
        "Бірінші абзац бітті.", "екінші абзац кіші әріппен басталады."]


def test_dialogue_turns_start_paragraphs_without_blank_lines():
    assert assemble("– Қалайсыз?\n– Жақсы, рақмет.") == ["– Қалайсыз?", "– Жақсы, рақмет."]
    # a dash inside a sentence continues it
    assert assemble("Ұлттық қор\n– балаларға бағдарламасы басталды.") == ["Ұлттық қор\n– балаларға бағдарламасы басталды."]


def test_lone_list_marker_in_prose_numbers_do_not_split():
    # "1 наурызда" is a date, not a marker
    assert assemble("1995 жылы\n1 наурызда Ассамблея құрылды.") == ["1995 жылы\n1 наурызда Ассамблея құрылды."]


def test_forced_paragraph_start_from_the_catalogue():
    text = "Мәтін бітті.\n Институт туралы мәлімет."
    assert assemble(text) == ["Мәтін бітті.\n Институт туралы мәлімет."]
    assert assemble(text, overrides={"paragraph_starts": [2]}) == ["Мәтін бітті.", " Институт туралы мәлімет."]


def test_non_line_blocks_do_not_split_a_paragraph():
    doc = Document("x", "newspaper", "x.txt", "Сөйлем осы жерде\n(Жалғасы 2-бетте)\nжалғасады.")
    read_lines(doc)
    note = doc.blocks[1]
    note.kind = "note"
    assemble_paragraphs.run(doc)
    assert [b.kind for b in doc.blocks] == ["paragraph", "note"]
    assert doc.blocks[0].text == "Сөйлем осы жерде\nжалғасады."
