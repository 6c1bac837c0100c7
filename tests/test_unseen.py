"""The damage simulator of the unseen-document harness (build_edition/tools/simulate_damage.py, unseen.py).

Its parameters are measured on seeds 000 and 002: the tests measure the seeds again and check the
constants, then check that the simulator reproduces the same rates on a long text, that the damage is
reversible (the clean sides of the pieces give the clean text back) and deterministic.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from build_edition.evidence.pinned import EVIDENCE_FILE
from build_edition.tools.simulate_damage import BOOK, NEWSPAPER, SPLIT_RATE_BY_LENGTH, damage, gap_histogram, line_stats
from build_edition.tools.unseen import DATA, do_nothing, make_project, unseen_documents

ROOT = Path(__file__).resolve().parent.parent
NEWS_SEED = ROOT / "seeds" / "000_5e13b5b18f4be4fc.txt"
BOOK_SEED = ROOT / "seeds" / "002_cf181f5803b7d246.txt"
NEWS_CONTENT = ROOT / "content" / "egemen-qazaqstan-2025-issue"


def _clean_texts(prefix: str) -> list[str]:
    return [p for f in sorted(DATA.glob(f"{prefix}-*.txt"))
            for p in f.read_text(encoding="utf-8").strip().split("\n\n")]


@pytest.fixture(scope="module")
def long_news():
    """About 65 KB of newspaper text: the clean newspaper texts five times, each time damaged anew."""
    paragraphs = _clean_texts("news")
    return [damage(paragraphs, NEWSPAPER, seed=k) for k in range(5)], paragraphs


def _emendations(rule: str) -> list[dict]:
    rows = [json.loads(line) for line in (NEWS_CONTENT / "emendations.jsonl").read_text(encoding="utf-8").splitlines()]
    return [r for r in rows if r["rule"] == rule]


# -- the constants are the seeds' measures ---------------------------------------------------------

def test_newspaper_layout_constants_are_measured_on_seed_000():
    stats = line_stats(NEWS_SEED.read_text(encoding="utf-8"))
    assert (stats["p10"], stats["p50"], stats["p90"]) == (24, 30, 35)
    assert stats["hyphen"] == pytest.approx(0.28, abs=0.01)


def test_book_layout_constants_are_measured_on_seed_002():
    stats = line_stats(BOOK_SEED.read_text(encoding="utf-8"))
    assert (stats["p10"], stats["p50"], stats["p90"]) == (44, 62, 67)
    assert stats["hyphen"] == pytest.approx(0.12, abs=0.01)


def test_split_and_glyph_constants_are_measured_on_seed_000():
    splits = _emendations("join_split_words")
    words = len(NEWS_SEED.read_text(encoding="utf-8").split())
    assert len(splits) / words == pytest.approx(0.079, abs=0.005)
    fragments = [len(e["before"].split()) for e in splits]
    assert fragments.count(2) / len(fragments) == pytest.approx(dict(NEWSPAPER.fragments)[2], abs=0.02)
    gaps = [len(g) for e in splits for g in re.findall(" +", e["before"])]
    assert gaps.count(1) / len(gaps) == pytest.approx(dict(NEWSPAPER.gap_widths)[1], abs=0.01)
    repaired = [(a, b) for e in _emendations("restore_broken_letters")
                for a, b in zip(e["before"], e["after"]) if a != b]
    broken_o = sum(1 for _, b in repaired if b == "ө")
    intact_o = NEWS_SEED.read_text(encoding="utf-8").count("ө")
    assert broken_o / (broken_o + intact_o) == pytest.approx(NEWSPAPER.glyphs["ө"][0], abs=0.02)


# -- the simulator reproduces them -----------------------------------------------------------------

def test_simulated_newspaper_reproduces_the_measured_rates(long_news):
    damaged, paragraphs = long_news
    text = "\n\n".join(d.text for d in damaged)
    stats = line_stats(text)
    assert 27 <= stats["p50"] <= 33 and 31 <= stats["p90"] <= 37
    assert stats["hyphen"] == pytest.approx(0.28, abs=0.05)
    # split words: the share of words split, as in 000 for words of the same lengths
    words = [w for p in paragraphs for w in p.split()]
    lengths = [len(re.sub(r"[^а-яёәғқңөұүһі]", "", w.lower())) for w in words]
    expected = sum(SPLIT_RATE_BY_LENGTH.get(min(n, 14), 0.0) for n in lengths) / len(words)
    split = sum(1 for d in damaged for p in d.pieces if p.kind == "split")
    gaps_per_word = sum((k - 1) * s for k, s in NEWSPAPER.fragments)     # gaps per split word
    assert split / gaps_per_word / (5 * len(words)) == pytest.approx(expected, rel=0.2)
    hist: dict[int, int] = {}
    for d in damaged:
        for width, n in gap_histogram(d).items():
            hist[width] = hist.get(width, 0) + n
    assert hist[1] / sum(hist.values()) == pytest.approx(0.94, abs=0.03)
    # ө broken at the measured rate
    clean = "\n\n".join(paragraphs) * 5
    assert text.count("ө") / clean.count("ө") == pytest.approx(1 - 0.94, abs=0.03)


def test_simulated_book_reproduces_the_measured_layout():
    paragraphs = _clean_texts("book")
    damaged = [damage(paragraphs, BOOK, seed=k, title="Кітап", author="Автор", chapter="Тарау") for k in range(4)]
    stats = line_stats("\n\n".join(d.text for d in damaged))
    assert 59 <= stats["p50"] <= 65 and 64 <= stats["p90"] <= 70
    assert stats["hyphen"] == pytest.approx(0.12, abs=0.04)
    text = damaged[0].text
    assert "\ufffd" not in text and "  " not in text.replace(" \n", "\n")     # no glyphs, no split words
    pages = re.findall(r"\n\n\n\n(\d+)\n\n(Автор|Кітап)\n\nТарау\n\n", text)
    assert len(pages) >= 3
    numbers = [int(n) for n, _ in pages]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    assert all((head == "Автор") == (int(n) % 2 == 0) for n, head in pages)


# -- reversible, deterministic ---------------------------------------------------------------------

@pytest.mark.parametrize("style", [NEWSPAPER, BOOK])
def test_damage_is_reversible(style):
    paragraphs = _clean_texts("news" if style is NEWSPAPER else "book")
    doc = damage(paragraphs, style, seed=11, title="Т", author="А", chapter="Б")
    assert doc.clean == "\n\n".join(paragraphs)
    assert doc.text != doc.clean
    for piece in doc.pieces:
        if piece.kind == "split":
            assert piece.clean == "" and set(piece.damaged) == {" "}
        elif piece.kind == "glyph":
            assert len(piece.damaged) == len(piece.clean) == 1 and piece.clean in "өӨәӘ"
        elif piece.kind == "hyphen":
            assert piece.damaged == "-\n" and piece.clean == ""


def test_damage_is_deterministic():
    paragraphs = _clean_texts("news")
    assert damage(paragraphs, NEWSPAPER, seed=5).text == damage(paragraphs, NEWSPAPER, seed=5).text
    assert damage(paragraphs, NEWSPAPER, seed=5).text != damage(paragraphs, NEWSPAPER, seed=6).text


def test_do_nothing_baseline_joins_lines_only():
    assert do_nothing("бір екі-\nүш \nтөрт\n\n\nбес ") == ["бір екі- үш төрт", "бес"]


# -- the harness's project copy --------------------------------------------------------------------

def test_unseen_texts_are_large_enough_and_documented():
    sizes = [len((DATA / f).read_bytes()) for f in
             (e["file"] for e in yaml.safe_load((DATA / "documents.yml").read_text(encoding="utf-8"))["documents"])]
    assert len(sizes) >= 6 and sum(sizes) >= 30_000
    sources = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f.name in sources for f in DATA.glob("*.txt"))


def test_project_copy_never_pins_the_unseen_documents(tmp_path):
    docs = unseen_documents()[:2]
    project = make_project(tmp_path / "p", ROOT, docs)
    pinned = [row["source"] for row in json.loads((project.content / EVIDENCE_FILE).read_text())["seeds"]]
    catalog = yaml.safe_load(project.catalog.read_text(encoding="utf-8"))["documents"]
    assert {d.source for d in docs} <= {e["source"] for e in catalog}
    assert not {d.source for d in docs} & set(pinned)
    assert sorted(pinned) == sorted(p.name for p in (ROOT / "seeds").glob("0*.txt"))
    assert (project.seeds / docs[0].source).read_text(encoding="utf-8") == docs[0].damaged.text
