"""EPUB 3 of one document (ebooklib), checked with epubcheck in the tests.

One XHTML chapter per page of the site, in the site's order, its navigation from the pages' titles;
the page's text as the site renders it (segment ids kept, so ``#p123`` means the same paragraph),
without the site's furniture: links into the site become plain text, the page apparatus moves to an
appendix listing every logged emendation, and the editorial notes become EPUB footnotes
(``epub:type="noteref"`` / ``"footnote"``). Kazakh metadata and ``xml:lang`` from the catalogue.

Deterministic: the package's modification date is ``SOURCE_DATE_EPOCH`` (the site's build date,
set by the site policy hook) and the zip is written with fixed timestamps.
"""
from __future__ import annotations

import copy
import datetime as dt
import html
import io
import re
import zipfile

from lxml import etree
from lxml import html as lxml_html

from .citation import csl_item
from .source import DocumentSource

CSS = """body { font-family: serif; line-height: 1.5; }
h1, h2, h3 { font-family: sans-serif; }
.lead { font-style: italic; }
.question { font-weight: bold; }
blockquote { margin: 1em 2em; }
aside.footnote { font-size: 0.85em; }
.page-milestone { font-size: 0.75em; color: #555; }
"""
EPUB_NS = "http://www.idpf.org/2007/ops"
ALLOWED = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "em", "strong", "i", "b",
           "sub", "sup", "span", "abbr", "br", "table", "thead", "tbody", "tr", "td", "th", "code", "a", "div"}
LABELS = {"appendix": "Мәтінге енгізілген түзетулер", "notes": "Ескертпелер", "contents": "Мазмұны",
          "intro": "Қалпына келтіру кезінде бастапқы мәтінге енгізілген әрбір автоматты түзету "
                   "(бастапқы түрі → басылымдағы түрі, ереже, абзац).",
          "source": "Басылымдағы мекенжайы"}


def _latin(root) -> None:
    """Kazakh text in the official Latin alphabet (text/translit.py); Russian and English parts as they are."""
    from ..text.translit import to_latin

    def walk(el, kazakh: bool) -> None:
        lang = el.get("lang") if isinstance(el.tag, str) else None
        kazakh = (lang or "kk").startswith("kk") if lang else kazakh
        if kazakh and el.text:
            el.text = to_latin(el.text)
        if kazakh and el.get("title"):
            el.set("title", to_latin(el.get("title")))
        for child in el:
            walk(child, kazakh)
            if kazakh and child.tail:
                child.tail = to_latin(child.tail)
    walk(root, True)


def _clean(body, pages: dict[str, str], latin: bool = False) -> tuple[str, list[str]]:
    """The XHTML body of a page and the ids of the footnotes it refers to."""
    root = copy.deepcopy(body)
    for el in root.xpath("//*[@id]"):
        page = pages.get(el.get("id"))
        if page and el.tag in ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6"):
            start = page.split("–")[-1]
            mark = lxml_html.Element("span", {"class": "page-milestone", "id": f"page-{start}"})
            mark.text = f"[{start}]"
            mark.tail = " " + (el.text or "")
            el.text = None
            el.insert(0, mark)
    if latin:
        _latin(root)
    for el in root.xpath('.//details | .//div[contains(concat(" ", @class, " "), " footnote ")] | '
                         './/a[contains(@class, "headerlink")] | .//script | .//style'):
        el.drop_tree()
    used = []
    for sup in root.xpath('.//sup[starts-with(@id, "fnref:")]'):
        key = sup.get("id").removeprefix("fnref:")
        note_id = "fn-" + re.sub(r"[^\w-]", "-", key)
        if note_id not in used:
            used.append(note_id)
        anchor = lxml_html.Element("a", {"href": f"#{note_id}", "class": "noteref", "epub:type": "noteref"})
        anchor.text = sup.text_content().strip() or "*"
        new_sup = lxml_html.Element("sup")
        new_sup.append(anchor)
        new_sup.tail = sup.tail
        sup.getparent().replace(sup, new_sup)
    for a in root.iter("a"):
        href = a.get("href") or ""
        if a.get("epub:type") == "noteref":
            continue
        if not href.startswith(("http://", "https://", "mailto:")):
            a.tag = "span"              # a link into the site: its text stays
            for name in list(a.attrib):
                del a.attrib[name]
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag not in ALLOWED:
            el.tag = "div" if el.tag in ("dl", "section", "figure") else "span"
        for name in list(el.attrib):
            if name.startswith("data-") or name in ("markdown", "style"):
                del el.attrib[name]
    parts = [lxml_html.tostring(child, encoding="unicode", method="xml") for child in root]
    text = (root.text or "") + "".join(parts)
    return text, used


def _xhtml(title: str, lang: str, body: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="{EPUB_NS}" lang="{lang}" xml:lang="{lang}">'
            f'<head><title>{html.escape(title)}</title><link rel="stylesheet" type="text/css" href="style.css"/></head>'
            f'<body>{body}</body></html>')


