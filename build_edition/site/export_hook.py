"""MkDocs hook: the scholarly downloads of every document and the metadata reference managers read.

It only calls :mod:`build_edition.export` (nothing of the pipeline) and stores nothing in content/:

- **Downloads.** While the site is built, every document of the catalogue is exported from the
  docs folder as it stands (the merged edition, editors' corrections included) — TEI P5, plain
  text, BibTeX, RIS, CSL-JSON — and the files are added to the site beside the document's landing
  page (``<slug>/<slug>.tei.xml``...), where the landing page lists them under "Жүктеп алу" with
  their sizes. The site's link check sees them like any other file.
- **Citation metadata** on every page of a document: Highwire Press ``citation_*`` tags (Google
  Scholar, Zotero), Dublin Core ``DC.*``, Open Graph and schema.org JSON-LD, put into the page's
  metadata here and written by the template override (overrides/main.html).
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path, PurePosixPath

from mkdocs.structure.files import File

EXPORT_DIR = ".cache/export"
_exports: dict[tuple, dict[str, dict[str, bytes]]] = {}
_pages: dict[str, dict[str, str]] = {}
LABELS = {
    "kk": {"downloads": "Жүктеп алу", "intro": "Құжаттың басылымдағы мәтіні мен сипаттамасы:",
           "kb": "КБ", "mb": "МБ", "tei": "TEI P5 XML (түзетулер, алынған бет элементтері, атаулар белгіленген)",
           "txt": "Таза мәтін (UTF-8)", "epub": "EPUB 3 (электронды кітап)", "latn": "EPUB 3, латын әліпбиімен",
           "bib": "BibTeX", "ris": "RIS (Zotero, EndNote, Mendeley)",
           "csl": "CSL-JSON", "cite": "Дәйексөз", "cite_intro": "Құжатқа сілтеме (ГОСТ бойынша):",
           "cite_paragraph": "Жеке абзацқа сілтеме беру үшін абзацтың жанындағы «❝» батырмасын басыңыз: сілтемеге "
                             "абзацтың тұрақты мекенжайы және белгілі болса, баспа беті қосылады.",
           "page": "Б.", "milestone": "Баспа нұсқасының {n}-беті осы жерден басталады",
           "button": "Осы абзацтан дәйексөз", "copy": "Көшіру", "copied": "Көшірілді"},
    "ru": {"downloads": "Скачать", "intro": "Текст документа в издании и его библиографическое описание:",
           "kb": "КБ", "mb": "МБ", "tei": "TEI P5 XML (исправления, удалённые колонтитулы, имена размечены)",
           "txt": "Простой текст (UTF-8)", "epub": "EPUB 3 (электронная книга)", "latn": "EPUB 3 латиницей",
           "bib": "BibTeX", "ris": "RIS (Zotero, EndNote, Mendeley)",
           "csl": "CSL-JSON", "cite": "Как цитировать", "cite_intro": "Ссылка на документ (по ГОСТ Р 7.0.5-2008):",
           "cite_paragraph": "Чтобы сослаться на отдельный абзац, нажмите кнопку «❝» рядом с ним: к ссылке добавятся "
                             "постоянный адрес абзаца и, если известна, страница печатного издания.",
           "page": "С.", "milestone": "Здесь начинается страница {n} печатного издания",
           "button": "Цитировать этот абзац", "copy": "Копировать", "copied": "Скопировано"},
    "en": {"downloads": "Download", "intro": "The document's text in this edition and its citation data:",
           "kb": "KB", "mb": "MB", "tei": "TEI P5 XML (emendations, removed page furniture and names marked up)",
           "txt": "Plain text (UTF-8)", "epub": "EPUB 3 (e-book)", "latn": "EPUB 3 in the Latin alphabet",
           "bib": "BibTeX", "ris": "RIS (Zotero, EndNote, Mendeley)",
           "csl": "CSL-JSON", "cite": "Cite", "cite_intro": "Reference to the document (APA):",
           "cite_paragraph": "To cite one paragraph, press the “❝” button beside it: the reference gets the "
                             "paragraph's permanent address and, where known, the page of the printed edition.",
           "page": "p.", "milestone": "Page {n} of the printed edition starts here",
           "button": "Cite this paragraph", "copy": "Copy", "copied": "Copied"},
}
OG_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}
SUFFIXES = ((".tei.xml", "tei"), (".epub", "epub"), (".latn.epub", "latn"), (".txt", "txt"), (".bib", "bib"), (".ris", "ris"), (".csl.json", "csl"))


def _root(config) -> Path:
    return Path(config.config_file_path or "mkdocs.yml").resolve().parent


def _site_url(config) -> str:
    url = config.get("site_url") or ""
    return url if url.endswith("/") else url + "/"


def _language(page, config) -> str:
    return getattr(page.file, "locale_alternate_of", None) or getattr(page.file, "locale", None) \
        or config["theme"].get("language", "kk") or "kk"


def exports(config) -> dict[str, dict[str, bytes]]:
    """slug → {file name: bytes}, computed once per state of the docs folder and site address."""
    from build_edition.export import export_document, load_document, read_catalog
    docs = Path(config["docs_dir"])
    stamp = max((p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()), default=0)
    key = (str(docs.resolve()), _site_url(config), stamp)
    if key not in _exports:
        _exports.clear()
        root = _root(config)
        result = {}
        _pages.clear()
        for entry in read_catalog(root):
            if (docs / entry.slug).is_dir():
                pages = _pages.setdefault(entry.slug, {})
                result[entry.slug] = export_document(load_document(docs, entry, root), _site_url(config), pages)
        _exports[key] = result
    return _exports[key]


def print_pages(config, slug: str) -> dict[str, str]:
    """block id → print page of the document's paragraphs where it is known."""
    _current(config)
    return _pages.get(slug, {})


