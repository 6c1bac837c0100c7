"""What a reader sees of the text beyond its words is in the Markdown of content/ (issue 18).

Headings without gaps, the ``all-caps`` class of headings printed in capitals and the
``<span class="citation">`` of citation markers were added to the HTML by the site's theme hook; the
pipeline writes them now (:mod:`build_edition.text.presentation`), so any renderer shows them. These
tests check that the committed content/ is finished, and that the merge of editors' corrections
neither loses an edit to this markup nor takes the markup for an edit: every side of the merge is
finished alike, and so is what an editor types.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_edition.editorial.merge import merge_edition
from build_edition.store.page_format import BASE, finish_pages, parse_page, read_tree
from build_edition.text.markdown import plain_text
from build_edition.text.presentation import SPAN_OPEN, finish, without_presentation

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
HEADING = re.compile(r"^(?:[ \t]*(?:[-*+]|\d+[.)]|>)[ \t]+)*[ \t]{0,3}(#{1,6})(?!#)", re.M)
NEWS = "egemen-qazaqstan-2025-issue/11-tynyshtyq-kuzetshisi.md"       # a heading in capitals
BOOK = "chebotarev-political-thought/06-2-resmi-tasil.md"              # citation markers


@pytest.fixture(scope="module")
def content() -> dict[str, str]:
    return {rel: text for rel, text in read_tree(CONTENT).items() if rel.endswith(".md")}


def test_the_committed_content_is_finished(content):
    assert finish_pages(content) == content
    spans = sum(text.count(SPAN_OPEN) for text in content.values())
    caps = [line for text in content.values() for line in text.split("\n")
            if HEADING.match(line) and ".all-caps" in line]
    print(f"\n{len(content)} pages: {spans} citation spans, {len(caps)} headings in capitals")
    assert spans > 700 and len(caps) >= 30
    assert "# ТЫНЫШТЫҚ КҮЗЕТШІСІ {: #p3144 .all-caps data-lines=" in content[NEWS]
    assert '<span class="citation">\\[1\\]</span>, <span class="citation">\\[12\\]</span> сияқты' in \
        content["chebotarev-political-thought/index.md"]


def test_no_page_of_the_content_skips_a_heading_level(content):
    for rel, text in content.items():
        front = parse_page(text).front
        levels = [len(m.group(1)) for m in HEADING.finditer(text[len(front):])]
        for before, level in zip([1] + levels, levels):
            assert level <= before + 1, f"{rel}: h{before} then h{level}"


def test_the_exports_read_the_text_without_the_presentation_markup(content):
    text = without_presentation(content[NEWS] + content[BOOK])
    assert SPAN_OPEN not in text and ".all-caps" not in text
    assert "\\[" in text and "# ТЫНЫШТЫҚ КҮЗЕТШІСІ {: #p3144 data-lines=" in text


# -- the merge ----------------------------------------------------------------------------------------

def real(rel: str) -> str:
    return (CONTENT / BASE / rel).read_text(encoding="utf-8")


def unfinished(text: str) -> str:
    """A page as the pipeline wrote it before it wrote this markup (the content/ of older builds)."""
    return without_presentation(text)


def chunk_with_citation(text: str):
    return next(c for c in parse_page(text).chunks if c.key.startswith("p") and SPAN_OPEN in c.body)


def test_an_edit_in_a_paragraph_with_a_citation_keeps_both():
    base = {BOOK: real(BOOK)}
    chunk = chunk_with_citation(base[BOOK])
    words = chunk.body.split(" ")
    corrected = chunk.body.replace(words[1], words[1] + " (түзету)", 1)
    current = {BOOK: base[BOOK].replace(chunk.body, corrected, 1)}
    for new in (base, {BOOK: base[BOOK].replace("Бұл", "Осы", 1)}):
        result = merge_edition(base, current, new)
        assert not result.conflicts
        merged = parse_page(result.files[BOOK]).keyed()[chunk.key]
        assert merged.body == corrected and merged.body.count(SPAN_OPEN) == chunk.body.count(SPAN_OPEN)
        assert [(r.kind, r.key) for r in result.records] == [("edit", chunk.key)]
        # the changelog's words: no markup
        assert "(түзету)" in plain_text(result.records[0].after) and "span" not in plain_text(result.records[0].after)
        # and the next build changes nothing
        again = merge_edition(result.generated, result.files, new)
        assert again.files == result.files and not again.conflicts
        assert [(r.key, r.after) for r in again.records] == [(r.key, r.after) for r in result.records]


def test_content_written_before_the_markup_merges_without_conflict():
    """The first build with this markup: base and content/ lack it, the new output has it, and an
    editor's corrections (in a paragraph with citations, in a heading in capitals) stay."""
    old = {rel: unfinished(real(rel)) for rel in (BOOK, NEWS)}
    assert all(old[rel] != real(rel) for rel in old)
    chunk = chunk_with_citation(real(BOOK))
    old_body = without_presentation(chunk.body)
    current = dict(old)
    current[BOOK] = current[BOOK].replace(old_body, old_body.replace(" ", " (түзету) ", 1), 1)
    current[NEWS] = current[NEWS].replace("# ТЫНЫШТЫҚ КҮЗЕТШІСІ", "# ТЫНЫШТЫҚ КҮЗЕТШІСІ (ТҮЗЕТУ)", 1)
    new = {rel: real(rel) for rel in old}
    result = merge_edition(old, current, new)
    assert not result.conflicts
    assert sorted(r.key for r in result.records) == sorted([chunk.key, "p3144"])
    assert result.files[NEWS].startswith(new[NEWS].split("# ТЫНЫШТЫҚ")[0])
    assert "# ТЫНЫШТЫҚ КҮЗЕТШІСІ (ТҮЗЕТУ) {: #p3144 .all-caps data-lines=" in result.files[NEWS]
    merged = parse_page(result.files[BOOK]).keyed()[chunk.key]
    assert "(түзету)" in merged.body and merged.body.count(SPAN_OPEN) == chunk.body.count(SPAN_OPEN)
    untouched = {k: c.raw for k, c in parse_page(new[BOOK]).keyed().items() if k != chunk.key}
    assert {k: c.raw for k, c in parse_page(result.files[BOOK]).keyed().items() if k != chunk.key} == untouched


