"""Generated files follow the editors' structure of content/ (part of the merge, build_edition.merge).

The pipeline writes pages and the files that point into them (each page's apparatus, the glossary,
the index of names, the landing pages' contents, the navigation, the changes page) from one model
of the text. Editors then change content/ in ways the pipeline does not see: they delete a
paragraph, merge two, correct a page title. Before the merge, the new output is adapted to those
changes so that the generated files do not contradict the edited pages:

* a link to a paragraph an editor deleted goes to where its text now is: the neighbouring paragraph
  that took the text over (two paragraphs merged), else the nearest paragraph before it;
* an edited page title (front matter ``title:``, or the ``# title`` line the writer derives from it)
  replaces the old one in the navigation (``_nav.yml``) and the document's landing page contents.

The adapted output is also what the merge records as the last generated text (content/.edition/base),
so the next build sees the same adaptation on both sides and never takes it for an edit.
"""
from __future__ import annotations

import functools
import posixpath
import re

import yaml

from build_edition.text import markdown as md
from build_edition.text.markdown import plain_text
from build_edition.store.page_format import TITLE, ContentPage, parse_page

LINK_TARGET = re.compile(r"(?<!\\)(\]\()([^)\s#]*)#([A-Za-z][\w.:-]*)(\))")
NAV = "_nav.yml"


def _doc_of(rel: str) -> str:
    return posixpath.dirname(rel)


def _keyed(pages: dict[str, ContentPage]) -> dict[str, list[tuple[str, str, str]]]:
    """Per document: (id, page, body) of every segment in reading order."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for rel in sorted(pages):
        for chunk in pages[rel].chunks:
            if chunk.key and chunk.key != TITLE:
                out.setdefault(_doc_of(rel), []).append((chunk.key, rel, chunk.body))
    return out


def _words(text: str, n: int = 8) -> str:
    return " ".join(plain_text(text).split()[:n])


def redirects(base: dict[str, str], current: dict[str, str], new: dict[str, str],
              touched: set[str]) -> dict[tuple[str, str], tuple[str, str]]:
    """{(document, deleted id): (page in the new output, id that now holds or precedes its text)}."""
    def parsed(tree):
        return {r: parse_page(t) for r, t in tree.items() if r.endswith(".md") and _doc_of(r) in touched}

    b_docs, c_docs, n_docs = _keyed(parsed(base)), _keyed(parsed(current)), _keyed(parsed(new))
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for doc, b_order in b_docs.items():
        c_body = {k: body for k, _, body in c_docs.get(doc, [])}
        n_page = {k: rel for k, rel, _ in n_docs.get(doc, [])}
        b_body = {k: body for k, _, body in b_order}
        keys = [k for k, _, _ in b_order]
        for i, (key, _, body) in enumerate(b_order):
            if key in c_body or key not in n_page or key.startswith("note-"):
                continue
            before = [k for k in reversed(keys[:i]) if k in c_body and k in n_page]
            after = [k for k in keys[i + 1:] if k in c_body and k in n_page]
            opening = _words(body)
            took_over = [k for k in before[:1] + after[:1]
                         if opening and opening in _words(c_body[k], 10_000) and opening not in _words(b_body[k], 10_000)]
            target = (took_over or before[:1] or after[:1] or [None])[0]
            if target:
                out[(doc, key)] = (n_page[target], target)
    return out


def redirect_links(files: dict[str, str], moved: dict[tuple[str, str], tuple[str, str]]) -> dict[str, str]:
    """The Markdown files of ``files`` whose links to a deleted paragraph now point where its text went."""
    if not moved:
        return {}
    changed = {}
    for rel, text in files.items():
        if not rel.endswith(".md") or "#" not in text:
            continue
        fixed = LINK_TARGET.sub(functools.partial(_redirected, rel=rel, moved=moved), text)
        if fixed != text:
            changed[rel] = fixed
    return changed


def _redirected(m: re.Match, rel: str, moved: dict[tuple[str, str], tuple[str, str]]) -> str:
    """One link of the page ``rel``, pointed at where its paragraph's text went if it was deleted."""
    folder = posixpath.dirname(rel)
    path, anchor = m.group(2), m.group(3)
    page = posixpath.normpath(posixpath.join(folder, path)) if path else rel
    hit = moved.get((_doc_of(page), anchor))
    if hit is None or (path and not page.endswith(".md")):
        return m.group(0)
    target_page, target = hit
    link = "" if target_page == rel and not path else posixpath.relpath(target_page, folder or ".")
    return f"{m.group(1)}{link}#{target}{m.group(4)}"