def _current(config) -> dict[str, dict[str, bytes]]:
    """The exports of this build (made in on_files), without checking the docs folder again per page."""
    return next(iter(_exports.values())) if _exports else exports(config)


def on_files(files, config, **kwargs):
    try:
        produced = exports(config)
    except Exception as exc:           # a clear message rather than a traceback
        from mkdocs.exceptions import PluginError
        raise PluginError(f"export of the downloads failed: {exc}") from exc
    # written to a git-ignored folder (not content/) so that every plugin sees ordinary files
    folder = _root(config) / EXPORT_DIR
    for slug, named in sorted(produced.items()):
        for name, data in sorted(named.items()):
            uri = f"{slug}/{name}"
            path = folder / uri
            if not path.is_file() or path.read_bytes() != data:
                # atomically: parallel builds (pytest workers) may copy the file while it is written
                path.parent.mkdir(parents=True, exist_ok=True)
                temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
                temporary.write_bytes(data)
                os.replace(temporary, path)
            if files.get_file_from_path(uri) is None:
                files.append(File(uri, str(folder), config["site_dir"], config["use_directory_urls"]))
    return files


def size_label(size: int, labels: dict) -> str:
    """
    >>> size_label(2406169, LABELS["kk"]), size_label(676, LABELS["en"])
    ('2,3 МБ', '0.7 KB')
    """
    decimal = "," if labels is not LABELS["en"] else "."
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f}".replace(".", decimal) + f" {labels['mb']}"
    return f"{max(size, 1) / 1024:.1f}".replace(".", decimal) + f" {labels['kb']}"


def downloads_markdown(slug: str, named: dict[str, bytes], language: str) -> str:
    labels = LABELS.get(language, LABELS["kk"])
    # no Latin id: headings keep the Cyrillic anchors of their words (#жүктеп-алу)
    lines = [f"## {labels['downloads']}", "", labels["intro"], ""]
    for suffix, key in SUFFIXES:
        name = f"{slug}{suffix}"
        if name in named:
            lines.append(f"- [{labels[key]}]({name}) — `{name}`, {size_label(len(named[name]), labels)}")
    return "\n".join(lines) + "\n"


def _document_of(page) -> tuple[str, bool] | None:
    parts = PurePosixPath(page.file.src_uri).parts
    if len(parts) == 2 and parts[1].endswith(".md"):
        return parts[0], parts[1].split(".")[0] == "index"
    return None


