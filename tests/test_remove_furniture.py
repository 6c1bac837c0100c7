"""remove_furniture: page furniture out of the text (logged), structure and body text kept."""
from __future__ import annotations

import json

import pytest

from build_edition.read.catalog import CatalogueEntry
from build_edition.core.model import Document
from build_edition.passes.lines import assemble_paragraphs
from build_edition.passes.chars import normalize_characters
from build_edition.passes.lines import remove_furniture
from build_edition.passes.chars import repair_mojibake
from build_edition.build.pipeline import read_documents
from build_edition.read.seed_reader import read_lines
from tests.conftest import SHARED

GOLD = SHARED / "gold" / "dev.jsonl"


def norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def docs(entries, project):
    """Every seed right after this pass (the passes before it included, none after)."""
    out = {}
    for doc in read_documents(entries, project.seeds):
        for module in (normalize_characters, repair_mojibake, remove_furniture):
            module.run(doc)
        out[doc.seed_name[:3]] = doc
    return out


def removed_lines(doc: Document) -> dict[int, str]:
    return {r.line: norm(r.text) for r in doc.removals}


def kept_line(doc: Document, line: int) -> str:
    return norm("".join(b.text for b in doc.blocks if doc.line_span(b)[0] == line))


def gold_records():
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("record", gold_records(), ids=lambda r: f"{r['seed'][:3]}-{r['start_line']}")
def test_nothing_but_gold_furniture_is_removed_in_gold_passages(docs, record):
    doc = docs[record["seed"][:3]]
    mine = [norm(r.text) for r in doc.removals if record["start_line"] <= r.line <= record["end_line"]]
    gold = " | ".join(norm(t) for t in record["removed"])
    for text in mine:
        assert text in gold, f"removed {text!r}, which the gold keeps"


@pytest.mark.parametrize("record", [r for r in gold_records() if not r["seed"].startswith("000")],
                         ids=lambda r: f"{r['seed'][:3]}-{r['start_line']}")
def test_all_gold_furniture_is_removed(docs, record):
    doc = docs[record["seed"][:3]]
    mine = " ".join(norm(r.text) for r in doc.removals if record["start_line"] <= r.line <= record["end_line"])
    for text in record["removed"]:
        assert norm(text) in mine


def test_newspaper_page_rubric_is_removed_but_headline_pieces_stay(docs):
    paper = docs["000"]
    removed = removed_lines(paper)
    assert removed[1166] == "САЯСАТ"
    assert {r.rule for r in paper.removals} == {"remove_furniture:rubric"}
    # pieces of headlines set over several lines, or broken off from a headline printed elsewhere
    for line, text in [(2352, "ӨРКЕНДЕГЕН"), (3165, "КҮЗЕТШІСІ"), (3619, "ТАПШЫ"), (3594, "КӘСІП"),
                       (40, "ТАРИХТАН"), (1466, "POST SCRIPTUM"), (1134, "КЕЛЕШЕК К�КЖИЕГІ")]:
        assert line not in removed and kept_line(paper, line) == text


def test_newspaper_continuation_marks_become_notes(docs):
    notes = {b.attrs["continuation"]: b for b in docs["000"].blocks if b.kind == "note"}
    assert set(notes) == {"(Жалғасы 2,3,4,5-беттерде)", "Басы 1-бетте"}
    assert [docs["000"].line_span(b)[0] for b in notes.values()] == [89, 144]


def test_interview_running_headline_and_footers_are_removed_but_its_title_stays(docs):
    interview = docs["001"]
    removed = removed_lines(interview)
    title = "Қасым-Жомарт Тоқаев: «Мақсатым – экономиканы және егемендікті нығайту»"
    assert [line for line, text in removed.items() if text == title] == [1393, 1749, 2110, 2462]
    assert removed[655] == "5 қаңтар 2025 ж3 бет" and removed[1755] == "5 қаңтар 2025 ж6 бет"
    assert kept_line(interview, 1).startswith("Қасым-Жомарт Тоқаев")


def test_book_page_breaks_are_removed_whole(docs):
    book = docs["002"]
    removed = removed_lines(book)
    page_numbers = [line for line, text in removed.items() if text.isdigit()]
    assert len(page_numbers) == 18
    for line in page_numbers:
        # the author or the book title, then the chapter, follow every page number
        assert line + 2 in removed and line + 4 in removed
    assert removed[9449] == "Егемен Қазақстандағы саяси ойтаным: бастауы, дамуы, бүгіні"


def test_book_structure_is_not_furniture(docs):
    book = docs["002"]
    removed = removed_lines(book)
    for line in (28, 425,        # the two forewords' own headings "Алғысөз"
                 770,            # the list of abbreviations' title, where it first appears
                 876, 8955,      # chapter headings "I-тарау", "IV-тарау"
                 19565, 19567,   # the colophon: author and title in capitals
                 510, 519,       # a table header repeated on the next page with its second line
                 1, 10, 19572, 19580):   # the author's biography, printed twice
        assert line not in removed
    sections = [b for b in book.blocks if norm(b.text) == "1. Негізгі тенденциялар мен процестер"]
    assert len(sections) == 6


def test_running_head_between_two_halves_of_a_sentence_joins_them(docs):
    book = docs["002"]
    assert removed_lines(book)[393] == "Алғысөз"
    after = next(b for b in book.blocks if book.line_span(b)[0] == 394)
    assert after.attrs["blank_before"] is False
    page_top = next(b for b in book.blocks if book.line_span(b)[0] == 9453)   # "са-" / [page break] / "ясат"
    assert page_top.attrs["blank_before"] is False and page_top.attrs["page_break_before"]


