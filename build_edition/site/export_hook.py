"""MkDocs hook: the scholarly downloads of every document and the metadata reference managers read.

It only calls :mod:`build_edition.export` (nothing of the pipeline) and stores nothing in content/:

- **Downloads.** While the site is built, every document of the catalogue is exported from the
  docs folder as it stands (the merged edition, editors' corrections included) — TEI P5, plain
  text (Cyrillic and töte), EPUB, BibTeX, RIS, CSL-JSON — and the files are added to the site beside
  the document's landing page (``<slug>/<slug>.tei.xml``...), where the landing page lists them under
  "Жүктеп алу" with their sizes. The whole edition's data archive (``edition-data.zip``: every TEI
  file and plain text, the catalogue as JSON, the licence) and its licence stand at the site's root,
  listed on the home page. The site's link check sees them like any other file.
- **Once per state of a document.** The files of a document are made once for a given state of its
  inputs (:func:`build_edition.export.inputs_key`: its pages and logs, the catalogue, the code...):
  the Russian and English builds of the same ``mkdocs build`` reuse them, and so does the next build
  or ``mkdocs serve`` rebuild, from ``.cache/export/`` (git-ignored), for every document whose inputs
  did not change. Same key, same bytes, so the site stays byte-identical.
- **Citation metadata** on every page of a document: Highwire Press ``citation_*`` tags (Google
  Scholar, Zotero), Dublin Core ``DC.*``, Open Graph and schema.org JSON-LD, put into the page's
  metadata here and written by the template override (overrides/main.html).
"""
from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path, PurePosixPath

from mkdocs.structure.files import File

from build_edition.export.cache import cache_folder, digest, document_files, from_disk, site_address, to_disk
from build_edition.export.labels import SUFFIXES, site_labels

# slug → (inputs key, {file name: bytes}, {block id: print page}); the archive: (key, bytes, licence)
_documents: dict[str, tuple[str, dict[str, bytes], dict[str, str]]] = {}
_state: dict = {"stamp": None, "exports": {}, "archive": None}
OG_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}


def _root(config) -> Path:
    return Path(config.config_file_path or "mkdocs.yml").resolve().parent


def _site_url(config) -> str:
    return site_address(config.get("site_url"))


def _language(page, config) -> str:
    return getattr(page.file, "locale_alternate_of", None) or getattr(page.file, "locale", None) \
        or config["theme"].get("language", "kk") or "kk"


def _docs_stamp(docs: Path) -> tuple:
    return (str(docs.resolve()), max((p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()), default=0))


def exports(config) -> dict[str, dict[str, bytes]]:
    """slug → {file name: bytes} of every document of the docs folder, each made once per state of
    its inputs (in this process, or by an earlier build: .cache/export/)."""
    from build_edition.export import inputs_key, read_catalog
    docs = Path(config["docs_dir"])
    site_url = _site_url(config)
    stamp = (_docs_stamp(docs), site_url, os.environ.get("SOURCE_DATE_EPOCH"))
    if _state["stamp"] == stamp:            # the ru and en builds of the same `mkdocs build`
        return _state["exports"]
    root = _root(config)
    entries = [e for e in read_catalog(root) if (docs / e.slug).is_dir()]
    result: dict[str, dict[str, bytes]] = {}
    for entry in entries:
        known = _documents.get(entry.slug)
        if known is None or known[0] != inputs_key(docs, entry, root, site_url):
            _documents[entry.slug] = document_files(docs, entry, root, site_url)
        result[entry.slug] = _documents[entry.slug][1]
    for slug in set(_documents) - set(result):
        del _documents[slug]
    _state["archive"] = _archive(entries, result, site_url, cache_folder(docs))
    _state.update(stamp=stamp, exports=result)
    return result


def _archive(entries, result: dict[str, dict[str, bytes]], site_url: str, folder: Path) -> tuple[bytes, bytes]:
    """(the edition's data archive, its licence), made again only when a document's files changed."""
    from build_edition.export import dump
    key = digest(json.dumps([[e.slug, _documents[e.slug][0]] for e in entries] + [site_url]).encode())
    previous = _state.get("archive_key")
    if previous == key and _state["archive"]:
        return _state["archive"]
    found = from_disk(folder, key)
    if found is None:
        files = {dump.ARCHIVE: dump.archive_bytes(entries, result, site_url),
                 dump.LICENCE: dump.licence_text(entries).encode("utf-8")}
        to_disk(folder, key, files, {})
    else:
        files = found[0]
    _state["archive_key"] = key
    return files[dump.ARCHIVE], files[dump.LICENCE]


