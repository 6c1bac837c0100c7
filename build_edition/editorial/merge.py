"""Three-way merge of a regenerated edition with editors' corrections in content/.

content/ is the curated source of truth: editors correct it by pull request, the pipeline keeps
improving, and neither may destroy the other's work. Every build therefore merges three trees:

* **base**: what the pipeline generated last time, mirrored byte for byte under
  ``content/.edition/base/`` and committed with content/ (MkDocs ignores dot folders). Keeping it
  inside content/ means the atomic swap of ``write_tree`` replaces content and base together: they
  can never disagree after an interrupted build.
* **current**: content/ as it is now, maybe edited.
* **new**: the fresh pipeline output.

Pages are merged per segment. The writer renders every block as one chunk ending with an attr_list
that carries ``#<id>`` (``{: #p123 data-lines="…" }``); a segment is such a chunk, keyed by the
document folder and the id (ids are unique per document, so a segment may move between pages when
the page split changes). For every segment:

* current == base → take new (the editor did not touch it);
* new == base → keep current (an edit the pipeline did not disturb; recorded for the changelog);
* both changed differently → **conflict**;
* edited (or deleted) by the editor while the new output changed or dropped it → **conflict**.

The text before the attr_list and the attr_list itself are merged separately, so a pipeline change
of ``data-lines`` does not collide with a corrected word; so is the segment's permalink line (its ¶,
:func:`build_edition.store.page_format.permalink`), which is never a conflict: an editor who deletes
it keeps it deleted, otherwise the new output's stands; and so is the print-page milestone (``[69]``)
that opens a paragraph's text, which opens the merged text again. The presentation markup the pipeline
writes (heading levels, all-caps classes, citation spans: text/presentation.py) is written on every side
before the merge and on its result, so it is never an edit. Front matter is merged key by key, the
``# title`` line like a segment, the blank lines before a chunk like a value. Chunks the pipeline
writes without an id (the glossary's letter headings, notes) are recognised by aligning each page
with its base page and merged in place like segments (an editor's correction is kept, never
counted as an addition). Chunks without an id that an editor added (a footnote, the second half of
a split paragraph, a note) stay in place, attached to the chunk before them; a chunk whose id
derives from the next segment's (``#p691-1`` above ``#p691``, the first half of a split
paragraph) stays right before that segment. If the chunk they follow disappears they move to the
nearest earlier surviving one. Files the pipeline never generated (a glossary data file, an image)
are kept. Generated files without ids (landing pages, home page, logs, navigation) get a
line-level three-way merge (diff3). Before merging, generated files are adapted to the editors'
structure (:mod:`build_edition.editorial.follow`: links to deleted paragraphs, edited titles).

Any conflict stops the build before anything is written; ``build-edition resolve`` settles one
(see :func:`resolve_conflict` and CONTRIBUTING.md). Nothing is ever overwritten silently.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from collections.abc import Callable

import yaml

from build_edition.core.errors import EditionError
from build_edition.editorial.diff3 import merge_lines
from build_edition.editorial.follow import edited_titles, redirect_links, redirects, retitle
from build_edition.store.page_format import (with_milestone, ATTR_AT_END, BASE, CORRECTIONS, FRONT, README, TITLE, Chunk,
                                             ContentPage, _is_page_text, finish_pages, parse_page, read_base, read_tree)

CONFLICT_CLASS = "edition-conflict"

STORE_README = """\
# content/.edition — managed by `build-edition`, do not edit by hand

`base/` mirrors, byte for byte, the files the pipeline generated at the last build. The next build
compares three versions of every paragraph: this base, content/ as edited, and the new pipeline
output. A paragraph nobody edited takes the new output, an edited one keeps the edit, and a
paragraph changed on both sides stops the build with a conflict (see CONTRIBUTING.md,
`build-edition resolve`).