def test_what_an_editor_types_is_finished_by_the_merge():
    base = {NEWS: real(NEWS)}
    page = parse_page(base[NEWS])
    para = next(c for c in page.chunks if c.key.startswith("p") and c.body.endswith("\n") and not c.body.startswith("#"))
    heading = page.keyed()["p3144"]
    typed = para.raw.replace(para.body, para.body.replace("\n", " \\[7\\]\n", 1), 1)     # a citation marker
    current_text = (base[NEWS].replace(para.raw, typed + "\n\n#### ЕДИТОРДЫҢ ТАҚЫРЫБЫ", 1)    # skips h2 and h3
                    .replace("# ТЫНЫШТЫҚ КҮЗЕТШІСІ", "# Тыныштық күзетшісі", 1))      # no longer in capitals
    result = merge_edition(base, {NEWS: current_text}, base)
    assert not result.conflicts
    merged = result.files[NEWS]
    assert f"{SPAN_OPEN}\\[7\\]</span>\n" in merged
    assert '# Тыныштық күзетшісі {: #p3144 data-lines="' in merged and heading.attrs not in merged
    assert "\n\n## ЕДИТОРДЫҢ ТАҚЫРЫБЫ {: .all-caps }\n" in merged
    assert finish(merged) == merged
    again = merge_edition(result.generated, result.files, base)
    assert again.files == result.files and not again.conflicts


def test_an_editor_who_removes_the_markup_changes_no_text():
    base = {BOOK: real(BOOK), NEWS: real(NEWS)}
    current = {BOOK: without_presentation(base[BOOK]), NEWS: without_presentation(base[NEWS])}
    result = merge_edition(base, current, base)
    assert not result.conflicts and not result.records
    assert result.files == base
