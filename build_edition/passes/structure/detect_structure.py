"""Apply the catalogue's structure overrides after the rules, and make sure every document has a first page.

The structure passes (``structure_<kind>``) find headings, pages and block kinds by rule. What the
rules miss, editors state in the catalogue (see :mod:`build_edition.read.catalogue_overrides`), by the seed line a
paragraph starts on:

* ``pages``: start a page there, with the given title (e.g. a book's conclusion whose heading
  survives only as a running head: `{line: 19342, title: Қорытынды}`), optionally a ``role``
  that marks every block of the page (`publisher`, `colophon`);
* ``headings``: make the paragraph a heading (``level``, default 2; ``page: true`` starts a page);
* ``not_headings``: turn a heading the rules made back into a paragraph;
* ``kinds``: force the kind of a paragraph (``lead``, ``byline``, ``caption``, ``quote``…).

An override naming a line where no paragraph starts is an input error that says so.

>>> from types import SimpleNamespace
>>> from build_edition.core.model import Document
>>> from build_edition.text.line_shapes import paragraphs_of
>>> doc = Document("x", "book", "x.txt", "Өмірбаян.\\n\\nАЛҒЫСӨЗ\\n\\nМәтін.")
>>> doc.blocks = paragraphs_of(doc)
>>> doc.meta["entry"] = SimpleNamespace(overrides={"pages": [{"line": 1, "title": "Автор туралы"}],
...                                                "headings": [{"line": 3, "level": 2}]}, line=7)
>>> run(doc); [(b.kind, b.attrs.get("page_title")) for b in doc.blocks]
[('paragraph', 'Автор туралы'), ('heading', None), ('paragraph', None)]
>>> doc.meta["entry"].overrides = {"kinds": [{"line": 2, "kind": "lead"}]}
>>> try:
...     run(doc)
... except EditionError as exc:
...     print(exc.message, "|", exc.line)
no paragraph starts on seed line 2 | 7
"""
from __future__ import annotations

from build_edition.text import line_shapes
from build_edition.read import catalogue_overrides
from build_edition.core.errors import EditionError
from build_edition.core.model import Block, Document


def run(doc: Document) -> None:
    roles: dict[int, str] = {}
    for item in catalogue_overrides.entries(doc, "pages", ("line", "title")):
        block = _block_at(doc, item["line"], "pages")
        block.attrs["page_title"] = str(item["title"])
        if item.get("role"):
            roles[id(block)] = str(item["role"])
    _spread_roles(doc, roles)
    for item in catalogue_overrides.entries(doc, "headings"):
        block = _block_at(doc, item["line"], "headings")
        block.kind, block.level = "heading", int(item.get("level", 2))
        block.attrs["section_title"] = block.text
        if item.get("page"):
            block.attrs["page_title"] = block.text
    for line in catalogue_overrides.line_list(doc, "not_headings"):
        block = _block_at(doc, line, "not_headings")
        block.kind, block.level = "paragraph", 0
        for key in ("section_title", "page_title"):
            block.attrs.pop(key, None)
    for item in catalogue_overrides.entries(doc, "kinds", ("line", "kind")):
        block = _block_at(doc, item["line"], "kinds")
        if block.kind == "heading" and item["kind"] != "heading":
            block.level = 0
            block.attrs.pop("section_title", None)
        block.kind = item["kind"]
        if item["kind"] != "quote" and block.attrs.pop("pull_quote", False):
            block.attrs["classes"] = [c for c in block.attrs.get("classes", []) if c != "pull-quote"]
        if item["kind"] == "quote" and item.get("pull_quote"):
            block.attrs["pull_quote"] = True
            block.attrs["classes"] = list(block.attrs.get("classes", [])) + ["pull-quote"]
        if item["kind"] == "heading":
            block.level = int(item.get("level", 2))


def _spread_roles(doc: Document, roles: dict[int, str]) -> None:
    """A page's role (publisher, colophon) marks every block of that page."""
    role = ""
    for block in doc.blocks:
        if block.attrs.get("page_title"):
            role = roles.get(id(block), "")
        if role:
            block.attrs["role"] = role
            block.attrs["classes"] = list(block.attrs.get("classes", [])) + [role]


def _block_at(doc: Document, line: int, key: str) -> Block:
    block = line_shapes.block_starting_at_line(doc, line)
    if block is None:
        entry = doc.meta.get("entry")
        raise EditionError(f"no paragraph starts on seed line {line}", file="seeds/catalog.yml",
                           line=getattr(entry, "line", None) or None,
                           hint=f"`overrides.{key}` of {doc.slug!r} must name the first line of a paragraph "
                                f"(or add the line to `paragraph_starts`)")
    return block
