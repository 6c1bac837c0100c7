"""Build the search index of the built site: one Pagefind record per paragraph.

Pagefind (PyPI ``pagefind[extended]``, the Rust indexer shipped in the wheel) writes a chunked
index the browser loads piece by piece: a query fetches only the chunks of its words and the
fragments of the results it shows. Pagefind has no Kazakh stemmer, so every record's searchable
content is the paragraph's words already normalised by :mod:`build_edition.site.search.normaliser`
(one token per word, in order, so Pagefind's word positions are positions in the paragraph); the
browser normalises the query with the same rules file before asking Pagefind. The paragraph as
written travels in the record's metadata, for the result excerpt and its highlighting.

Only blocks with an edition id (``p<line>``) are records: a result always links to the exact
paragraph, heading, list item or quotation.
"""
from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import tempfile
from html import escape
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from bs4 import BeautifulSoup

from build_edition.core.errors import EditionError
from build_edition.site.search.extras import write_extras
from build_edition.site.search.normaliser import RULES_PATH, default_rules, normalise_text

BLOCK_ID = re.compile(r"^p\d+(?:-\d+)?$")   # p<line>, p<line>-2… (build_edition.store.segment_ids)
INDEX_DIR = "pagefind"
RULES_URL = "assets/search/kk-search-rules.json"
# every record is indexed as Kazakh: Pagefind keeps one index per language and the browser loads
# the one of the page (<html lang="kk">), so Russian and English paragraphs must share it
INDEX_LANGUAGE = "kk"
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
CONTEXT_WEIGHT = "0.3"   # Pagefind weighs a paragraph 1: a word only in the heading above counts less
FRAGMENT_SIGNATURE = b"pagefind_dcd"   # Pagefind's header before a fragment's JSON
UNUSED_BUNDLE_FILES = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*", "pagefind-highlight.js")


@dataclass(frozen=True)
class SearchRecord:
    url: str        # site-root-relative, with the block anchor: "doc/page/#p123"
    title: str      # the page's title
    document: str   # the document's title (from its landing page)
    text: str       # the block as the reader sees it
    lang: str
    tokens: tuple[str, ...]
    # the page title, the section heading above the block and the document's title: a query's words
    # match across a heading and its paragraphs (`Лаумулин алғысөзі`, `Кекілбаев Егемен`), indexed
    # after the block's words with a low weight
    context: tuple[str, ...] = ()
    interfaces: str = ""    # the other interfaces (skipped folders) that have this page too: "ru en"


def _page_url(site_dir: Path, html_file: Path) -> str:
    rel = PurePosixPath(html_file.relative_to(site_dir).as_posix())
    return str(rel.parent) + "/" if rel.name == "index.html" and str(rel.parent) != "." else (
        "" if rel.name == "index.html" else str(rel))


def _clean_text(element) -> str:
    for anchor in element.select("a.headerlink, a.page-milestone"):    # a ¶, a print page's [69]: no text
        anchor.decompose()
    return re.sub(r"\s+", " ", element.get_text(" ")).strip()


def _lang_of(element, default: str) -> str:
    node = element
    while node is not None and getattr(node, "name", None):
        if node.get("lang"):
            return node["lang"]
        node = node.parent
    return default


def _article(html: str):
    # parse only the article: the navigation around it is most of every page
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < 0:
        return None
    return BeautifulSoup(html[start:end + len("</article>")], "html.parser").find("article")


def _title(article) -> str:
    h1 = article.find("h1") if article else None
    return _clean_text(h1) if h1 else ""


