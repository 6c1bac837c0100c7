"""The plain reading text of a document (UTF-8, no markup), for corpus linguists.

A title block (title, authors, publication, date, source, address), then the reading text with
one blank line between paragraphs. It is read off the TEI (:mod:`.tei`), so it is the same text:
corrected forms (``corr``) and abbreviations as printed (``abbr``), without the logged original
forms, expansions, editorial notes or removed furniture.

The töte version (``script="arab"``, issue 20) is the same text with the Kazakh passages in the
Kazakh Arabic script by :func:`build_edition.text.tote.to_arabic` (Russian and English passages, the
addresses and the digits stay as they are), its title block in töte too. It holds no direction
marks: each paragraph starts with an Arabic letter, so the Unicode bidirectional algorithm shows it
right to left.
"""
from __future__ import annotations

from collections.abc import Callable

from ..read.catalog import CatalogueEntry
from .labels import PLAIN_TEXT
from .tei import T, XML_LANG

SKIP = {T("sic"), T("expan"), T("note"), T("fw"), T("pb"), T("teiHeader")}
BLOCKS = {T("head"), T("p"), T("item"), T("ab"), T("cell")}


def reading_text(el, kazakh: Callable[[str], str] | None = None, lang: str = "kk") -> str:
    """The reading text of a TEI element: corrected forms, abbreviations as printed, no notes.

    >>> from lxml import etree
    >>> xml = ('<p xmlns="http://www.tei-c.org/ns/1.0">Ол <choice><sic>Оппози-<lb/>ция</sic>'
    ...        '<corr>Оппозиция</corr></choice> <choice><abbr>ҚР</abbr><expan>Қазақстан Республикасы</expan>'
    ...        '</choice><note>ескертпе</note><pb n="2"/><fw>2</fw> бар.</p>')
    >>> reading_text(etree.fromstring(xml))
    'Ол Оппозиция ҚР бар.'

    ``kazakh`` converts the text of Kazakh passages (``lang`` is the language around ``el``; an
    ``xml:lang`` inside changes it):

    >>> xml = '<p xmlns="http://www.tei-c.org/ns/1.0">Бір <foreign xml:lang="ru">один</foreign> бір</p>'
    >>> reading_text(etree.fromstring(xml), str.upper)
    'БІР один БІР'
    """
    runs: list[list] = []          # [language, text]: a word split by markup (a name, a repair) stays one word

    def add(text: str | None, language: str) -> None:
        if text:
            if runs and runs[-1][0] == language:
                runs[-1][1] += text
            else:
                runs.append([language, text])

    def walk(node, language: str) -> None:
        language = node.get(XML_LANG) or language
        add(node.text, language)
        for child in node:
            if child.tag not in SKIP:
                if child.tag == T("lb"):
                    add("\n", language)
                walk(child, language)
            add(child.tail, language)
    walk(el, lang)
    return "".join(kazakh(text) if kazakh and language.startswith("kk") else text for language, text in runs)


def title_block(entry: CatalogueEntry, url: str, kazakh: Callable[[str], str] | None = None) -> list[str]:
    convert = kazakh or (lambda text: text)
    lines = [entry.title]
    authors = [a for a in entry.authors if a not in ("unknown", "various")]
    if authors:
        lines.append(", ".join(authors))
    details = [v for v in (entry.publication, entry.publisher, entry.place, entry.date) if v and v != "unknown"]
    if details:
        lines.append(". ".join(details))
    lines = [convert(line) for line in lines]
    lines.append(f"{convert(PLAIN_TEXT['source'])}: {entry.source}")
    lines.append(f"{convert(PLAIN_TEXT['address'])}: {url}")
    return lines


def plain_text(tree, entry: CatalogueEntry, url: str, script: str = "cyrl") -> str:
    """The plain text of a document: ``script`` "cyrl" as the edition reads, "arab" in töte."""
    kazakh = None
    if script == "arab":
        from ..text.tote import to_arabic
        kazakh = to_arabic
    lines = title_block(entry, url, kazakh)
    root = tree.getroot()
    body = root.find(f"{T('text')}/{T('body')}")
    for el in body.iter():
        if el.tag in BLOCKS and not any(a.tag in BLOCKS or a.tag in SKIP for a in el.iterancestors()):
            lang = next((a.get(XML_LANG) for a in el.iterancestors() if a.get(XML_LANG)), "kk")
            text = reading_text(el, kazakh, lang)
            text = "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()
            if text:
                lines.extend(["", text] if el.tag != T("item") or lines[-1] == "" else [text])
    return "\n".join(lines).strip() + "\n"
