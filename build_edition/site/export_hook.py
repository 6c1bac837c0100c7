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
from pathlib import Path, PurePosixPath

from mkdocs.structure.files import File

EXPORT_DIR = ".cache/export"
_exports: dict[tuple, dict[str, dict[str, bytes]]] = {}
LABELS = {
    "kk": {"downloads": "Жүктеп алу", "intro": "Құжаттың басылымдағы мәтіні мен сипаттамасы:",
           "kb": "КБ", "mb": "МБ", "tei": "TEI P5 XML (түзетулер, алынған бет элементтері, атаулар белгіленген)",
           "txt": "Таза мәтін (UTF-8)", "bib": "BibTeX", "ris": "RIS (Zotero, EndNote, Mendeley)",
           "csl": "CSL-JSON"},
    "ru": {"downloads": "Скачать", "intro": "Текст документа в издании и его библиографическое описание:",
           "kb": "КБ", "mb": "МБ", "tei": "TEI P5 XML (исправления, удалённые колонтитулы, имена размечены)",
           "txt": "Простой текст (UTF-8)", "bib": "BibTeX", "ris": "RIS (Zotero, EndNote, Mendeley)",
           "csl": "CSL-JSON"},
    "en": {"downloads": "Download", "intro": "The document's text in this edition and its citation data:",
           "kb": "KB", "mb": "MB", "tei": "TEI P5 XML (emendations, removed page furniture and names marked up)",
           "txt": "Plain text (UTF-8)", "bib": "BibTeX", "ris": "RIS (Zotero, EndNote, Mendeley)",
           "csl": "CSL-JSON"},
}
OG_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}
SUFFIXES = ((".tei.xml", "tei"), (".txt", "txt"), (".bib", "bib"), (".ris", "ris"), (".csl.json", "csl"))


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
        for entry in read_catalog(root):
            if (docs / entry.slug).is_dir():
                result[entry.slug] = export_document(load_document(docs, entry, root), _site_url(config))
        _exports[key] = result
    return _exports[key]


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
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
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
    lines = [f"## {labels['downloads']} {{: #downloads }}", "", labels["intro"], ""]
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
    named = exports(config).get(slug)
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
    page.meta["edition_tei"] = f"{_site_url(config)}{slug}/{slug}.tei.xml"    # the same file from every interface
    if is_landing:
        return f"{markdown.rstrip()}\n\n{downloads_markdown(slug, named, _language(page, config))}"
    return markdown


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