def collect_records(site_dir: Path, skip: tuple[str, ...] = ()) -> list[SearchRecord]:
    """Every block with an edition id on every page of the built site, in a stable order
    (``skip``: top-level folders left out, such as the ru/ and en/ interfaces of the same pages)."""
    site_dir = Path(site_dir)
    pages = sorted(p for p in site_dir.rglob("*.html")
                   if not set(p.relative_to(site_dir).parts[:1]) & {INDEX_DIR, *skip} and p.name != "404.html")
    articles = {p: _article(p.read_text(encoding="utf-8")) for p in pages}
    documents = {}
    for page, article in articles.items():
        rel = page.relative_to(site_dir).parts
        if len(rel) == 2 and rel[1] == "index.html":
            documents[rel[0]] = _title(article)
    records: list[SearchRecord] = []
    for page, article in articles.items():
        if article is None:
            continue
        url = _page_url(site_dir, page)
        title = _title(article)
        document = documents.get(page.relative_to(site_dir).parts[0], title)
        heading = ""
        # ru/ and en/ build a Kazakh page only when it is translated (issue 18): where they do, a result
        # found there opens their copy, elsewhere the Kazakh page
        interfaces = " ".join(s for s in skip if (site_dir / s / page.relative_to(site_dir)).is_file())
        for element in article.find_all(id=BLOCK_ID):
            text = _clean_text(element)
            tokens = tuple(normalise_text(text))
            if not tokens:
                continue
            is_heading = element.name in HEADINGS
            if is_heading and element.name != "h1":
                heading = text
            context = tuple(dict.fromkeys(t for part in (title, "" if is_heading else heading, document)
                                          for t in normalise_text(part) if t not in tokens))
            records.append(SearchRecord(f"{url}#{element['id']}", title, document, text,
                                  _lang_of(element, "kk"), tokens, context, interfaces))
    return records


def stand_in_path(url: str) -> str | None:
    """Where the stand-in page of the record at ``url`` goes, so that the address Pagefind gives a
    result is the record's own (``doc/page/#p12`` → ``doc/page/p12.html``; see
    :func:`record_url`), or None for a page whose address is not a folder.

    >>> stand_in_path("doc/01-page/#p12"), stand_in_path("#p3"), stand_in_path("x.html#p1")
    ('doc/01-page/p12.html', 'p3.html', None)
    """
    page, _, anchor = url.partition("#")
    return f"{page}{anchor}.html" if (not page or page.endswith("/")) and BLOCK_ID.match(anchor) else None


def record_url(pagefind_url: str) -> str:
    """The record's address from the one Pagefind gives its stand-in page (kk-search-extras.js
    ``recordUrl`` does the same).

    >>> record_url("/doc/01-page/p12.html"), record_url("/p3-2.html")
    ('doc/01-page/#p12', '#p3-2')
    """
    page, _, name = pagefind_url.lstrip("/").rpartition("/")
    return (page + "/" if page else "") + "#" + name.removesuffix(".html")


def _record_html(record: SearchRecord, word_end: str) -> str:
    """A stand-in page for one record: its normalised words, each closed by ``word_end``, are the
    body Pagefind indexes. Pagefind indexes metadata too, so the record carries only what the
    result needs and nothing else has: the paragraph as written (and its language if not Kazakh);
    the address is the stand-in's own, the titles are in the names file (by page)."""
    fields = [("text", record.text)] + ([("lang", record.lang)] if record.lang != INDEX_LANGUAGE else [])
    if stand_in_path(record.url) is None:
        fields.append(("url", record.url))
    if record.interfaces:
        fields.append(("interfaces", record.interfaces))
    meta = "".join(f'<div data-pagefind-meta="{key}">{escape(value)}</div>' for key, value in fields)
    context = (f'<div data-pagefind-weight="{CONTEXT_WEIGHT}">{" ".join(t + word_end for t in record.context)}</div>'
               if record.context else "")
    return (f'<!DOCTYPE html><html lang="{INDEX_LANGUAGE}"><head><meta charset="utf-8"></head><body>'
            f'<main data-pagefind-body><p>{" ".join(t + word_end for t in record.tokens)}</p>{context}</main>{meta}'
            '</body></html>')