def print_pages(config, slug: str) -> dict[str, str]:
    """block id → print page of the document's paragraphs where it is known."""
    _current(config)
    known = _documents.get(slug)
    return known[2] if known else {}


def _current(config) -> dict[str, dict[str, bytes]]:
    """The exports of this build (made in on_files), without checking the docs folder again per page."""
    return _state["exports"] if _state["stamp"] is not None else exports(config)


def on_files(files, config, **kwargs):
    from build_edition.export import dump
    try:
        produced = exports(config)
    except Exception as exc:           # a clear message rather than a traceback
        from mkdocs.exceptions import PluginError
        raise PluginError(f"export of the downloads failed: {exc}") from exc
    # in a git-ignored folder (not content/) so that every plugin sees ordinary files
    folder = cache_folder(Path(config["docs_dir"]))
    uris = [f"{slug}/{name}" for slug, named in sorted(produced.items()) for name in sorted(named)]
    if produced:
        uris += [dump.ARCHIVE, dump.LICENCE]
    for uri in uris:
        if files.get_file_from_path(uri) is None:
            files.append(File(uri, str(folder), config["site_dir"], config["use_directory_urls"]))
    return files


def size_label(size: int, labels: dict) -> str:
    """
    >>> size_label(2406169, site_labels("kk")), size_label(676, site_labels("en"))
    ('2,3 МБ', '0.7 KB')
    """
    decimal = "," if labels is not site_labels("en") else "."
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f}".replace(".", decimal) + f" {labels['mb']}"
    return f"{max(size, 1) / 1024:.1f}".replace(".", decimal) + f" {labels['kb']}"


def downloads_markdown(slug: str, named: dict[str, bytes], language: str) -> str:
    labels = site_labels(language)
    # no Latin id: headings keep the Cyrillic anchors of their words (#жүктеп-алу)
    lines = [f"## {labels['downloads']}", "", labels["intro"], ""]
    for suffix, key in SUFFIXES:
        name = f"{slug}{suffix}"
        if name in named:
            lines.append(f"- [{labels[key]}]({name}) — `{name}`, {size_label(len(named[name]), labels)}")
    return "\n".join(lines) + "\n"


def archive_markdown(archive: bytes, licence: bytes, language: str) -> str:
    """The home page's "Жүктеп алу" section: the edition's data archive and its licence, with sizes."""
    from build_edition.export import dump
    labels = site_labels(language)
    return "\n".join([f"## {labels['downloads']}", "", labels["dump_intro"], "",
                      f"- [{labels['dump']}]({dump.ARCHIVE}) — `{dump.ARCHIVE}`, {size_label(len(archive), labels)}",
                      f"- [{labels['licence']}]({dump.LICENCE}) — `{dump.LICENCE}`, {size_label(len(licence), labels)}",
                      "", labels["licence_text"].replace("CC BY 4.0", f"[CC BY 4.0]({dump.CC_BY})", 1), ""])


def _document_of(page) -> tuple[str, bool] | None:
    parts = PurePosixPath(page.file.src_uri).parts
    if len(parts) == 2 and parts[1].endswith(".md"):
        return parts[0], parts[1].split(".")[0] == "index"
    return None


def _is_home(page) -> bool:
    parts = PurePosixPath(page.file.src_uri).parts
    return len(parts) == 1 and parts[0].split(".")[0] == "index" and parts[0].endswith(".md")


def on_page_markdown(markdown, page, config, files, **kwargs):
    where = _document_of(page)
    if where is None:
        if _is_home(page) and _current(config) and _state["archive"]:
            return f"{markdown.rstrip()}\n\n{archive_markdown(*_state['archive'], _language(page, config))}"
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
    labels = site_labels(language)
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
    """The formatted reference of a document, once per item and language (citeproc-py takes ~4 ms a
    call, and every page of a document asks for the same two)."""
    return _reference(json.dumps(item, ensure_ascii=False, sort_keys=True), language)


@lru_cache(maxsize=256)
def _reference(item_json: str, language: str) -> str:
    from build_edition.export.citation import reference
    return reference(json.loads(item_json), language)


def cite_markdown(reference: str, labels: dict) -> str:
    from build_edition.text.markdown import escape
    return "\n".join([f"## {labels['cite']}", "", labels["cite_intro"], "",
                      f"{escape(reference)}", "{: .edition-reference }", "", labels["cite_paragraph"], ""])


def on_page_content(html, page, config, files, **kwargs):
    where = _document_of(page)
    if where is None or where[1]:
        return html
    # the print-page milestones ([69], data-print-page) are in content/ (build_edition.write.milestones)
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