def _well_formed(markup: str) -> str:
    """Re-serialise a fragment through an XML parser (HTML void elements closed, entities resolved)."""
    wrapper = f'<div xmlns:epub="{EPUB_NS}">{markup}</div>'
    try:
        element = etree.fromstring(wrapper.encode("utf-8"))
    except etree.XMLSyntaxError:
        element = lxml_html.fragment_fromstring(markup, create_parent="div")
    out = etree.tostring(element, encoding="unicode", method="xml")
    return re.sub(r'^<div[^>]*>|</div>$', "", out)


def epub_bytes(source: DocumentSource, site_url: str, epoch: int, pages: dict[str, str] | None = None,
               latin: bool = False) -> bytes:
    """The EPUB of a document; ``pages`` (block id → print page) adds the page milestones, ``latin``
    gives the Kazakh text in the Latin alphabet (its own identifier, ``…#latn``)."""
    from ebooklib import epub
    from .inline import footnote_texts

    entry = source.entry
    lang = (re.split(r"[,\s]+", entry.language or "kk")[0] or "kk")
    item = csl_item(entry, site_url)
    book = epub.EpubBook()
    book.set_identifier(item["URL"] + ("#latn" if latin else ""))
    title = entry.title
    if latin:
        from ..text.translit import to_latin
        title = to_latin(title)
    book.set_title(title)
    book.set_language(lang)
    for number, author in enumerate((a for a in entry.authors if a not in ("unknown", "various")), 1):
        book.add_author(author, uid=f"creator{number}")
    if entry.publisher != "unknown":
        book.add_metadata("DC", "publisher", entry.publisher)
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", entry.date or ""):
        book.add_metadata("DC", "date", entry.date)
    if entry.description:
        book.add_metadata("DC", "description", entry.description)
    book.add_metadata("DC", "source", entry.publication if entry.publication != "unknown" else entry.source)
    style = epub.EpubItem(uid="style", file_name="style.css", media_type="text/css", content=CSS.encode("utf-8"))
    book.add_item(style)
    chapters = []
    for number, page in enumerate(source.pages, 1):
        title = str(page.meta.get("title") or entry.title)
        if latin:
            title = to_latin(title)
        notes = footnote_texts(copy.deepcopy(page.body))
        body, used = _clean(page.body, pages or {}, latin)
        if used:
            keys = {("fn-" + re.sub(r"[^\w-]", "-", k)): v for k, v in notes.items()}
            body += "".join(f'<aside epub:type="footnote" class="footnote" id="{n}"><p>{html.escape(keys.get(n, ""))}</p></aside>'
                            for n in used)
        chapter = epub.EpubHtml(title=title, file_name=f"c{number:03d}.xhtml", lang=lang)
        chapter.content = _xhtml(title, lang, _well_formed(body)).encode("utf-8")
        chapter.add_item(style)
        book.add_item(chapter)
        chapters.append(chapter)
    rows = []
    for block, logged in sorted(source.emendations.items(), key=lambda kv: (len(kv[0]), kv[0])):
        for row in logged:
            before = html.escape(str(row.get("before", "")).replace("\n", "/"))
            after = html.escape(str(row.get("after", "")))
            rows.append(f"<li>{before} → {after} <small>({html.escape(str(row.get('rule', '')))}; "
                        f"{html.escape(block or '—')}, {row.get('line', '?')}-жол)</small></li>")
    appendix = epub.EpubHtml(title=LABELS["appendix"], file_name="apparatus.xhtml", lang=lang)
    appendix.content = _xhtml(LABELS["appendix"], lang,
                              f"<h1>{LABELS['appendix']}</h1><p>{LABELS['intro']}</p>"
                              + (f"<ol>{''.join(rows)}</ol>" if rows else "<p>—</p>")
                              + f"<p>{LABELS['source']}: <a href=\"{html.escape(item['URL'])}\">"
                                f"{html.escape(item['URL'])}</a></p>").encode("utf-8")
    appendix.add_item(style)
    book.add_item(appendix)
    book.toc = [epub.Link(c.file_name, c.title, f"toc-{i}") for i, c in enumerate(chapters, 1)]
    book.toc.append(epub.Link(appendix.file_name, appendix.title, "toc-apparatus"))
    book.add_item(epub.EpubNcx())
    nav = epub.EpubNav(title=LABELS["contents"])
    book.add_item(nav)
    book.spine = ["nav", *chapters, appendix]
    raw = io.BytesIO()
    modified = dt.datetime.fromtimestamp(epoch, dt.UTC).replace(tzinfo=None)
    epub.write_epub(raw, book, {"mtime": modified, "raise_exceptions": True})
    return _deterministic_zip(raw.getvalue())


def _deterministic_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps and attributes (zipfile stamps entries with the clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 3
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
