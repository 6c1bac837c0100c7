"""The word evidence: the fast Hunspell reader gives spylls' own dictionary, the corpus counts are unchanged."""
from __future__ import annotations

from collections import Counter

import pytest
from spylls.hunspell import Dictionary
from spylls.hunspell.readers import read_aff, read_dic
from spylls.hunspell.readers.file_reader import FileReader

from build_edition.evidence import lexicon
from build_edition.evidence.lexicon import HUNSPELL, Lexicon, read_dic_fast


def _entry(word):
    return (word.stem, set(word.flags), word.data, word.captype, word.alt_spellings)


def _same_dic(ours, theirs) -> None:
    assert [_entry(w) for w in ours.words] == [_entry(w) for w in theirs.words]
    for name in ("index", "lowercase_index"):
        mine, spylls = getattr(ours, name), getattr(theirs, name)
        assert list(mine) == list(spylls), name
        assert all([_entry(w) for w in mine[k]] == [_entry(w) for w in spylls[k]] for k in spylls), name


@pytest.fixture(scope="module")
def shipped():
    """spylls' own reading of the shipped Kazakh dictionary."""
    return Dictionary.from_files(str(HUNSPELL / "kk_KZ"))


def test_fast_reader_reads_the_shipped_dictionary_as_spylls_does(shipped):
    ours = lexicon._dictionary()
    assert len(ours.dic.words) == len(shipped.dic.words) > 54_000
    _same_dic(ours.dic, shipped.dic)
    assert ours.aff.REP == shipped.aff.REP


def test_fast_reader_and_spylls_accept_the_same_words(shipped):
    words = ["қазақ", "Қазақстан", "мемлекет", "мемлекеттің", "ҚАЗАҚ", "ды", "к�пір", "болашаққа", "бо", "xyz", ""]
    ours = lexicon._dictionary()
    assert [ours.lookup(w) for w in words] == [shipped.lookup(w) for w in words]
    assert ours.lookup("мемлекеттің") and not ours.lookup("бо")


def test_fast_reader_hands_unusual_lines_to_spylls(tmp_path):
    """Lines with data tags, tabs, escaped slashes, a leading slash, a count line and a stem with
    two slashes: the same entries as spylls' reader, in the same order."""
    (tmp_path / "t.aff").write_text("SET UTF-8\nFLAG long\nSFX Aa Y 1\nSFX Aa 0 лар .\n", encoding="utf-8")
    (tmp_path / "t.dic").write_text(
        "7\nкітап/AaBb\nҚала/Aa po:noun\nжол\tst:жол\nа\\/б/Aa\n/сөз\nбір/екі/үш\nAЛМАТЫ\n\n  үй/Aa  \n",
        encoding="utf-8")
    aff, context = read_aff(FileReader(str(tmp_path / "t.aff")))
    ours = read_dic_fast(tmp_path / "t.dic", aff, context)
    aff2, context2 = read_aff(FileReader(str(tmp_path / "t.aff")))
    theirs = read_dic(FileReader(str(tmp_path / "t.dic"), encoding=context2.encoding), aff=aff2, context=context2)
    _same_dic(ours, theirs)
    assert [w.stem for w in ours.words] == ["кітап", "Қала", "жол", "а/б", "/сөз", "бір/екі/үш", "AЛМАТЫ", "үй"]
    assert ours.words[0].flags == {"Aa", "Bb"} and ours.words[1].data == {"po": ["noun"]}


def test_corpus_counts_skip_hyphenation_fragments_and_damaged_words():
    text = "Мемлекет дамуы-\nның жолы. Мемлекет\nк$лемі !мірдің болашақ-  \n  қа рақмет!\n\nбір -\nекі"
    lex = Lexicon.from_texts([text, "жол жол"])
    assert lex.counts == Counter({"мемлекет": 2, "жол": 2, "жолы": 1, "рақмет": 1, "бір": 1})   # `екі` follows a hyphen
    # the first words met first (the order later steps iterate in)
    assert list(lex.counts)[:2] == ["мемлекет", "жолы"]
    assert lex.texts == (text, "жол жол")