def test_article_running_title_removed_title_heading_and_journal_name_kept(docs):
    article = docs["003"]
    removed = removed_lines(article)
    assert removed == {7: "25", 77: "Этносаралық келісім мен төзімділіктің", 78: "қазақстандық үлгісінің келешегі"}
    assert kept_line(article, 21) == "ЭТНОСАРАЛЫҚ КЕЛІСІМ МЕН ТӨЗІМДІЛІКТІҢ"
    assert kept_line(article, 2) == "МЕМЛЕКЕТТІК государственное"
    # a blank line stood before the running title: the next page starts a paragraph
    after = next(b for b in article.blocks if article.line_span(b)[0] == 79)
    assert after.attrs["blank_before"] is True


def test_web_page_navigation_and_chat_stamp_are_removed(docs):
    page = docs["004"]
    assert {(r.rule, norm(r.text)) for r in page.removals} == {
        ("remove_furniture:navigation", "Basty bet"), ("remove_furniture:chat_stamp", "[10:49, 11.02.2026] Аида:")}
    assert kept_line(page, 24).startswith("Премьер-министр Олжас Бектенов")
    assert kept_line(page, 33) == "*"          # the separator is structure, not furniture


def test_every_seed_character_is_kept_emended_or_logged_as_removed(docs):
    def visible(text: str) -> int:
        return sum(1 for ch in text if not ch.isspace())

    for doc in docs.values():
        kept = sum(visible(b.text) for b in doc.blocks)
        removed = sum(visible(r.text) for r in doc.removals)
        emended = sum(visible(e.before) - visible(e.after) for e in doc.emendations)
        assert kept + removed + emended == visible(doc.source), doc.seed_name


# -- hostile and synthetic inputs -------------------------------------------------------------

def run_on(text: str, kind: str = "book", title: str = "") -> Document:
    doc = Document("x", kind, "x.txt", text)
    if title:
        doc.meta["entry"] = CatalogueEntry(slug="x", source="x.txt", title=title, authors=[], publication="",
                                  date="unknown", kind=kind, language="kk")
    read_lines(doc)
    remove_furniture.run(doc)
    return doc


def test_empty_and_furniture_only_documents():
    assert run_on("   \n\n").blocks == []
    doc = run_on("\n12\n\n")
    assert doc.blocks == [] and [r.rule for r in doc.removals] == ["remove_furniture:page_number"]


def test_a_year_or_a_number_inside_text_is_not_a_page_number():
    doc = run_on("Бірінші.\n\n2026\n\nЕкінші.\n12\nмың адам.")
    assert doc.removals == []


def test_title_at_the_head_is_kept_and_its_repeat_is_removed():
    title = "Этносаралық келісім мен төзімділіктің қазақстандық үлгісінің келешегі"
    text = ("Этносаралық келісім мен төзімділіктің\nқазақстандық үлгісінің келешегі\n\nМәтін басталады.\n\n"
            + "Жол.\n" * 50 + "\nЭтносаралық келісім мен төзімділіктің қазақстандық үлгісінің келешегі\n Сондай-ақ соңы.")
    doc = run_on(text, kind="article", title=title)
    assert [norm(r.text) for r in doc.removals] == [title]
    assert doc.blocks[0].text == "Этносаралық келісім мен төзімділіктің"


def test_running_head_glued_before_the_next_line_is_cut_out():
    title = "Қасым-Жомарт Тоқаев: «Мақсатым – экономиканы және егемендікті нығайту»"
    text = "Бас.\n" * 45 + "береді.\n\n" + title + " – Елімізде сайлау бола ма?"
    doc = run_on(text, kind="interview", title=title)
    assert doc.blocks[-1].text == " – Елімізде сайлау бола ма?"
    assert [(r.rule, r.text.strip()) for r in doc.removals] == [("remove_furniture:running_head", title)]


def test_document_without_catalogue_entry_still_works():
    doc = run_on("Алғысөз\n\nМәтін.\n\nсаяси партияларға\n\nАлғысөз\n айналуға тырысатын.")
    assert [r.line for r in doc.removals] == [7]


def test_web_navigation_only_in_web_pages():
    assert [r.text for r in run_on("Басты бет\nЖаңалық мәтіні.", kind="web page").removals] == ["Басты бет"]
    assert run_on("Басты бет\nЖаңалық мәтіні.", kind="book").removals == []
    assert [r.text for r in run_on("Басты бет > Саясат\nМәтін.", kind="web page").removals] == ["Басты бет > Саясат"]


def test_chat_stamp_alone_on_a_line_removes_the_line():
    doc = run_on("[09:05, 01.03.2026] Аида:\nМәтін.")
    assert [b.text for b in doc.blocks] == ["Мәтін."]
    assert doc.removals[0].rule == "remove_furniture:chat_stamp"


def test_paragraphs_across_a_removed_page_break():
    """After paragraph assembly the halves of a sentence cut by a page break are one paragraph."""
    doc = Document("x", "book", "x.txt", "саясат, содан кейін са-\n\n\n216\n\nКітап атауы\n\nI-тарау. Тарау\n\n"
                   "ясат қағидаты.\n\nКелесі абзац.\n\n\n217\n\nКітап атауы\n\nI-тарау. Тарау\n\nЖаңа абзац.")
    read_lines(doc)
    remove_furniture.run(doc)
    assemble_paragraphs.run(doc)
    assert [b.text for b in doc.blocks] == ["саясат, содан кейін са-\nясат қағидаты.", "Келесі абзац.", "Жаңа абзац."]
