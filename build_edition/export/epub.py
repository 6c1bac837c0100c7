"""EPUB 3 of one document (ebooklib), checked with epubcheck in the tests.

One XHTML chapter per page of the site, in the site's order; the navigation follows the document's
own structure rather than the site's pages (:func:`outline`: a book's chapters → sections →
subsections, a newspaper's articles → their subheads), across the pages a long chapter is cut into;
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
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from .citation import csl_item
from .labels import EPUB as LABELS
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
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
NUMBERED = re.compile(r"(\d+(?:\.\d+)*)\.\s")            # "2. Ресми тәсіл", "2.1. Даму стратегиясы"
CONTINUED = re.compile(r" \(\d+-бөлім\)$")                # the site's title of a page a long part was cut into


def _heading_text(el) -> str:
    parts = [el.text or ""]
    for child in el:
        if not (child.tag == "sup" and str(child.get("id", "")).startswith("fnref")):
            parts.append(_heading_text(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def outline(pages: list) -> list[tuple[int, str, int, str | None]]:
    """The document's structure as (depth, title, page number, heading id), in reading order.

    A chapter (a heading after the book's ``chapter-label`` line, "I-тарау") is depth 1, a numbered
    heading one more than its number has parts ("2." → 2, "2.1." → 3), any other heading sits at
    its level on the page under the page's first heading (a newspaper's article and its subheads, a
    foreword's questions). The heading the site gives the second and later pages of a long part
    ("… (4-бөлім)") is no part of the document and is left out. No entry is more than one level
    deeper than the one before it.

    >>> from lxml import html
    >>> page = lambda markup: type("P", (), {"body": html.fragment_fromstring(markup, create_parent="div")})
    >>> outline([page('<p class="chapter-label">I-тарау</p><h1 id="p1">Алғышарттар</h1><h2 id="p2">1. Үрдістер</h2>'),
    ...          page('<h1>I-тарау. Алғышарттар (2-бөлім)</h1><h2 id="p5">2.1. Стратегия</h2><h3 id="p6">Сұрақ</h3>'),
    ...          page('<h1>Қорытынды</h1>')])
    [(1, 'I-тарау. Алғышарттар', 1, 'p1'), (2, '1. Үрдістер', 1, 'p2'), (3, '2.1. Стратегия', 2, 'p5'), (4, 'Сұрақ', 2, 'p6'), (1, 'Қорытынды', 3, None)]
    """
    entries: list[tuple[int, str, int, str | None]] = []
    for number, page in enumerate(pages, 1):
        above: list[tuple[int, int]] = []             # (level, depth) of the page's headings so far
        for index, el in enumerate(page.body.iter(*HEADINGS)):
            title, level = _heading_text(el), int(el.tag[1])
            if not title or (index == 0 and el.get("id") is None and CONTINUED.search(title)):
                above.append((level, 1))
                continue
            label = el.getprevious()
            numbered = NUMBERED.match(title)
            if label is not None and "chapter-label" in (label.get("class") or "").split():
                title, depth = f"{_heading_text(label)}. {title}", 1
            elif numbered:
                depth = 1 + numbered.group(1).count(".") + 1
            else:
                depth = next((d + 1 for lv, d in reversed(above) if lv < level), 1)
            depth = min(depth, entries[-1][0] + 1 if entries else 1)
            above.append((level, depth))
            entries.append((depth, title, number, el.get("id")))
    return entries


def nested_toc(entries: list[tuple[int, str, str]]) -> list:
    """ebooklib's table of contents (``Link``s, and ``(Section, [children])`` for an entry with entries
    under it) from (depth, title, href) in reading order."""
    from ebooklib import epub
    root: list = []
    stack: list[tuple[int, list]] = [(0, root)]
    nodes: list[list] = []
    for depth, title, href in entries:
        while stack[-1][0] >= depth:
            stack.pop()
        node = [title, href, []]
        stack[-1][1].append(node)
        stack.append((depth, node[2]))
        nodes.append(node)

    def convert(items: list) -> list:
        out = []
        for title, href, children in items:
            number = nodes.index([title, href, children]) + 1
            if children:
                out.append((epub.Section(title, href), convert(children)))
            else:
                out.append(epub.Link(href, title, f"toc-{number}"))
        return out
    return convert(root)


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


def _clean(body, pages: dict[str, str], latin: bool = False, arabic: bool = False) -> tuple[str, list[str]]:
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
    if arabic:
        from .arabic import convert_tree
        convert_tree(root)
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
    direction = ' dir="rtl"' if lang.endswith("-Arab") else ""
    return ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="{EPUB_NS}" lang="{lang}" xml:lang="{lang}"{direction}>'
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
               latin: bool = False, arabic: bool = False) -> bytes:
    """The EPUB of a document; ``pages`` (block id → print page) adds the page milestones, ``latin``
    gives the Kazakh text in the Latin alphabet (its own identifier, ``…#latn``), ``arabic`` in töte
    (``…#arab``: ``kk-Arab``, right to left, with the site's Noto Naskh Arabic and its licence)."""
    from ebooklib import epub
    from .inline import footnote_texts

    entry = source.entry
    lang = (re.split(r"[,\s]+", entry.language or "kk")[0] or "kk")
    cyrillic_lang = lang
    item = csl_item(entry, site_url)
    book = epub.EpubBook()
    book.set_identifier(item["URL"] + ("#latn" if latin else "#arab" if arabic else ""))
    from ..text.translit import to_latin
    from ..text.tote import to_arabic
    convert = to_latin if latin else to_arabic if arabic else str
    if arabic and lang == "kk":
        lang = "kk-Arab"
        book.set_direction("rtl")
    title = convert(entry.title)
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
    css = CSS
    if arabic:
        css += _add_arabic_font(book)
    style = epub.EpubItem(uid="style", file_name="style.css", media_type="text/css", content=css.encode("utf-8"))
    book.add_item(style)
    chapters = []
    for number, page in enumerate(source.pages, 1):
        title = convert(str(page.meta.get("title") or entry.title))
        notes = footnote_texts(copy.deepcopy(page.body))
        body, used = _clean(page.body, pages or {}, latin, arabic)
        if used:
            keys = {("fn-" + re.sub(r"[^\w-]", "-", k)): v for k, v in notes.items()}
            body += "".join(f'<aside epub:type="footnote" class="footnote" id="{n}"><p>{html.escape(convert(keys.get(n, "")))}</p></aside>'
                            for n in used)
        chapter = epub.EpubHtml(title=title, file_name=f"c{number:03d}.xhtml", lang=lang,
                                direction="rtl" if arabic else None)
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
    # the logged forms are Cyrillic as the source printed them: the appendix stays Kazakh Cyrillic
    appendix = epub.EpubHtml(title=LABELS["appendix"], file_name="apparatus.xhtml", lang=cyrillic_lang,
                             direction="ltr" if arabic else None)
    appendix.content = _xhtml(LABELS["appendix"], cyrillic_lang,
                              f"<h1>{LABELS['appendix']}</h1><p>{LABELS['intro']}</p>"
                              + (f"<ol>{''.join(rows)}</ol>" if rows else "<p>—</p>")
                              + f"<p>{LABELS['source']}: <a href=\"{html.escape(item['URL'])}\">"
                                f"{html.escape(item['URL'])}</a></p>").encode("utf-8")
    appendix.add_item(style)
    book.add_item(appendix)
    structure = [(depth, convert(title), f"c{number:03d}.xhtml" + (f"#{hid}" if hid else ""))
                 for depth, title, number, hid in outline(source.pages)]
    book.toc = nested_toc(structure) if structure else \
        [epub.Link(c.file_name, c.title, f"toc-{i}") for i, c in enumerate(chapters, 1)]
    book.toc.append(epub.Link(appendix.file_name, appendix.title, "toc-apparatus"))
    extra = []
    if arabic and FONT_LICENCE.is_file():
        licence = epub.EpubHtml(title=LABELS["font_licence"], file_name="font-licence.xhtml", lang="en",
                                direction="ltr")
        licence.content = _xhtml(LABELS["font_licence"], "en", f"<h1 lang=\"kk\">{LABELS['font_licence']}</h1>"
                                 f"<pre>{html.escape(FONT_LICENCE.read_text(encoding='utf-8'))}</pre>").encode("utf-8")
        book.add_item(licence)
        book.toc.append(epub.Link(licence.file_name, licence.title, "toc-font-licence"))
        extra.append(licence)
    book.add_item(epub.EpubNcx())
    nav = epub.EpubNav(title=convert(LABELS["contents"]), direction="rtl" if arabic else None)
    book.add_item(nav)
    book.spine = ["nav", *chapters, appendix, *extra]
    raw = io.BytesIO()
    modified = dt.datetime.fromtimestamp(epoch, dt.UTC).replace(tzinfo=None)
    epub.write_epub(raw, book, {"mtime": modified, "raise_exceptions": True})
    return _deterministic_zip(raw.getvalue())


FONT_DIR = Path(__file__).resolve().parents[2] / "overrides" / "assets" / "fonts" / "noto-naskh-arabic"
FONT_LICENCE = FONT_DIR / "OFL.txt"


def _add_arabic_font(book) -> str:
    """The site's Noto Naskh Arabic (its Arabic subset, SIL Open Font License 1.1) in the book, and its
    CSS; Cyrillic and Latin letters fall back to the reader's serif font."""
    from ebooklib import epub
    css = ""
    for weight in (400, 700):
        path = FONT_DIR / f"noto-naskh-arabic-arabic-{weight}-normal.woff2"
        if not path.is_file():
            continue
        book.add_item(epub.EpubItem(uid=f"font-{weight}", file_name=f"fonts/noto-naskh-arabic-{weight}.woff2",
                                    media_type="font/woff2", content=path.read_bytes()))
        css += ('@font-face { font-family: "Noto Naskh Arabic Edition"; font-style: normal; '
                f'font-weight: {weight}; src: url("fonts/noto-naskh-arabic-{weight}.woff2") format("woff2"); }}\n')
    return css + ('html[dir="rtl"] body { font-family: "Noto Naskh Arabic Edition", "Noto Naskh Arabic", serif; '
                  'line-height: 1.9; }\n[lang="ru"], [lang="en"] { font-family: serif; }\n')


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
