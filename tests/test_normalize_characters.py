"""normalize_characters: stray soft hyphens, invisible and odd-space characters, NFC — all logged."""
from __future__ import annotations

import pytest

from build_edition.core.model import Document
from build_edition.passes.chars import normalize_characters
from build_edition.build.pipeline import read_documents
from build_edition.read.seed_reader import read_lines

RULE = "normalize_characters"


def normalized(text: str, kind: str = "book") -> Document:
    doc = Document("x", kind, "x.txt", text)
    read_lines(doc)
    normalize_characters.run(doc)
    return doc


@pytest.fixture(scope="module")
def interview(entries, project):
    """Seed 001 right after this pass (independent of the passes that follow)."""
    doc = next(d for d in read_documents(entries, project.seeds) if d.seed_name.startswith("001"))
    normalize_characters.run(doc)
    return doc


def test_not_signs_inside_words_of_the_interview_are_removed_and_logged(interview):
    text = "\n".join(b.text for b in interview.blocks)
    assert "¬" not in text
    assert "Ұйымын" in text and "Конституцияға" in text and "сая" + "сатына" in text
    logged = [e for e in interview.emendations if e.rule == RULE and e.before == "¬"]
    # nine ¬ in the seed, two of them in one word (ма¬ңыз¬дырақ, line 1120)
    assert len(logged) == interview.source.count("¬") == 9
    assert {e.line for e in logged} >= {402, 1120, 1382, 2116}
    assert all(e.after == "" for e in logged)


def test_clean_seed_lines_are_not_touched(interview):
    changed_lines = {e.line for e in interview.emendations}
    lines = interview.source.split("\n")
    assert all("¬" in lines[n - 1] for n in changed_lines)


def test_soft_hyphen_at_line_end_becomes_a_hyphen_for_the_joiner():
    doc = normalized("мә¬\nнін\nмә\u00ad\nнін")
    assert [b.text for b in doc.blocks] == ["мә-", "нін", "мә-", "нін"]
    assert [(e.before, e.after) for e in doc.emendations] == [("¬", "-"), ("\u00ad", "-")]


def test_real_not_sign_between_spaces_stays():
    doc = normalized("¬ p немесе p ¬ q")
    assert doc.blocks[0].text == "¬ p немесе p ¬ q"
    assert doc.emendations == []


def test_odd_spaces_become_one_space_each_so_space_runs_survive_as_evidence():
    doc = normalized("бо\u00a0ла\u00a0\u00a0шаққа\u202fда")
    assert doc.blocks[0].text == "бо ла  шаққа да"
    assert len(doc.emendations) == 4


def test_zero_width_and_control_characters_are_deleted_and_logged():
    doc = normalized("Қа\u200bзақ\u200d ел\ufeffі\x07")
    assert doc.blocks[0].text == "Қазақ елі"
    assert sorted(e.before for e in doc.emendations) == sorted(["\u200b", "\u200d", "\ufeff", "\x07"])
    assert all(e.rule == RULE and e.line == 1 for e in doc.emendations)


def test_tabs_are_layout_and_stay():
    doc = normalized("бір\tекі")
    assert doc.blocks[0].text == "бір\tекі"


def test_decomposed_letters_are_composed_to_nfc():
    doc = normalized("даи\u0306ын ж\u0435\u0308л")   # и + breve, е + diaeresis
    assert doc.blocks[0].text == "дайын жёл"
    assert [(e.before, e.after) for e in doc.emendations] == [("е\u0308", "ё"), ("и\u0306", "й")]


def test_c1_controls_inside_mojibake_are_left_for_the_mojibake_repair():
    doc = normalized("ÌÅ\x8dÅ and a stray \x85 control")
    assert doc.blocks[0].text == "ÌÅ\x8dÅ and a stray  control"


def test_form_feed_marks_a_page_break():
    doc = normalized("бірінші\n\fекінші")
    assert doc.blocks[1].text == "екінші" and doc.blocks[1].attrs["page_break_before"]


def test_origins_stay_aligned_after_deletions():
    doc = normalized("а¬б\u200bв")
    block = doc.blocks[0]
    assert block.text == "абв"
    assert [doc.source[o] for o in block.origin] == ["а", "б", "в"]