def edited_titles(base: dict[str, str], current: dict[str, str], new: dict[str, str]) -> dict[str, tuple[str, str]]:
    """{page: (generated title, edited title)} for pages whose title an editor changed and the new output did not."""
    out = {}
    for rel in sorted(set(base) & set(current) & set(new)):
        if not rel.endswith(".md") or base[rel] == current[rel]:
            continue
        b, c, n = parse_page(base[rel]), parse_page(current[rel]), parse_page(new[rel])
        try:
            b_title, c_title, n_title = (str(p.front_data(rel).get("title", "")) for p in (b, c, n))
        except Exception:       # noqa: BLE001 — invalid front matter is reported by the merge and the linter
            continue
        if not b_title or b_title != n_title:
            continue
        edited = c_title if c_title != b_title else ""
        b_head, c_head, n_head = (_heading(p) for p in (b, c, n))
        if not edited and b_head and c_head and b_head == n_head and c_head != b_head \
                and plain_text(b_head) == b_title:
            edited = plain_text(c_head)
        if edited:
            out[rel] = (b_title, edited)
    return out


def _heading(page: ContentPage) -> str | None:
    """The page's level-1 heading (the ``# title`` line, or the document's title heading with its id)."""
    return next((c.raw for c in page.chunks if c.raw.startswith("# ")), None)


def retitle(new: dict[str, str], titles: dict[str, tuple[str, str]]) -> dict[str, str]:
    """The navigation and landing pages of ``new`` with the edited page titles."""
    if not titles:
        return {}
    changed = {}
    for rel, (old, edited) in titles.items():
        landing = f"{_doc_of(rel)}/index.md"
        text = changed.get(landing, new.get(landing))
        if text:
            name = posixpath.basename(rel)
            fixed = text.replace(f"[{md.escape(old)}]({name})", f"[{md.escape(edited)}]({name})")
            if fixed != text:
                changed[landing] = fixed
    if NAV in new:
        try:
            nav = yaml.safe_load(new[NAV])
        except yaml.YAMLError:
            return changed
        if _retitle_nav(nav, titles, new, None):
            changed[NAV] = yaml.safe_dump(nav, allow_unicode=True, sort_keys=False)
    return changed


def _retitle_nav(node, titles, new, section: str | None) -> bool:
    done = False
    if isinstance(node, list):
        for i, item in enumerate(node):
            if isinstance(item, dict) and len(item) == 1:
                (label, value), = item.items()
                if isinstance(value, str) and value in titles:
                    fresh = _nav_label(label, *titles[value], _document_names(new, value, section))
                    if fresh != label:
                        node[i] = {fresh: value}
                        done = True
                elif isinstance(value, list):
                    done |= _retitle_nav(value, titles, new, label)
    return done


def _document_names(new: dict[str, str], rel: str, section: str | None) -> list[str]:
    names = [section] if section else []
    landing = new.get(f"{_doc_of(rel)}/index.md")
    if landing:
        try:
            title = parse_page(landing).front_data().get("title")
        except Exception:   # noqa: BLE001
            title = None
        if title:
            names.append(str(title))
    return names


def _nav_label(label: str, old: str, edited: str, names: list[str]) -> str:
    """The navigation label of a retitled page, shortened the way the writer shortens it.

    >>> _nav_label("2-бөлім", "Сұхбат (2-бөлім)", "Сұхбат (екінші бөлім)", ["Сұхбат"])
    'екінші бөлім'
    >>> _nav_label("Кіріспе", "Кіріспе", "Алғы сөз", ["Кітап"])
    'Алғы сөз'
    """
    for name in names:
        if edited == name:
            return label
        if edited.startswith(name + " (") and edited.endswith(")"):
            return edited[len(name) + 2:-1]
    return edited
