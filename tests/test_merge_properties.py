"""Property tests of the three-way merge (build_edition.merge) over random edit scripts on real pages.

The pages are the edition's own generated pages (content/.edition/base): a book page with its
footnotes and apparatus, news and interview pages, and the glossary with its letter headings (chunks
without id). An editor's script corrects paragraphs and generated chunks, adds notes, deletes
paragraphs and splits them (the new id above: ``#p691-1``); a pipeline change rewrites paragraphs.
Every change carries a unique marker word, so where text ends up can be checked exactly:

* no edit → the merge is the new output;
* edit only → the merge is the edited page (finished like the pipeline's pages: a heading an editor
  puts in capitals gets the ``all-caps`` class, build_edition.text.presentation);
* both sides change one paragraph → a conflict naming it;
* editor and pipeline change different chunks → no conflict, no editor's text lost, the editor's
  changes in their order, the pipeline's changes all there, the paragraphs in the new output's order.
"""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_edition.editorial.merge import merge_edition
from build_edition.store.page_format import TITLE, Chunk, ContentPage, parse_page
from build_edition.text.presentation import finish

BASE = Path(__file__).resolve().parent.parent / "content" / ".edition" / "base"
PAGES = ("chebotarev-political-thought/03-algysoz.md", "egemen-qazaqstan-2025-issue/04-post-scriptum.md",
         "tokayev-ana-tili-interview/04-toqaevtyn-suhbaty-4-bolim.md",
         "constitution-draft-news/01-konstitutsiialyq-reformalar-zhonindegi.md", "glossary.md")
MARKER = re.compile(r"(?:ТҮЗЕТУ|ЖАҢА)\d+")
SPLIT_ID = re.compile(r"^p\d+-\d+$")             # the first half of a split paragraph (the editor's id)


def _real_page(rel: str) -> str:
    page = parse_page((BASE / rel).read_text(encoding="utf-8"))
    if len(page.chunks) > 60:          # the glossary: its first letters are enough (and keep examples quick)
        page = ContentPage(page.front, page.chunks[:60], "\n")
        kept = {c.key for c in page.chunks}     # its letter bar then links only the letters kept
        return re.sub(r"\[([^\]]+)\]\(#([^)\s]+)\)", lambda m: m.group(0) if m.group(2) in kept else m.group(1), page.render())
    return page.render()


REAL = {rel: _real_page(rel) for rel in PAGES}


def _copy(page: ContentPage) -> ContentPage:
    return ContentPage(page.front, [Chunk(c.raw, c.sep, c.key, c.line) for c in page.chunks], page.tail)


def _mark(chunk: Chunk, marker: str) -> None:
    """A word put into the chunk's text (not into its attr_list)."""
    chunk.raw = chunk.body.replace(" ", f" {marker} ", 1) + chunk.attrs


def _editable(page: ContentPage) -> list[int]:
    return [i for i, c in enumerate(page.chunks) if " " in c.body and not MARKER.search(c.raw)]


def _paragraphs(page: ContentPage) -> list[int]:
    return [i for i, c in enumerate(page.chunks) if c.key.startswith("p") and "-" not in c.key
            and c.attrs and c.body.endswith("\n") and len(c.body.split(" ")) > 3 and not MARKER.search(c.raw)]


@st.composite
def editor_script(draw, page: ContentPage, avoid: frozenset[str] = frozenset()) -> tuple[ContentPage, list[str]]:
    """The page after an editor's random edits, and the markers they put in, in reading order."""
    page = _copy(page)
    n = 0
    for op in draw(st.lists(st.sampled_from(["edit", "add", "delete", "split"]), min_size=1, max_size=6)):
        n += 1
        marker = f"ТҮЗЕТУ{n}"
        if op == "edit":
            choices = [i for i in _editable(page) if page.chunks[i].key not in avoid]
            if choices:
                _mark(page.chunks[draw(st.sampled_from(choices))], marker)
        elif op == "add":
            i = draw(st.integers(0, len(page.chunks) - 1))
            page.chunks.insert(i + 1, Chunk(f"{marker} редактордың ескертпесі.", "\n\n", "", 0))
        elif op == "delete":
            choices = [i for i, c in enumerate(page.chunks) if c.key.startswith("p") and c.key not in avoid
                       and not MARKER.search(c.raw)]
            if choices:
                del page.chunks[draw(st.sampled_from(choices))]
        else:
            choices = [i for i in _paragraphs(page) if page.chunks[i].key not in avoid]
            if choices:
                i = draw(st.sampled_from(choices))
                target = page.chunks[i]
                words = target.body.split(" ")
                half = len(words) // 2
                first = Chunk(" ".join(words[:half]) + f" {marker}\n{{: #{target.key}-{n} }}", target.sep,
                              f"{target.key}-{n}", 0)
                target.raw = " ".join(words[half:]) + target.attrs
                target.sep = "\n\n"
                page.chunks.insert(i, first)
    page = parse_page(page.render())
    return page, MARKER.findall(page.render())