`corrections.jsonl` lists every editorial correction the last build kept (also shown on the page
changes.md).
"""


# -- the merge -------------------------------------------------------------------------------------

@dataclass
class Conflict:
    kind: str          # changed-both, edited-gone, deleted-changed, id-collision, title, front, file,
                       # file-deleted-changed, file-edited-gone, page-gone
    file: str          # path inside content/ where the editor's version is (or the new file)
    key: str           # segment id, "@title", "@front:<key>", or "" for a whole file
    line: int
    edit: str | None
    new: str | None
    base: str | None = None

    EXPLAIN = {
        "changed-both": "edited in content/ and changed by the new pipeline output",
        "edited-gone": "edited in content/, but the new pipeline output no longer has this paragraph",
        "deleted-changed": "deleted in content/, but the new pipeline output changed it",
        "id-collision": "an id an editor added is now also produced by the pipeline for other text",
        "title": "the page title was edited and also changed by the new pipeline output",
        "front": "a front-matter field was edited and also changed by the new pipeline output",
        "file": "a generated file was edited and the new output changed the same lines",
        "file-deleted-changed": "a generated file was deleted in content/, but the new output changed it",
        "file-edited-gone": "a generated file was edited, but the new build no longer generates it",
        "page-gone": "the page was edited, but the new build no longer generates it (its paragraphs moved)",
    }

    def describe(self, content_label: str = "content") -> str:
        where = f"{content_label}/{self.file}" + (f":{self.line}" if self.line else "")
        head = f"{where}: {self.key or '(whole file)'}: {self.EXPLAIN[self.kind]}"
        lines = [head]
        if self.edit and self.new:
            from build_edition.text.markdown import plain_text
            from build_edition.write.changes_page import word_diff

            was, now = word_diff(plain_text(self.edit), plain_text(self.new))
            lines.append(f"    difference: edit has {_marked(was, 'del')}; new output has {_marked(now, 'ins')}")
        for label, text in (("edit in content/", self.edit), ("new pipeline output", self.new)):
            if text is None:
                shown = "(absent)"
            else:
                shown = "\n".join("      " + t for t in text.rstrip("\n").split("\n")) if text else "      (empty)"
                shown = "\n" + shown
            lines.append(f"    {label}:{shown}")
        return "\n".join(lines)


def _marked(excerpt: str, tag: str) -> str:
    """The changed words of a word_diff excerpt, quoted for a terminal message."""
    words = re.findall(rf"<{tag}>(.*?)</{tag}>", excerpt)
    return ", ".join(f"«{w}»" for w in words) if words else "(nothing)"


@dataclass
class CorrectionRecord:
    """One editorial correction the merge kept (the changelog is built from these)."""
    kind: str             # edit, addition, deletion
    doc: str              # document folder
    file: str             # page in the merged content/ where it is now (or would have been)
    key: str              # segment id (for additions: the segment they follow)
    before: str           # the pipeline's text (Markdown)
    after: str            # the editor's text (Markdown)
    source_file: str      # file and lines of the editor's version in content/ before the merge, for dates
    source_lines: tuple[int, int] = (0, 0)

    def as_dict(self) -> dict:
        return {"kind": self.kind, "document": self.doc, "file": self.file, "id": self.key,
                "before": self.before, "after": self.after}


@dataclass
class MergeResult:
    files: dict[str, str]                    # the new content/ (without the .edition store)
    conflicts: list[Conflict] = field(default_factory=list)
    records: list[CorrectionRecord] = field(default_factory=list)
    kept_files: list[str] = field(default_factory=list)     # editor-added files kept as they are
    moved: list[tuple[str, str]] = field(default_factory=list)  # (file, id) of paragraphs an editor moved
    bootstrap: bool = False
    generated: dict[str, str] = field(default_factory=dict)  # the new output, stored as the next base


class MergeConflictError(EditionError):
    def __init__(self, conflicts: list[Conflict], content_label: str = "content"):
        self.conflicts = conflicts
        body = "\n\n".join(c.describe(content_label) for c in conflicts)
        first = conflicts[0]
        example = f"{content_label}/{first.file} {first.key}".rstrip()
        super().__init__(
            f"{len(conflicts)} merge conflict(s) between editors' corrections and the new pipeline output; "
            f"nothing was written, {content_label}/ is unchanged.\n\n{body}\n",
            hint=f"settle each one with `build-edition resolve {example} --keep-edit` (or --take-new, --both), "
                 "then build again; see CONTRIBUTING.md")


def _doc_of(rel: str) -> str:
    return str(PurePosixPath(rel).parent)


def _merge_value(base, edit, new):
    """Three-way merge of one value; returns (value, conflict?)."""
    if edit == base:
        return new, False
    if new == base or edit == new:
        return edit, False
    return edit, True


_MISSING = object()


def _merge_attrs(base: str, edit: str, new: str) -> tuple[str, bool]:
    """Merge two attr_lists token by token (a pipeline change of data-lines never collides with an edit)."""
    if edit == base:
        return new, False
    if new == base or edit == new:
        return edit, False

    def tokens(attr: str) -> dict[str, str]:
        inner = ATTR_AT_END.search(attr)
        parts = re.findall(r'[^\s"=]+="[^"]*"|\S+', inner.group(1) if inner else "")
        return {p.split("=", 1)[0] if "=" in p else p: p for p in parts}

    tb, te, tn = tokens(base), tokens(edit), tokens(new)
    out: dict[str, str] = {}
    for name in list(tn) + [k for k in te if k not in tn]:
        value, clash = _merge_value(tb.get(name, _MISSING), te.get(name, _MISSING), tn.get(name, _MISSING))
        if clash:
            return edit, True
        if value is not _MISSING:
            out[name] = value
    # an id token that vanished by the merge would orphan the segment: keep the new one first
    return "{: " + " ".join(out.values()) + " }", False


def merge_edition(base: dict[str, str] | None, current: dict[str, str], new: dict[str, str],
                  late: Callable[[MergeResult], dict[str, str]] | None = None) -> MergeResult:
    """Merge the generated ``new`` files into ``current`` content (all three: {relative path: text}).

    ``base`` None means no base was ever recorded (the first build with editor merging): the current
    content is then taken as the last generated text. ``late`` makes generated files that depend on
    the page merge (the changelog page); they replace their placeholders in ``new`` before the
    remaining files are merged. ``result.generated`` is the final new output (the next base).
    """
    current = {k: v.replace("\r\n", "\n") for k, v in current.items()}
    bootstrap = base is None and bool(current)
    if base is None:
        base = dict(current)
    # every side finished alike (text/presentation.py): that markup is no edit, and an editor's text gets it too
    finished: dict[str, str] = {}
    base, current, new = (finish_pages(tree, finished) for tree in (base, current, new))
    # generated files follow the editors' structure: links to deleted paragraphs, edited page titles
    touched = {_doc_of(r) for r in set(base) | set(current) if r.endswith(".md") and base.get(r) != current.get(r)}
    moved = redirects(base, current, new, touched)
    if moved:     # all three sides alike, so the adapted links are never taken for anyone's change
        base = {**base, **redirect_links(base, moved)}
        current.update(redirect_links(current, moved))
        new.update(redirect_links(new, moved))
    new.update(retitle(new, edited_titles(base, current, new)))
    result = MergeResult({}, bootstrap=bootstrap)
    page_names = {rel for rel in set(base) | set(new)
                  if rel.endswith(".md") and _is_page_text(new[rel] if rel in new else base[rel])}
    # pages an editor added (not generated, not in base) are kept verbatim, like any added file
    _merge_pages(page_names, base, current, new, result)
    if late is not None:
        made = late(result)
        made.update(redirect_links(made, moved))
        new.update(finish_pages(made, finished))
    result.generated = dict(sorted(new.items()))
    for rel in sorted(set(base) | set(current) | set(new)):
        if rel in page_names:
            continue
        b, c, n = base.get(rel), current.get(rel), new.get(rel)
        if n is not None:
            if c is None:
                if b is None:
                    result.files[rel] = n
                elif n != b:
                    result.conflicts.append(Conflict("file-deleted-changed", rel, "", 0, None, n, b))
                # else: the editor deleted a generated file and the pipeline did not change it: keep deleted
                continue
            merged, clashes = merge_lines(b if b is not None else "", c, n)
            for clash in clashes:
                result.conflicts.append(Conflict("file", rel, "", clash.line, "".join(clash.edit),
                                                 "".join(clash.new), "".join(clash.base)))
            result.files[rel] = merged
        elif c is not None:
            if b is None:
                result.files[rel] = c
                result.kept_files.append(rel)
            elif c != b:
                result.conflicts.append(Conflict("file-edited-gone", rel, "", 0, c, None, b))
    result.files = dict(sorted(finish_pages(result.files, finished).items()))   # pages made of both sides too
    return result


def _merge_pages(page_names: set[str], base: dict[str, str], current: dict[str, str], new: dict[str, str],
                 result: MergeResult) -> None:
    # Fast path, the common case: no page of a document was touched, so its pages are the new output.
    untouched = set()
    for doc in {_doc_of(r) for r in page_names}:
        names = {r for r in page_names if _doc_of(r) == doc}
        if all(base.get(r) == current.get(r) for r in names):
            untouched.add(doc)
            result.files.update({r: new[r] for r in names if r in new})
    page_names = {r for r in page_names if _doc_of(r) not in untouched}
    parsed_base = {r: parse_page(base[r]) for r in sorted(page_names) if r in base}
    parsed_cur = {r: parse_page(current[r]) for r in sorted(page_names) if r in current}
    parsed_new = {r: parse_page(new[r]) for r in sorted(page_names) if r in new}

    # whole generated pages an editor deleted
    for rel in sorted(page_names):
        if rel in base and rel not in current and rel in new:
            if new[rel] != base[rel]:
                result.conflicts.append(Conflict("file-deleted-changed", rel, "", 0, None, new[rel], base[rel]))
            parsed_new.pop(rel)

    docs = sorted({_doc_of(r) for r in page_names})
    for doc in docs:
        b_pages = {r: p for r, p in parsed_base.items() if _doc_of(r) == doc}
        c_pages = {r: p for r, p in parsed_cur.items() if _doc_of(r) == doc}
        n_pages = {r: p for r, p in parsed_new.items() if _doc_of(r) == doc}
        _merge_document(doc, b_pages, c_pages, n_pages, result)


def moved_ids(base_order: list[str], current_order: list[str]) -> list[str]:
    """Ids whose order an editor changed: shared ids outside the longest common ordering.

    >>> moved_ids(["p1", "p2", "p3", "p4"], ["p1", "p3", "p4", "p2"])
    ['p2']
    >>> moved_ids(["p1", "p2", "p3"], ["p1", "p3"])
    []
    """
    shared = set(base_order) & set(current_order)
    b = [k for k in base_order if k in shared]
    c = [k for k in current_order if k in shared]
    if b == c:
        return []
    kept = set()
    for block in difflib.SequenceMatcher(None, b, c, autojunk=False).get_matching_blocks():
        kept.update(b[block.a:block.a + block.size])
    return [k for k in c if k not in kept]


def _index(pages: dict[str, ContentPage], result: MergeResult | None, what: str) -> dict[str, tuple[str, Chunk]]:
    index: dict[str, tuple[str, Chunk]] = {}
    for rel, page in pages.items():
        for chunk in page.chunks:
            if chunk.key and chunk.key != TITLE:
                if chunk.key in index:
                    other = index[chunk.key]
                    raise EditionError(
                        f"the paragraph id #{chunk.key} occurs twice in the {what} "
                        f"(also at {other[0]}:{other[1].line})", file=rel, line=chunk.line,
                        hint="every paragraph keeps its own id; give a copied or split paragraph a new one "
                             f"(e.g. #{chunk.key}-1) or remove the duplicated attr_list")
                index[chunk.key] = (rel, chunk)
    return index


def _merge_document(doc: str, b_pages: dict[str, ContentPage], c_pages: dict[str, ContentPage], n_pages: dict[str, ContentPage],
                    result: MergeResult) -> None:
    b_index = _index(b_pages, None, "base (.edition/base)")
    c_index = _index(c_pages, result, "content")
    n_index = _index(n_pages, None, "new pipeline output")
    conflicts = result.conflicts
    # The edition keeps the source order: a paragraph an editor moved goes back to its place, and the
    # build says so (the linter warns about it in the pull request already).
    for key in moved_ids([k for r in sorted(b_pages) for k in b_pages[r].keyed()],
                         [k for r in sorted(c_pages) for k in c_pages[r].keyed()]):
        if key in n_index:
            result.moved.append((c_index[key][0], key))

    # which new page continues which current page (for titles and front matter): most shared ids
    origin_of: dict[str, str] = {}
    for crel in sorted(c_pages):
        ids = set(c_pages[crel].keyed())
        best = max(sorted(n_pages), key=lambda nrel: (len(ids & set(n_pages[nrel].keyed())), nrel == crel),
                   default=None)
        if best is None or not (ids & set(n_pages[best].keyed()) or best == crel):
            continue
        held = origin_of.get(best)
        if held is None or len(ids & set(n_pages[best].keyed())) > len(set(c_pages[held].keyed()) & set(n_pages[best].keyed())):
            origin_of[best] = crel
    mapped_current = set(origin_of.values())

    # Chunks without id the pipeline generated (a glossary's letter headings, a landing page's notes) are
    # told from an editor's additions by aligning each page with its base page (_IdlessFates): they are
    # merged in place like segments and are never taken for additions (or they would be doubled on
    # every build). What is left, chunks without id and chunks with ids neither generated before nor
    # now, are editors' additions: each is anchored to the chunk before it (a segment, a generated
    # chunk, the title), or, when it carries an id derived from the next segment (`#p691-1` above
    # `#p691`: the first half of a split paragraph), to the segment after it.
    cur_fates = {crel: _IdlessFates.of(b_pages.get(crel), c_pages[crel]) for crel in c_pages}
    new_fates = {nrel: _IdlessFates.of(b_pages.get(origin_of[nrel]), n_pages[nrel]) if nrel in origin_of
                 else _IdlessFates() for nrel in n_pages}
    survivors: set[tuple] = {("key", k) for k in n_index}
    for nrel, fates in new_fates.items():
        if nrel in origin_of:
            survivors.update(("gen", origin_of[nrel], j) for j in fates.base_indices())
    additions: dict[tuple, list[Chunk]] = {}
    reading: list[tuple[str, tuple]] = []       # (file, anchor) of every segment and generated chunk, in order
    added_records: list[tuple[tuple, CorrectionRecord]] = []

    def flush(run: list[Chunk], next_anchor: tuple | None, anchor: tuple, crel: str, record_key: str) -> None:
        """Anchor the editor's chunks ``run`` found after ``anchor`` (and before ``next_anchor``)."""
        split = len(run)
        if next_anchor and next_anchor[0] == "key" and next_anchor in survivors:
            derived = [i for i, c in enumerate(run) if c.key.startswith(next_anchor[1] + "-")]
            split = derived[0] if derived else split
        for i, chunk in enumerate(run):
            target = ("before", next_anchor[1]) if i >= split else _rehome(anchor, reading, survivors,
                                                                           origin_of, n_pages)
            if target is None:
                conflicts.append(Conflict("page-gone", crel, chunk.key, chunk.line, chunk.raw, None))
                continue
            additions.setdefault(target, []).append(chunk)
            added_records.append((target, CorrectionRecord("addition", doc, "", record_key, "", chunk.raw, crel,
                                                 (chunk.line, chunk.last_line))))
        run.clear()

    for crel in sorted(c_pages):
        gen = cur_fates[crel].by_index()
        anchor: tuple = ("title", crel)
        record_key = TITLE
        run: list[Chunk] = []
        for k, chunk in enumerate(c_pages[crel].chunks):
            if chunk.key == TITLE:
                continue
            if chunk.key and (chunk.key in b_index or chunk.key in n_index):
                flush(run, ("key", chunk.key), anchor, crel, record_key)
                anchor, record_key = ("key", chunk.key), chunk.key
            elif not chunk.key and k in gen:
                flush(run, None, anchor, crel, record_key)
                anchor = ("gen", crel, gen[k])
            else:
                run.append(chunk)
                continue
            reading.append((crel, anchor))
        flush(run, None, anchor, crel, record_key)

    # segments that disappeared from the new output
    for key, (crel, chunk) in c_index.items():
        if key in n_index or key not in b_index:
            continue
        b_chunk = b_index[key][1]
        if chunk.body != b_chunk.body:
            conflicts.append(Conflict("edited-gone", crel, key, chunk.line, chunk.body, None, b_chunk.body))
    # heads of current pages no new page continues
    for crel, page in c_pages.items():
        if crel in mapped_current or crel not in b_pages:
            continue
        b_title, c_title = b_pages[crel].title, page.title
        if (c_title and c_title.raw) != (b_title and b_title.raw) or page.front != b_pages[crel].front:
            conflicts.append(Conflict("page-gone", crel, TITLE, c_title.line if c_title else 1,
                                      c_title.raw if c_title else page.front, None))

    placed: dict[tuple, str] = {}

    def attached(target: tuple, nrel: str) -> list[Chunk]:
        chunks = additions.pop(target, [])
        if chunks:
            placed[target] = nrel
        return chunks

    for nrel in sorted(n_pages):
        n_page = n_pages[nrel]
        crel = origin_of.get(nrel)
        c_page = c_pages.get(crel) if crel else None
        b_page = b_pages.get(crel) if crel else None
        title_anchor = ("title", crel or nrel)
        out = ContentPage(_merge_front(nrel, crel, b_page, c_page, n_page, conflicts), [], n_page.tail)
        if n_page.title is None:   # no title line: additions after the title go right after the front matter
            out.chunks.extend(attached(title_anchor, nrel))
        fates = new_fates[nrel]
        for i, chunk in enumerate(n_page.chunks):
            if chunk.key == TITLE:
                merged = _merge_title(nrel, crel, b_page, c_page, chunk, conflicts, result, doc)
                out.chunks.append(Chunk(merged, chunk.sep, TITLE, 0))
                out.chunks.extend(attached(title_anchor, nrel))
            elif not chunk.key:
                j = fates.by_index().get(i)
                if j is None or c_page is None:
                    out.chunks.append(chunk)        # a chunk the pipeline generates for the first time
                    continue
                raw = _merge_generated(doc, nrel, crel, chunk, i in fates.same, b_page.chunks[j], c_page,
                                       cur_fates[crel].where(j), conflicts, result)
                if raw is not None:
                    c_at = cur_fates[crel].where(j)
                    c_entry = (crel, c_page.chunks[c_at]) if c_at is not None else None
                    out.chunks.append(Chunk(raw, _merge_sep((crel, b_page.chunks[j]), c_entry, chunk), "", 0))
                out.chunks.extend(attached(("gen", crel, j), nrel))
            else:
                out.chunks.extend(attached(("before", chunk.key), nrel))
                merged = _merge_segment(doc, nrel, chunk, b_index.get(chunk.key), c_index.get(chunk.key),
                                        conflicts, result)
                if merged is not None:
                    out.chunks.append(Chunk(merged, _merge_sep(b_index.get(chunk.key), c_index.get(chunk.key), chunk),
                                            chunk.key, 0))
                out.chunks.extend(attached(("key", chunk.key), nrel))
        result.files[nrel] = out.render()
    for target, record in added_records:
        record.file = placed.get(target, "")
        result.records.append(record)


