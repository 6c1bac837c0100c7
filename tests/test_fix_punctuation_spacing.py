"""fix_punctuation_spacing: spaces before punctuation and a stray hyphen, never the author's marks."""
from __future__ import annotations

import re

import pytest

from build_edition.evidence.lexicon import Lexicon
from build_edition.core.model import Document
from build_edition.passes.words import fix_punctuation_spacing

RULE = "fix_punctuation_spacing"


def fixed(text: str, words: str = "") -> Document:
    doc = Document("x", "article", "x.txt", text)
    doc.blocks = [doc.make_block("paragraph", 0, len(text))]
    doc.meta["lexicon"] = Lexicon.from_texts([words])
    fix_punctuation_spacing.run(doc)
    return doc


@pytest.mark.parametrize("before, after", [
    # 003 (lines 27, 50, 94, 117-118, 212, 257, 317)
    ("зерттеген . \nҚазақ", "зерттеген. \nҚазақ"),
    ("Елбасымыз Н . Ә . Назарбаевтың", "Елбасымыз Н. Ә. Назарбаевтың"),
    ("сана және т . б .), тарихи", "сана және т. б.), тарихи"),
    ("Югославия және т . б .  \n[2, 26–25 б .] ", "Югославия және т. б.  \n[2, 26–25 б.] "),
    ("қамтамасыз ету» . ", "қамтамасыз ету». "),
    ("орнауда [4] .\n Сондықтан", "орнауда [4].\n Сондықтан"),
    ("етудеміз .» [4] деп", "етудеміз.» [4] деп"),
    # 000 (lines 1516, 1864), 001 (line 1469 after the letter-spaced word is joined), 002 (line 19551)
    ("Мәжіліс  Спикері , «AMANAT»", "Мәжіліс  Спикері, «AMANAT»"),
    ("істемейді .  Кейде", "істемейді.  Кейде"),
    ("жобалаушыларымыздың , \nинженерлеріміз", "жобалаушыларымыздың, \nинженерлеріміз"),
    ("Tel .: +7", "Tel.: +7"),
    # a mark that starts a line goes back to its word
    ("деді\n, бірақ", "деді,\n бірақ"),
])
def test_spaces_before_punctuation_are_removed(before, after):
    doc = fixed(before)
    assert doc.blocks[0].text == after
    assert doc.emendations and all(e.rule == RULE for e in doc.emendations)
    # only spacing changed: the same non-space characters in the same order
    assert "".join(after.split()) == "".join(before.split())


@pytest.mark.parametrize("text", [
    "Тарих !зінің сабағын",             # ! is a lost ө (000, line 1468)
    "Ақмарал \n;лназарова с�з",          # ; is a lost Ә at a line start (000, line 1597)
    "(зі мізді сақтау",                  # ( is a lost Ө
    "қаржы жинайды ... Сонымен",         # an omission mark keeps its space (002, line 11804)
    "Жалпы, « \n... ұлттық бірлікті",    # (002, lines 14835-14836)
    "ХВҚ - Халықаралық валюта қоры",     # hyphen-minus as the author's dash (002 list)
    "РКФСР– Ресей",                      # as printed, a typo for editors
    "өткендей:»қазақстандықтар",         # a missing space is the author's, not extraction's
    "2 ,5 пайыз",                        # not followed by a space: not a sentence mark
    "Қалай? – деді ол.",
])
def test_real_punctuation_and_lost_letters_are_left_alone(text):
    doc = fixed(text)
    assert doc.blocks[0].text == text
    assert doc.emendations == []


def test_stray_hyphen_before_a_word_is_removed():
    # 001 line 1084: "ұстап -отыр-" / "мын", after the line-end join
    doc = fixed("бақылауда ұстап -отырмын.", words="отырмын")
    assert doc.blocks[0].text == "бақылауда ұстап отырмын."
    assert [(e.rule, e.before, e.after) for e in doc.emendations] == [(RULE, " -", " ")]


@pytest.mark.parametrize("text", [
    "ҚСЗИ -да жұмыс",        # a split-off suffix is not a word of its own
    "ол -қщзбты",           # not a word anywhere: no evidence, keep
    "ХВҚ - Халықаралық",     # spaces on both sides: a dash
    "сын-қатер",             # a real hyphen
])
def test_hyphens_without_evidence_stay(text):
    doc = fixed(text, words="Халықаралық қатер")
    assert doc.blocks[0].text == text


def test_article_after_the_whole_pipeline_has_no_space_before_a_full_stop(docs_by_seed):
    article = docs_by_seed["003"]
    text = "\n".join(b.text for b in article.blocks)
    assert " ." not in text.replace(" ...", "") and " ," not in text
    assert "Н. Ә. Назарбаев" in text and "[2, 26–25 б.]" in text
    # every " ." / " ," of the seed (143 of them, none an ellipsis) was one logged change
    assert sum(e.rule == RULE for e in article.emendations) == len(re.findall(r" +[.,:;]", article.source)) == 143