def on_page_markdown(markdown, page, config, files, **kwargs):
    where = _document_of(page)
    if where is None:
        return markdown
    slug, is_landing = where
    named = _current(config).get(slug)
    if not named:
        return markdown
    item = json.loads(named[f"{slug}.csl.json"])[0]
    page.meta["edition_citation"] = citation_meta(item, page, is_landing, config)
    page.meta["edition_jsonld"] = json_ld(item, page, is_landing, config)
    page.meta["edition_og"] = [["og:title", (page.meta.get("title") or page.title or item["title"]) if not is_landing else item["title"]],
                               ["og:type", "book" if item["type"] == "book" and is_landing else "article"],
                               ["og:url", _page_url(page, config)], ["og:site_name", config["site_name"]],
                               ["og:locale", OG_LOCALES.get(_language(page, config), "kk_KZ")]]
    if item.get("abstract"):
        page.meta["edition_og"].append(["og:description", item["abstract"]])
    language = _language(page, config)
    labels = LABELS.get(language, LABELS["kk"])
    pages = print_pages(config, slug)
    first_block = FIRST_BLOCK.search(markdown)
    if not is_landing and first_block and first_block.group(1) in pages:
        tags = page.meta["edition_citation"]
        at = next(i for i, (name, _) in enumerate(tags) if name == "citation_language")
        tags.insert(at, ["citation_firstpage", pages[first_block.group(1)].split("–")[0]])
    page.meta["edition_reference"] = reference_text(item, language)
    # without the document's address: a paragraph's reference ends with its own (cite-paragraph.js)
    page.meta["edition_paragraph_reference"] = reference_text({k: v for k, v in item.items() if k != "URL"}, language)
    page.meta["edition_cite_labels"] = {"page": labels["page"], "button": labels["button"],
                                        "copy": labels["copy"], "copied": labels["copied"]}
    if is_landing:
        return (f"{markdown.rstrip()}\n\n{cite_markdown(page.meta['edition_reference'], labels)}\n"
                f"{downloads_markdown(slug, named, language)}")
    return markdown


FIRST_BLOCK = re.compile(r"\{:[^}\n]*#(p\d[\w-]*)")


def reference_text(item: dict, language: str) -> str:
    from build_edition.export.citation import reference
    return reference(item, language)


def cite_markdown(reference: str, labels: dict) -> str:
    from build_edition.text.markdown import escape
    return "\n".join([f"## {labels['cite']}", "", labels["cite_intro"], "",
                      f"{escape(reference)}", "{: .edition-reference }", "", labels["cite_paragraph"], ""])


_OPEN_TAG = re.compile(r'<(p|li|h[1-6])\b([^>]*?)\sid="(p\d[\w-]*)"([^>]*)>')


def mark_print_pages(html: str, pages: dict[str, str], labels: dict) -> str:
    """Each paragraph whose print page is known gets ``data-print-page``; the one where a printed page
    starts gets the page's milestone, ``[69]``, linkable as ``#page-69``.

    >>> mark_print_pages('<p id="p2822" data-lines="1-2">Мәтін</p><p id="p3">x</p>', {"p2822": "68–69"},
    ...                  {"milestone": "{n}-бет осы жерден басталады"})
    '<p id="p2822" data-lines="1-2" data-print-page="68–69"><a class="page-milestone" id="page-69" href="#page-69" title="69-бет осы жерден басталады">[69]</a> Мәтін</p><p id="p3">x</p>'
    """
    def mark(m: re.Match) -> str:
        page = pages.get(m.group(3))
        if not page:
            return m.group(0)
        start = page.split("–")[-1]
        title = labels["milestone"].format(n=start)
        return (f'{m.group(0)[:-1]} data-print-page="{page}">'
                f'<a class="page-milestone" id="page-{start}" href="#page-{start}" title="{title}">[{start}]</a> ')
    return _OPEN_TAG.sub(mark, html)


def on_page_content(html, page, config, files, **kwargs):
    where = _document_of(page)
    if where is None or where[1]:
        return html
    pages = print_pages(config, where[0])
    labels = LABELS.get(_language(page, config), LABELS["kk"])
    if pages:
        html = mark_print_pages(html, pages, labels)
    return html + cite_data(page)


def cite_data(page) -> str:
    """What assets/javascripts/cite-paragraph.js needs to give a paragraph its reference."""
    from html import escape
    reference = page.meta.get("edition_paragraph_reference")
    if not reference:
        return ""
    labels = page.meta.get("edition_cite_labels") or {}
    attrs = {"reference": reference, "page-label": labels.get("page", ""), "button": labels.get("button", ""),
             "copy": labels.get("copy", ""), "copied": labels.get("copied", ""), "url": page.canonical_url or ""}
    data = " ".join(f'data-{name}="{escape(value, quote=True)}"' for name, value in attrs.items())
    return f'\n<div class="edition-cite-data" hidden {data}></div>\n'