def _write_pagefind(records: list[SearchRecord], out_dir: Path, word_end: str) -> None:
    # The indexer binary of the pagefind[extended] wheel, run once over a directory of stand-in
    # pages. (Its Python service API answers one request per 0.1 s, which makes thousands of
    # custom records take minutes, and gives up writing the files after 5 s on a busy machine.)
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise EditionError("the Pagefind indexer is not installed", file="pyproject.toml",
                           hint="install the project's dependencies: .venv/bin/pip install -e . "
                                "(pagefind[extended] ships the indexer binary)")
    # thousands of small files: in memory where the system offers it
    scratch = "/dev/shm" if Path("/dev/shm").is_dir() and os.access("/dev/shm", os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="kk-search-", dir=scratch) as tmp:
        for number, record in enumerate(records):
            target = Path(tmp) / (stand_in_path(record.url) or f"{number:06d}.html")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_record_html(record, word_end), encoding="utf-8")
        result = subprocess.run([str(binary), "--site", tmp, "--output-path", str(out_dir),
                                 "--force-language", INDEX_LANGUAGE, "--include-characters", word_end,
                                 "--silent"],
                                capture_output=True, text=True)
    entry = out_dir / "pagefind-entry.json"
    if result.returncode != 0 or not entry.exists() or entry.stat().st_size == 0:
        raise EditionError(f"Pagefind could not write the search index (exit {result.returncode})",
                           file=str(out_dir), hint=(result.stderr or result.stdout).strip()[-2000:])


def page_documents(out_dir: Path) -> dict[str, str]:
    """``{Pagefind page id: document slug}`` read back from the fragments Pagefind wrote (a result's
    ``id`` is its fragment's name). The browser counts results per document and filters them by
    document or kind with it ("N абзац, M құжатта"), instead of Pagefind's filter index, whose
    files come out in a different byte order on every run."""
    out = {}
    for path in sorted((out_dir / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        if not data.startswith(FRAGMENT_SIGNATURE):
            raise EditionError("a Pagefind fragment in an unknown format", file=str(path),
                               hint="the search expects the format of the pinned pagefind version")
        fragment = json.loads(data[len(FRAGMENT_SIGNATURE):])
        url = fragment["meta"].get("url") or record_url(fragment["url"])
        out[path.name[:-len(".pf_fragment")]] = url.split("#")[0].split("/", 1)[0] if "/" in url else ""
    return out


def build_search_index(site_dir: Path, skip: tuple[str, ...] = (), content: Path | None = None) -> dict:
    """Write ``pagefind/``, the normaliser rules and the names, synonyms and words files
    (:mod:`build_edition.site.search.extras`, from ``content``'s data) into the built site;
    returns counts and sizes."""
    site_dir = Path(site_dir)
    records = collect_records(site_dir, skip)
    if not records:
        raise EditionError("no paragraph with an edition id (p<line>) in the built site, so nothing to search",
                           file=str(site_dir),
                           hint="build the content with `build-edition build` before `mkdocs build`")
    out_dir = site_dir / INDEX_DIR
    if out_dir.exists():
        shutil.rmtree(out_dir)
    _write_pagefind(records, out_dir, default_rules().word_end)
    for unused in UNUSED_BUNDLE_FILES:  # Pagefind's own UIs: the edition has its own
        for path in out_dir.glob(unused):
            path.unlink()
    rules_target = site_dir / RULES_URL
    rules_target.parent.mkdir(parents=True, exist_ok=True)
    # compact copy of the one rules file: the browser applies exactly what the index was built with
    rules = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    rules_target.write_text(json.dumps({k: v for k, v in rules.items() if not k.startswith("_")},
                                       ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    titles = {record.url.split("#")[0]: [record.title, record.document] for record in records}
    write_extras(site_dir, content, [r.text for r in records], page_documents(out_dir), titles)
    files = [p for p in out_dir.rglob("*") if p.is_file()]
    return {"records": len(records), "files": len(files), "bytes": sum(p.stat().st_size for p in files)}
