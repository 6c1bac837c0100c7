"""build_edition/site/bracket_scan.py gives Python-Markdown's own answers, faster on paragraphs of links."""
from __future__ import annotations

import time
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.inlinepatterns import LinkInlineProcessor

from build_edition.site import bracket_scan
from build_edition.site.bracket_scan import BracketScanExtension, get_text

ROOT = Path(__file__).resolve().parents[1]
EXTENSIONS = ["attr_list", "abbr", "footnotes", "tables", "md_in_html", "pymdownx.details", "toc",
              "pymdownx.escapeall"]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="[]()ab \\`<>!", max_size=60), st.integers(min_value=0, max_value=60))
def test_the_link_text_is_the_librarys(data, index):
    index = min(index, len(data))
    processor = LinkInlineProcessor(r"\[", None)
    assert get_text(processor, data, index) == LinkInlineProcessor.getText(processor, data, index)


def test_past_the_limit_the_librarys_table_answers(monkeypatch):
    monkeypatch.setattr(bracket_scan, "LIMIT", 3)
    processor = LinkInlineProcessor(r"\[", None)
    for data in ("[abcdef](x)", "[ab[cd]ef", "[a] [" + "b" * 10):
        for index in range(len(data) + 1):
            assert get_text(processor, data, index) == LinkInlineProcessor.getText(processor, data, index)


def _convert(text: str, fast: bool) -> str:
    extensions = EXTENSIONS + ([BracketScanExtension()] if fast else [])
    return markdown.Markdown(extensions=extensions).convert(text)


@pytest.mark.slow
def test_the_edition_renders_the_same():
    pages = sorted((ROOT / "content").glob("**/*.md"))
    assert len(pages) > 100
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert _convert(text, True) == _convert(text, False), page


def test_a_paragraph_of_links_renders_the_same_in_linear_time():
    links = ", ".join(f"[сөз {n} → сөз](../doc/page.md#p{n})" for n in range(400))
    timings, html = {}, {}
    for fast in (False, True):
        started = time.process_time()
        html[fast] = _convert(links, fast)
        timings[fast] = time.process_time() - started
    assert html[True] == html[False] and html[True].count("<a href=") == 400
    assert timings[True] * 4 < timings[False], timings
