"""join_hyphenated_words: typesetters' line-end hyphens join words, real hyphens stay (numbers,
abbreviations, names, compounds the corpus writes with a hyphen, two free words)."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_edition.evidence.word_model import word_model_for
from build_edition.core.model import Document
from build_edition.passes.words import join_hyphenated_words
from build_edition.passes.words.join_hyphenated_words import decide
from build_edition.build.pipeline import read_documents

RULE = "join_hyphenated_words"


@pytest.fixture(scope="module")
def raw_docs(entries, project):
    """{seed prefix: Document} straight from the reader, with the corpus lexicon attached."""
    return {d.seed_name[:3]: d for d in read_documents(entries, project.seeds)}


def lines_doc(doc: Document, first: int, last: int) -> Document:
    """A document over the real seed whose only block is seed lines first..last (as a paragraph)."""
    part = Document(doc.slug, doc.kind, doc.seed_name, doc.source, meta=dict(doc.meta))
    starts = [0] + [i + 1 for i, ch in enumerate(doc.source) if ch == "\n"]
    end = starts[last] - 1 if last < len(starts) else len(doc.source)
    part.blocks = [part.make_block("paragraph", starts[first - 1], end)]
    return part


def joined(doc: Document, first: int, last: int) -> str:
    part = lines_doc(doc, first, last)
    join_hyphenated_words.run(part)
    return part.blocks[0].text


# -- decisions on real word pairs, with the corpus as evidence ----------------------------------

@pytest.mark.parametrize("seed, left, right", [
    ("000", "мә", "нін"),          # шын мә-/нін де
    ("000", "ға", "сыр"),
    ("000", "жар", "ты"),          # a free word on the left, an ending on the right
    ("000", "бұ зы", "луы"),
    ("002", "сипаты", "на"),       # gold: сипаты-/на is joined
    ("002", "са", "ясат"),
    ("001", "бол", "ды"),
])
def test_typesetters_hyphen_joins(raw_docs, seed, left, right):
    model = word_model_for(raw_docs[seed])
    assert decide(model, left.split()[-1], right) == "join"


@pytest.mark.parametrize("seed, left, right", [
    ("000", "жан", "жақты"),       # written mid-line in the seeds
    ("001", "Сондай", "ақ"),
    ("002", "сын", "қатерін"),     # sister forms сын-қатеріне, сын-қатерлері mid-line
    ("002", "2017", "2018"),       # numbers
    ("001", "40", "тан"),          # an ending after a number
    ("000", "32%", "ға"),
    ("002", "КСРО", "дағы"),       # an ending after an abbreviation
    ("000", "ҚСЗИ", "да"),
    ("000", "Премьер", "Министрдің"),   # a capitalised continuation
    ("002", "Қасым", "Жомарт"),
    ("000", "әл", "Фараби"),
    ("000", "дау", "жанжал"),      # two free words, nothing known when joined
    ("001", "ауыс", "түйіске"),
    ("003", "бастап", "ақ"),       # the particle -ақ follows many words with a hyphen
])
def test_real_hyphen_stays(raw_docs, seed, left, right):
    model = word_model_for(raw_docs[seed])
    assert decide(model, left, right) == "keep"


# -- whole source lines ---------------------------------------------------------------------------

def test_newspaper_lead_lines(raw_docs):
    text = joined(raw_docs["000"], 4, 23)
    assert text.startswith("ХХІ ғасыр адамзат үшін шын мәнін де енді ғана, яғни ширек ғасыр өткен нен")
    assert "жартысында" not in text and "жар-" not in text and "жарты сында" in text
    assert "сын-қатеріне" in text          # a mid-line hyphen is untouched
    # a hyphen after spaces joins when the fragments before it make the word
    assert "мем   лекеттің" in text and "нығайту," in text
    assert "-\n" not in text


def test_emendation_records_the_cut_word(raw_docs):
    part = lines_doc(raw_docs["000"], 4, 5)
    join_hyphenated_words.run(part)
    first = part.emendations[0]
    assert (first.rule, first.before, first.after, first.line) == (RULE, "мә-\nнін", "мәнін", 4)


def test_kept_hyphen_loses_only_the_line_break(raw_docs):
    text = joined(raw_docs["001"], 113, 119)
    assert "жан-жақты реформаларымызды" in text
    assert not any(e.rule == RULE and "жан" in e.before for e in lines_doc(raw_docs["001"], 113, 119).emendations)


def test_dash_with_spaces_on_both_sides_stays(raw_docs):
    # 002 line 5791: «Демократияландыру - /бұл ...»: a dash typed as a hyphen
    doc = raw_docs["002"]
    line = doc.source.split("\n")[5790]
    assert line.rstrip("\n").endswith("- ")
    text = joined(doc, 5791, 5792)
    assert "Демократияландыру - \n" in text or "Демократияландыру -\n" in text


def test_across_a_blank_line_inside_a_paragraph(raw_docs):
    # 000 lines 182-184: `бұ зы-` / (blank) / `луы` — a column break inside the word
    doc = raw_docs["000"]
    part = Document(doc.slug, doc.kind, doc.seed_name, doc.source, meta=dict(doc.meta))
    lines = doc.source.split("\n")
    start = sum(len(x) + 1 for x in lines[:181])
    end = start + len(lines[181]) + 1 + len(lines[182]) + 1 + len(lines[183])
    part.blocks = [part.make_block("paragraph", start, end)]
    join_hyphenated_words.run(part)
    assert "бұ зылуы" in part.blocks[0].text


# -- the corpus after the whole pipeline -----------------------------------------------------------

def test_corpus_keeps_real_hyphens_and_joins_the_rest(docs_by_seed):
    texts = {seed: "\n".join(b.text for b in doc.blocks) for seed, doc in docs_by_seed.items()}
    assert "жан-жақты" in texts["000"] and "жанжақты" not in texts["000"]
    assert "ауыс-түйіске" in texts["001"] and "бұрын-соңды" in texts["001"]
    assert "сын-қатерін" in texts["002"] and "сипатына" in texts["002"]
    assert "қарым-қатынастарды" in texts["003"]
    for seed, doc in docs_by_seed.items():
        for e in doc.emendations:
            if e.rule == RULE:
                left, _, right = e.before.partition("-")
                # (a digit inside a word is a broken-font Ө: `9йт-` / `кені`)
                assert not re.search(r"(^|[^\w])[\d%]+\s*$", left) and not right.strip()[:1].isdigit(), (seed, e)
                assert "\n" in e.before, (seed, e)


def test_no_line_end_hyphen_survives_inside_kazakh_words(docs_by_seed):
    for seed, doc in docs_by_seed.items():
        for block in doc.blocks:
            assert "-\n" not in block.text, (seed, block.text[:80])


# -- hostile input ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", "-", "-\n", "сөз-\n", "сөз-\n«Дәйексөз»", "---\n---", "а-\n\n\n-б", "мә-\n нін"])
def test_hostile_text_does_not_crash(raw_docs, text):
    doc = Document("x", "book", "x.txt", text, meta={"lexicon": raw_docs["000"].meta["lexicon"]})
    doc.blocks = [doc.make_block("paragraph", 0, len(text))] if text else []
    join_hyphenated_words.run(doc)
    if text == "сөз-\n«Дәйексөз»":
        assert doc.blocks[0].text == text


# -- the fast search for line-end hyphens finds exactly what the pattern finds ---------------------

def _plain_matches(text: str):
    return [(m.span(), m.groupdict()) for m in join_hyphenated_words.LINE_END_HYPHEN.finditer(text)]


def _fast_matches(text: str):
    return [(m.span(), m.groupdict()) for m in join_hyphenated_words._line_end_hyphens(text)]


def test_line_end_hyphen_search_matches_the_pattern_on_every_seed(raw_docs):
    for doc in raw_docs.values():
        assert _fast_matches(doc.source) == _plain_matches(doc.source)
    assert len(_plain_matches(raw_docs["002"].source)) > 1000


@pytest.mark.parametrize("text", [
    "мә-\nнін", "а-\nб-\nв", "бір  -\nекі", "x-\nбір  -\nекі", "сөз- \n\t \n  келді", "-\n", "а -\n", "а- -\nб",
    "сөз-\n", "«Қа-\nзақ»", "a\t-\t\nb", "тепе-тең-\nдік", "ұр-\n-пақ", "\n-\n-\n-\nx",
])
def test_line_end_hyphen_search_on_awkward_layouts(text):
    assert _fast_matches(text) == _plain_matches(text)


def test_line_end_hyphen_search_on_random_layouts():
    pieces = st.sampled_from(["а", "бө", "-", " ", "\t", "\n", "\n\n", "«", ".", "- ", " -", "9", "Қ"])

    @settings(max_examples=3000, deadline=None, derandomize=True)
    @given(st.lists(pieces, max_size=40).map("".join))
    def same(text):
        assert _fast_matches(text) == _plain_matches(text)

    same()


def test_a_broken_glyph_before_the_hyphen_is_a_letter(raw_docs):
    """`к!-` / `мек`: the newspaper's font printed ө as `!`; before a line-end hyphen it is a letter
    of the cut word, not an exclamation mark (issue 14)."""
    doc = raw_docs["000"]
    lines = doc.source.split("\n")
    number = next(i for i, line in enumerate(lines, 1) if line.rstrip().endswith("к!-") and
                  lines[i].startswith("мек"))
    text = joined(doc, number, number + 1)
    assert "к!мек" in text and "к!-" not in text