@dataclass
class _IdlessFates:
    """Which chunks without id of a base page another version of the page (content/ or the new output)
    still has: ``same`` {index there: base index} for equal chunks, ``changed`` for chunks changed
    one for one (a corrected heading); the other base chunks without id were deleted on that side."""
    same: dict[int, int] = field(default_factory=dict)
    changed: dict[int, int] = field(default_factory=dict)

    @classmethod
    def of(cls, b_page: ContentPage | None, other: ContentPage) -> _IdlessFates:
        fates = cls()
        if b_page is None:
            return fates
        a, b = b_page.chunks, other.chunks
        matcher = difflib.SequenceMatcher(None, [c.raw for c in a], [c.raw for c in b], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                fates.same.update((j1 + k, i1 + k) for k in range(i2 - i1) if not a[i1 + k].key)
            elif tag == "replace":
                was = [i for i in range(i1, i2) if not a[i].key]
                now = [j for j in range(j1, j2) if not b[j].key]
                if len(was) == len(now):
                    fates.changed.update(zip(now, was))
        return fates

    def by_index(self) -> dict[int, int]:
        return {**self.same, **self.changed}

    def base_indices(self) -> set[int]:
        return set(self.same.values()) | set(self.changed.values())

    def where(self, base_index: int) -> int | None:
        """The index on this side of a base chunk without id, or None when it was deleted here."""
        return next((k for k, j in self.by_index().items() if j == base_index), None)


def _merge_sep(b_entry, c_entry, n_chunk: Chunk) -> str:
    """The blank lines before a chunk: an editor's change (a blank line that ends a list) is kept."""
    if b_entry is None or c_entry is None:
        return n_chunk.sep
    value, _ = _merge_value(b_entry[1].sep, c_entry[1].sep, n_chunk.sep)
    return value


def _merge_generated(doc: str, nrel: str, crel: str, n_chunk: Chunk, new_unchanged: bool, b_chunk: Chunk,
                     c_page: ContentPage, c_at: int | None, conflicts: list[Conflict], result: MergeResult) -> str | None:
    """The merged raw text of a generated chunk without id, or None when the editor's deletion stands."""
    if c_at is None:
        if new_unchanged:
            result.records.append(CorrectionRecord("deletion", doc, nrel, "", b_chunk.raw, "", crel))
            return None
        conflicts.append(Conflict("file", crel, "", 0, None, n_chunk.raw, b_chunk.raw))
        return n_chunk.raw
    c_chunk = c_page.chunks[c_at]
    if c_chunk.raw == b_chunk.raw or c_chunk.raw == n_chunk.raw:
        return n_chunk.raw
    if not new_unchanged:
        conflicts.append(Conflict("file", crel, "", c_chunk.line, c_chunk.raw, n_chunk.raw, b_chunk.raw))
    else:
        result.records.append(CorrectionRecord("edit", doc, nrel, "", n_chunk.raw, c_chunk.raw, crel,
                                     (c_chunk.line, c_chunk.last_line)))
    return c_chunk.raw


def _rehome(anchor: tuple, reading: list[tuple[str, tuple]], survivors: set[tuple],
            origin_of: dict[str, str], n_pages: dict[str, ContentPage]) -> tuple | None:
    """Where an editor's chunk goes: after its anchor, or the nearest earlier one that still exists.

    Anchors are ("key", id), ("gen", file, base index) for generated chunks without id and ("title",
    current file); the page that continues that file takes a title's additions.
    """
    if anchor[0] == "title":
        crel = anchor[1]
        if crel in origin_of.values():
            return anchor
        earlier = [a for f, a in reading if f < crel]
    else:
        if anchor in survivors:
            return anchor
        earlier = [a for _, a in reading[:reading.index((_file_of(anchor, reading), anchor))]]
    for a in reversed(earlier):
        if a in survivors:
            return a
    if not n_pages:
        return None
    first = min(n_pages)
    return ("title", origin_of.get(first) or first)


def _file_of(anchor: tuple, reading: list[tuple[str, tuple]]) -> str:
    return next(f for f, a in reading if a == anchor)


def _merge_segment(doc: str, nrel: str, n_chunk: Chunk, b_entry, c_entry, conflicts: list[Conflict],
                   result: MergeResult) -> str | None:
    """The merged raw text of one segment, or None when the editor's deletion stands."""
    if c_entry is None:
        if b_entry is None:
            return n_chunk.raw                     # a new paragraph
        b_chunk = b_entry[1]
        if b_chunk.body == n_chunk.body:
            result.records.append(CorrectionRecord("deletion", doc, nrel, n_chunk.key, n_chunk.body, "", b_entry[0]))
            return None                            # the editor deleted it; the pipeline did not change it
        conflicts.append(Conflict("deleted-changed", nrel, n_chunk.key, 0, None, n_chunk.body, b_chunk.body))
        return n_chunk.raw
    crel, c_chunk = c_entry
    if b_entry is None:
        if c_chunk.body == n_chunk.body:
            return c_chunk.raw if c_chunk.attrs else n_chunk.raw
        conflicts.append(Conflict("id-collision", crel, n_chunk.key, c_chunk.line, c_chunk.body, n_chunk.body))
        return c_chunk.raw
    b_chunk = b_entry[1]
    body, clash = _merge_value(b_chunk.body, c_chunk.body, n_chunk.body)
    if clash:
        conflicts.append(Conflict("changed-both", crel, n_chunk.key, c_chunk.line, c_chunk.body, n_chunk.body,
                                  b_chunk.body))
        return c_chunk.raw
    attrs, clash = _merge_attrs(b_chunk.attrs, c_chunk.attrs, n_chunk.attrs)
    if clash:
        conflicts.append(Conflict("changed-both", crel, n_chunk.key, c_chunk.line, c_chunk.raw, n_chunk.raw,
                                  b_chunk.raw))
        return c_chunk.raw
    # the ¶ line is no text: an editor's deletion of it stands, and it never makes a conflict
    link, _ = _merge_value(b_chunk.permalink, c_chunk.permalink, n_chunk.permalink)
    # nor is the print-page milestone [69] that opens the text: it opens the merged text again
    mark, _ = _merge_value(b_chunk.milestone, c_chunk.milestone, n_chunk.milestone)
    if body != n_chunk.body:
        result.records.append(CorrectionRecord("edit", doc, nrel, n_chunk.key, n_chunk.body, body, crel,
                                     (c_chunk.line, c_chunk.last_line)))
    return with_milestone(body, mark or "") + link + attrs


def _merge_title(nrel, crel, b_page, c_page, n_title: Chunk, conflicts, result, doc) -> str:
    c_title = c_page.title if c_page else None
    if c_page is None:
        return n_title.raw
    b_raw = b_page.title.raw if b_page and b_page.title else None
    c_raw = c_title.raw if c_title else None
    if b_page is None:
        if c_raw in (None, n_title.raw):
            return n_title.raw
        conflicts.append(Conflict("title", crel, TITLE, c_title.line, c_raw, n_title.raw))
        return c_raw
    value, clash = _merge_value(b_raw, c_raw, n_title.raw)
    if clash:
        conflicts.append(Conflict("title", crel, TITLE, c_title.line if c_title else 1, c_raw, n_title.raw, b_raw))
        return c_raw or n_title.raw
    if value is None:
        return n_title.raw
    if value != n_title.raw:
        result.records.append(CorrectionRecord("edit", doc, nrel, TITLE, n_title.raw, value, crel,
                                     (c_title.line, c_title.line) if c_title else (0, 0)))
    return value


def _merge_front(nrel, crel, b_page, c_page, n_page: ContentPage, conflicts) -> str:
    if c_page is None or c_page.front == n_page.front:
        return n_page.front
    if b_page is not None and c_page.front == b_page.front:
        return n_page.front
    b = b_page.front_data(f".edition/base/{crel}") if b_page else {}
    c = c_page.front_data(crel)
    n = n_page.front_data(nrel)
    out = {}
    for key in list(n) + [k for k in c if k not in n]:
        value, clash = _merge_value(b.get(key, _MISSING), c.get(key, _MISSING), n.get(key, _MISSING))
        if clash:
            conflicts.append(Conflict("front", crel, f"{FRONT}:{key}", 1, f"{key}: {c.get(key)}",
                                      f"{key}: {n.get(key)}", f"{key}: {b.get(key)}" if key in b else None))
        if value is not _MISSING:
            out[key] = value
    if out == n and list(out) == list(n):
        return n_page.front
    return "---\n" + yaml.safe_dump(out, allow_unicode=True, sort_keys=False) + "---\n"


# -- reading and writing the trees -----------------------------------------------------------------

def with_store(files: dict[str, str], base: dict[str, str], records_jsonl: str) -> dict[str, str]:
    """The merged files plus the managed store: base mirror, README, corrections."""
    out = dict(files)
    out[README] = STORE_README
    out[CORRECTIONS] = records_jsonl
    for rel, text in base.items():
        out[f"{BASE}/{rel}"] = text
    return dict(sorted(out.items()))


def content_label(content: Path) -> str:
    """How to name the content folder in messages: relative to the working directory when inside it."""
    try:
        return content.resolve().relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return str(content)


def merge_into_content(new: dict[str, str], content: Path) -> MergeResult:
    """Merge fresh pipeline output with content/ (and its base); raise before writing on any conflict.

    Returns the result whose ``files`` are everything to write to content/, store included.
    """
    from build_edition.write import abbreviations, changes_page

    current = read_tree(content)
    base = read_base(content)
    dates = changes_page.GitDates(content) if content.is_dir() else changes_page.NoDates()

    def late(partial: MergeResult) -> dict[str, str]:
        titles = changes_page.document_titles(new)
        made = {changes_page.PAGE: changes_page.render_changes_page(partial.records, titles, dates)}
        if abbreviations.PAGE in new:       # the glued forms of abbreviations the merged pages use
            texts = {**{r: t for r, t in new.items() if r.endswith(".md") and r != abbreviations.PAGE}, **partial.files}
            made[abbreviations.PAGE] = abbreviations.refresh(new[abbreviations.PAGE], texts.values())
        return made

    result = merge_edition(base, current, new, late=late)
    if result.conflicts:
        raise MergeConflictError(result.conflicts, content_label(content))
    result.files = with_store(result.files, result.generated, changes_page.corrections_jsonl(result.records, dates))
    return result
