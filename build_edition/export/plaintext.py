"""The plain reading text of a document (UTF-8, no markup), for corpus linguists.

A title block (title, authors, publication, date, source, address), then the reading text with
one blank line between paragraphs. It is read off the TEI (:mod:`.tei`), so it is the same text:
corrected forms (``corr``) and abbreviations as printed (``abbr``), without the logged original
forms, expansions, editorial notes or removed furniture.
"""
from __future__ import annotations


from ..read.catalog import CatalogueEntry
from .tei import T

SKIP = {T("sic"), T("expan"), T("note"), T("fw"), T("pb"), T("teiHeader")}
BLOCKS = {T("head"), T("p"), T("item"), T("ab"), T("cell")}


def reading_text(el) -> str:
    """The reading text of a TEI element: corrected forms, abbreviations as printed, no notes.

    >>> from lxml import etree
    >>> xml = ('<p xmlns="http://www.tei-c.org/ns/1.0">Ол <choice><sic>Оппози-<lb/>ция</sic>'
    ...        '<corr>Оппозиция</corr></choice> <choice><abbr>ҚР</abbr><expan>Қазақстан Республикасы</expan>'
    ...        '</choice><note>ескертпе</note><pb n="2"/><fw>2</fw> бар.</p>')
    >>> reading_text(etree.fromstring(xml))
    'Ол Оппозиция ҚР бар.'
    """
    parts: list[str] = []

    def walk(node) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag not in SKIP:
                if child.tag == T("lb"):
                    parts.append("\n")
                walk(child)
            if child.tail:
                parts.append(child.tail)
    walk(el)
    return "".join(parts)


def title_block(entry: CatalogueEntry, url: str) -> list[str]:
    lines = [entry.title]
    authors = [a for a in entry.authors if a not in ("unknown", "various")]
    if authors:
        lines.append(", ".join(authors))
    details = [v for v in (entry.publication, entry.publisher, entry.place, entry.date) if v and v != "unknown"]
    if details:
        lines.append(". ".join(details))
    lines.append(f"Бастапқы файл: {entry.source}")
    lines.append(f"Басылымдағы мекенжайы: {url}")
    return lines


def plain_text(tree, entry: CatalogueEntry, url: str) -> str:
    lines = title_block(entry, url)
    body = tree.getroot().find(f"{T('text')}/{T('body')}")
    for el in body.iter():
        if el.tag in BLOCKS and not any(a.tag in BLOCKS or a.tag in SKIP for a in el.iterancestors()):
            text = "\n".join(" ".join(line.split()) for line in reading_text(el).split("\n")).strip()
            if text:
                lines.extend(["", text] if el.tag != T("item") or lines[-1] == "" else [text])
    return "\n".join(lines).strip() + "\n"
