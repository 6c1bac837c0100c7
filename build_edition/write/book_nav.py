"""A document's pages in the site navigation, nested as the document is: its parts (a book's chapters)
hold the pages a long part was cut into, each labelled with the document's own headings.

A page that starts a part of the document (a block marked ``page_title`` by the structure passes:
`I-тарау. …`, `Алғысөз`, `Қорытынды`) is a navigation item; where such a part was cut into several
pages (:func:`build_edition.write.writer.split_pages`), it becomes a section of the navigation with one
item per page. Labels come from the text, never from counting:

* the part's first page: the first heading under the part's title (`1. Негізгі тенденциялар мен
  процестер`);
* a page cut at a section: that section's heading (`2. Ресми тәсіл`), a page cut elsewhere: the first
  heading on it, or, with none, the heading it continues and "(жалғасы)" ("continued"; the last of
  several continuation pages "(соңы)", "end");
* the numbers of the other numbered headings on the page follow in brackets (`2. Мемлекеттік құрылыс
  (2.1)`), so that no number of the book's outline is missing from the navigation;
* two parts with one title (the book's two forewords) are told apart by the signature under the text
  (`Алғысөз (Сұлтан Әкімбеков, Мұрат Лаумулин)`) or their first subheading.

Page files (and so addresses) are those of the pages: only the navigation is nested.
"""
from __future__ import annotations

import re
from collections import Counter

NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.\s")
CONTINUED = "жалғасы"
ENDED = "соңы"


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _headings(page) -> list:
    return [b for b in page.blocks if b.kind == "heading"]


def _starts_part(page) -> bool:
    return bool(page.blocks and page.blocks[0].attrs.get("page_title"))


def parts_of(pages: list) -> list[list]:
    """The pages grouped by the part of the document each belongs to, in order."""
    parts: list[list] = []
    for page in pages:
        if _starts_part(page) or not parts:
            parts.append([])
        parts[-1].append(page)
    return parts


def _title_heading(page):
    """The heading that carries the part's title on its first page (the first heading, after a
    chapter label such as `I-тарау`)."""
    for block in page.blocks[:2]:
        if block.kind == "heading":
            return block
        if block.attrs.get("role") != "chapter-label":
            return None
    return None


def _page_labels(part: list) -> list[str]:
    """Labels of the pages of one part (at least two pages)."""
    labels: list[str] = []
    last_heading = _one_line(part[0].title)
    continued: list[int] = []           # indices of pages without a heading of their own, per run
    runs: list[list[int]] = []
    for n, page in enumerate(part):
        title = _title_heading(page) if n == 0 else None
        headings = [h for h in _headings(page) if h is not title]
        if n > 0 and page.blocks and page.blocks[0].kind == "heading":
            label = _one_line(page.blocks[0].text)
            own = headings[1:]
            continued = []
        elif headings:
            label = _one_line(headings[0].text)
            own = headings[1:]
            continued = []
        else:
            label = f"{last_heading} ({CONTINUED})"
            own = []
            if not continued:
                runs.append(continued)
            continued.append(n)
        numbers = [m.group(1) for m in (NUMBERED.match(_one_line(h.text)) for h in own) if m]
        if numbers:
            label += " (" + ", ".join(numbers) + ")"
        if headings:
            last_heading = _one_line(headings[-1].text)
        labels.append(label)
    for run in runs:
        if len(run) > 1:
            base = labels[run[-1]][:-len(f"({CONTINUED})")]
            labels[run[-1]] = f"{base}({ENDED})"
    return _unique(labels, part)


def _distinguish(page) -> str:
    """What tells a page from another of the same title: the names signed under its texts, or its
    first subheading."""
    names = [_one_line(b.text) for b in page.blocks if b.kind == "signature" and not re.search(r"\d", b.text)]
    if names:
        return ", ".join(dict.fromkeys(names))
    title = _title_heading(page)
    sub = next((h for h in _headings(page) if h is not title), None)
    return _one_line(sub.text) if sub is not None else ""


def _unique(labels: list[str], pages: list) -> list[str]:
    counts = Counter(labels)
    out = []
    for label, page in zip(labels, pages):
        if counts[label] > 1:
            extra = _distinguish(page)
            if extra:
                label = f"{label} ({extra})"
        out.append(label)
    counts = Counter(out)
    seen: Counter = Counter()
    final = []
    for label in out:             # still the same: the page's place among its namesakes (rare)
        seen[label] += 1
        final.append(label if counts[label] == 1 else f"{label} [{seen[label]}]")
    return final


def nav_items(pages: list, slug: str, label_of) -> list:
    """The navigation items of a document's pages: one per part, a part of several pages as a section.

    ``label_of(page, index, total)`` labels a page standing alone (the writer's own rule); a document
    of one part keeps its pages flat (the document is the section already)."""
    parts = parts_of(pages)
    if len(parts) < 2:
        return [{label_of(page, i, len(pages)): f"{slug}/{page.file}"} for i, page in enumerate(pages, 1)]
    tops = _unique([label_of(part[0], pages.index(part[0]) + 1, len(pages)) for part in parts], [part[0] for part in parts])
    items: list = []
    for top, part in zip(tops, parts):
        if len(part) == 1:
            items.append({top: f"{slug}/{part[0].file}"})
        else:
            items.append({top: [{label: f"{slug}/{page.file}"} for label, page in zip(_page_labels(part), part)]})
    return items