def _page_url(page, config) -> str:
    return _site_url(config) + (page.file.url or "")


def _highwire_date(item: dict) -> str:
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    return "/".join([str(parts[0][0])] + [f"{p:02d}" for p in parts[0][1:]]) if parts[0] else ""


def _author_names(item: dict) -> list[str]:
    return [", ".join(filter(None, [a.get("family"), a.get("given")])) if "family" in a else a.get("literal", "")
            for a in item.get("author", [])]


def citation_meta(item: dict, page, is_landing: bool, config) -> list[list[str]]:
    """(name, content) pairs of the citation meta tags of a page of the document ``item``."""
    page_title = (page.meta.get("title") or page.title or "").strip() if not is_landing else ""
    book = item["type"] == "book"
    title = page_title if (book and page_title) else item["title"]
    tags = [["citation_title", title]]
    tags += [["citation_author", name] for name in _author_names(item)]
    date = _highwire_date(item)
    if date:
        tags.append(["citation_publication_date", date])
    if book:
        if page_title:
            tags.append(["citation_inbook_title", item["title"]])
        else:
            tags.append(["citation_book_title", item["title"]])
        if item.get("collection-title"):
            tags.append(["citation_series_title", item["collection-title"]])
    elif item.get("container-title"):
        tags.append(["citation_journal_title", item["container-title"]])
    if item.get("publisher"):
        tags.append(["citation_publisher", item["publisher"]])
    tags.append(["citation_language", item.get("language", "kk")])
    tags.append(["citation_abstract_html_url", item["URL"]])
    tags.append(["citation_fulltext_html_url", _page_url(page, config)])
    # Dublin Core
    tags.append(["DC.title", title])
    tags += [["DC.creator", name] for name in _author_names(item)]
    if date:
        tags.append(["DC.date", date.replace("/", "-")])
    tags.append(["DC.language", item.get("language", "kk")])
    if item.get("publisher"):
        tags.append(["DC.publisher", item["publisher"]])
    tags.append(["DC.type", "Text"])
    tags.append(["DC.format", "text/html"])
    tags.append(["DC.identifier", _page_url(page, config)])
    tags.append(["DC.source", item.get("container-title") or item.get("collection-title") or item["source"]])
    if page_title:
        tags.append(["DC.relation", item["URL"]])
    return tags


SCHEMA_TYPES = {"book": "Book", "article-newspaper": "NewsArticle", "article-journal": "ScholarlyArticle",
                "interview": "NewsArticle", "webpage": "NewsArticle"}


def json_ld(item: dict, page, is_landing: bool, config) -> str:
    """schema.org JSON-LD of the page: the document (Book, NewsArticle, ScholarlyArticle; an interview
    is a NewsArticle of genre "interview"), a book's chapter as a Chapter ``isPartOf`` the Book."""
    work = {"@type": SCHEMA_TYPES.get(item["type"], "CreativeWork"), "name": item["title"],
            "headline": item["title"][:110], "url": item["URL"], "inLanguage": item.get("language", "kk")}
    if item["type"] == "interview":
        work["genre"] = "interview"
    authors = [{"@type": "Person", "name": " ".join(filter(None, [a.get("given"), a.get("family")])) or a.get("literal")}
               for a in item.get("author", [])]
    if authors:
        work["author"] = authors
    date = _highwire_date(item).replace("/", "-")
    if date:
        work["datePublished"] = date
    if item.get("publisher"):
        work["publisher"] = {"@type": "Organization", "name": item["publisher"]}
    if item.get("container-title"):
        work["isPartOf"] = {"@type": "Periodical", "name": item["container-title"]}
    if item.get("abstract"):
        work["description"] = item["abstract"]
    page_title = (page.meta.get("title") or page.title or "").strip()
    if is_landing or item["type"] != "book":
        data = {"@context": "https://schema.org", **work}
        if not is_landing:
            data["url"] = _page_url(page, config)
            data["mainEntityOfPage"] = item["URL"]
    else:
        data = {"@context": "https://schema.org", "@type": "Chapter", "name": page_title,
                "url": _page_url(page, config), "inLanguage": item.get("language", "kk"), "isPartOf": work}
    # "</" never appears inside the script element
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")