@st.composite
def pipeline_change(draw, page: ContentPage, avoid: frozenset[str] = frozenset(), keyed_only: bool = False) -> ContentPage:
    """The page as a changed pipeline writes it: some paragraphs (or generated chunks) rewritten, and the
    page finished as the writer finishes every page."""
    page = _copy(page)
    choices = [i for i in _editable(page) if page.chunks[i].key not in avoid and page.chunks[i].key != TITLE
               and (page.chunks[i].key or not keyed_only)]
    if choices:
        for n, i in enumerate(draw(st.lists(st.sampled_from(choices), min_size=1, max_size=4, unique=True)), 1):
            _mark(page.chunks[i], f"ЖАҢА{n}")
    return parse_page(finish(page.render()))


LINK_TO_ID = re.compile(r"\]\(#([^)\s]+)\)")


def _without_link_targets(text: str) -> str:
    return LINK_TO_ID.sub("](#)", text)


def _dangling_links(text: str) -> list[str]:
    ids = {c.key for c in parse_page(text).chunks}
    return [m for m in LINK_TO_ID.findall(text) if m not in ids]


def _tree(rel: str, page: ContentPage) -> dict[str, str]:
    return {rel: page.render()}


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(data=st.data(), rel=st.sampled_from(PAGES))
def test_no_edit_takes_the_new_output(data, rel):
    base = parse_page(REAL[rel])
    new = data.draw(pipeline_change(base))
    result = merge_edition(_tree(rel, base), _tree(rel, base), _tree(rel, new))
    assert not result.conflicts and not result.records
    assert result.files == _tree(rel, new)


@SETTINGS
@given(data=st.data(), rel=st.sampled_from(PAGES))
def test_an_edit_alone_is_kept_exactly(data, rel):
    base = parse_page(REAL[rel])
    current, _ = data.draw(editor_script(base))
    result = merge_edition(_tree(rel, base), _tree(rel, current), _tree(rel, base))
    assert not result.conflicts
    merged = result.files[rel]
    # exactly the edited page, but for links to a paragraph the editor deleted: they follow its text
    assert _without_link_targets(merged) == _without_link_targets(finish(current.render()))
    assert _dangling_links(merged) == []
    # and it stays so: the next build (same pipeline output) changes nothing
    again = merge_edition(result.generated, result.files, _tree(rel, base))
    assert again.files == result.files and not again.conflicts


@SETTINGS
@given(data=st.data(), rel=st.sampled_from(PAGES))
def test_a_paragraph_changed_on_both_sides_is_a_conflict(data, rel):
    base = parse_page(REAL[rel])
    keyed = [i for i in _editable(base) if base.chunks[i].key and base.chunks[i].key != TITLE
             and not base.chunks[i].key.startswith("note-")]
    i = data.draw(st.sampled_from(keyed))
    current, new = _copy(base), _copy(base)
    _mark(current.chunks[i], "ТҮЗЕТУ1")
    _mark(new.chunks[i], "ЖАҢА1")
    result = merge_edition(_tree(rel, base), _tree(rel, current), _tree(rel, new))
    assert [(c.kind, c.key) for c in result.conflicts] == [("changed-both", base.chunks[i].key)]
    assert "ТҮЗЕТУ1" in result.conflicts[0].edit and "ЖАҢА1" in result.conflicts[0].new


@SETTINGS
@given(data=st.data(), rel=st.sampled_from(PAGES))
def test_any_edits_with_pipeline_changes_elsewhere_lose_nothing_and_keep_the_order(data, rel):
    base = parse_page(REAL[rel])
    current, edits = data.draw(editor_script(base))
    touched = frozenset(c.key for c in current.chunks if c.key and MARKER.search(c.raw))
    kept = {c.key for c in current.chunks if c.key}
    # the pipeline changes paragraphs the editor did not touch (touching the same one is a conflict)
    split = {k for k in kept if SPLIT_ID.match(k) and k not in {c.key for c in base.chunks}}
    changeable = frozenset(k for k in (c.key for c in base.chunks) if k and (k in touched or k not in kept
                                                                              or any(s.startswith(k + "-") for s in split)))
    new = data.draw(pipeline_change(base, avoid=changeable, keyed_only=True))
    result = merge_edition(_tree(rel, base), _tree(rel, current), _tree(rel, new))
    assert not result.conflicts
    merged = result.files[rel]
    assert _dangling_links(merged) == []
    markers = MARKER.findall(merged)
    assert [m for m in markers if m.startswith("ТҮЗЕТУ")] == edits                      # nothing lost, same order
    assert sorted(m for m in markers if m.startswith("ЖАҢА")) == sorted(MARKER.findall(new.render()))
    order = [c.key for c in parse_page(merged).chunks if c.key and c.key != TITLE and c.key not in split]
    assert order == [c.key for c in new.chunks if c.key and c.key != TITLE and c.key in kept]
