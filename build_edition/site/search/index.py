"""The search index of the edition: one Pagefind record per paragraph of the Kazakh pages.

Pagefind (PyPI ``pagefind[extended]``, the Rust indexer shipped in the wheel) writes a chunked
index the browser loads piece by piece: a query fetches only the chunks of its words and the
fragments of the results it shows. Pagefind has no Kazakh stemmer, so every record's searchable
content is the paragraph's words already normalised by :mod:`build_edition.site.search.normaliser`
(one token per word, in order, so Pagefind's word positions are positions in the paragraph); the
browser normalises the query with the same rules file before asking Pagefind. The paragraph as
written travels in the record's metadata, for the result excerpt and its highlighting.

Only blocks with an edition id (``p<line>``) are records: a result always links to the exact
paragraph, heading, list item or quotation.

The index is made from content/ (:mod:`build_edition.site.search.pages` renders its Kazakh pages),
not from a built site: `build-edition build` makes it once content/ is written and keeps it in
``.cache/search/`` with a digest of its inputs (:func:`inputs_key`); the site build
(build_edition/site/search_hook.py) copies it into the site, or makes it if content/ changed since.
Same inputs, same bytes, whichever build made them.
"""
from __future__ import annotations

import copy
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from html import escape
from dataclasses import dataclass
from pathlib import Path

from lxml import html as lxml_html

from build_edition.core.errors import EditionError
from build_edition.export.cache import from_disk, to_disk
from build_edition.site.search.extras import WORDS_DIR, extras_files
from build_edition.site.search.pages import Page, kazakh_pages, site_config
from build_edition.site.search.normaliser import RULES_PATH, default_rules, normalise_text

BLOCK_ID = re.compile(r"^p\d+(?:-\d+)?$")   # p<line>, p<line>-2… (build_edition.store.segment_ids)
INDEX_DIR = "pagefind"
CACHE_DIR = ".cache/search"
CACHE_KEPT = 4          # states of content/ whose search files are kept
RULES_URL = "assets/search/kk-search-rules.json"
# every record is indexed as Kazakh: Pagefind keeps one index per language and the browser loads
# the one of the page (<html lang="kk">), so Russian and English paragraphs must share it
INDEX_LANGUAGE = "kk"
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
BLOCK_TAGS = frozenset(HEADINGS + ("p", "li", "ul", "ol", "dl", "dt", "dd", "div", "blockquote", "table", "thead",
                                   "tbody", "tr", "td", "th", "pre", "figure", "figcaption", "br", "hr", "details",
                                   "summary", "section"))
# a ¶ (segment link), a print page's [69], a footnote's number
NOT_TEXT = ('.//a[contains(concat(" ", normalize-space(@class), " "), " headerlink ") or '
            'contains(concat(" ", normalize-space(@class), " "), " page-milestone ")] | .//sup[starts-with(@id, "fnref")]')
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


def _clean_text(element) -> str:
    """The block's text as the reader sees it: without what is no text of it (a ¶, a print page's
    [69], a footnote's number), words of inline markup kept together (``(<abbr>ӘЭСИ</abbr>)``), a
    space where blocks meet (the paragraphs of a list item)."""
    element = copy.deepcopy(element)
    for mark in element.xpath(NOT_TEXT):
        mark.drop_tree()
    for node in element.iterdescendants():
        if isinstance(node.tag, str) and node.tag in BLOCK_TAGS:
            node.text, node.tail = f" {node.text or ''}", f" {node.tail or ''}"
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def _lang_of(element, default: str) -> str:
    node = element
    while node is not None:
        if node.get("lang"):
            return node.get("lang")
        node = node.getparent()
    return default


def _title(body, page: Page) -> str:
    h1 = next(body.iter("h1"), None)
    return _clean_text(h1) if h1 is not None else page.title


def page_records(pages: list[Page], interfaces: dict[str, str] | None = None) -> list[SearchRecord]:
    """Every block with an edition id on the ``pages`` (rendered Kazakh pages in the order of their
    built files, :func:`build_edition.site.search.pages.kazakh_pages`), in that order; ``interfaces``:
    ``{page file: "ru en"}``, the other interfaces that build the page too."""
    bodies = [(page, lxml_html.fragment_fromstring(page.html or "<p></p>", create_parent="div")) for page in pages]
    # a document's title is its landing page's (doc/); a page at the root of the site is its own
    documents = {page.url[:-1]: _title(body, page) for page, body in bodies if page.url.count("/") == 1}
    records: list[SearchRecord] = []
    for page, body in bodies:
        title = _title(body, page)
        document = documents.get(page.url.split("/")[0], title)
        heading = ""
        for element in body.iter():
            if not isinstance(element.tag, str) or not BLOCK_ID.match(element.get("id") or ""):
                continue
            text = _clean_text(element)
            tokens = tuple(normalise_text(text))
            if not tokens:
                continue
            is_heading = element.tag in HEADINGS
            if is_heading and element.tag != "h1":
                heading = text
            context = tuple(dict.fromkeys(t for part in (title, "" if is_heading else heading, document)
                                          for t in normalise_text(part) if t not in tokens))
            records.append(SearchRecord(f"{page.url}#{element.get('id')}", title, document, text,
                                        _lang_of(element, "kk"), tokens, context,
                                        (interfaces or {}).get(page.src, "")))
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


def _pagefind_files(records: list[SearchRecord], word_end: str) -> dict[str, bytes]:
    """What Pagefind writes for the records (its own UIs left out: the edition has its own),
    ``{path under pagefind/: bytes}``."""
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
        pages, out_dir = Path(tmp) / "pages", Path(tmp) / INDEX_DIR
        for number, record in enumerate(records):
            target = pages / (stand_in_path(record.url) or f"{number:06d}.html")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_record_html(record, word_end), encoding="utf-8")
        result = subprocess.run([str(binary), "--site", str(pages), "--output-path", str(out_dir),
                                 "--force-language", INDEX_LANGUAGE, "--include-characters", word_end,
                                 "--silent"],
                                capture_output=True, text=True)
        entry = out_dir / "pagefind-entry.json"
        if result.returncode != 0 or not entry.exists() or entry.stat().st_size == 0:
            raise EditionError(f"Pagefind could not write the search index (exit {result.returncode})",
                               file=INDEX_DIR, hint=(result.stderr or result.stdout).strip()[-2000:])
        return {path.relative_to(out_dir).as_posix(): path.read_bytes() for path in sorted(out_dir.rglob("*"))
                if path.is_file() and not any(path.match(unused) for unused in UNUSED_BUNDLE_FILES)}


def page_documents(files: dict[str, bytes]) -> dict[str, str]:
    """``{Pagefind page id: document slug}`` read back from the fragments Pagefind wrote (a result's
    ``id`` is its fragment's name; ``files``: :func:`_pagefind_files`). The browser counts results per
    document and filters them by document or kind with it ("N абзац, M құжатта"), instead of Pagefind's
    filter index, whose files come out in a different byte order on every run."""
    out = {}
    for name, packed in sorted(files.items()):
        if not (name.startswith("fragment/") and name.endswith(".pf_fragment")):
            continue
        data = gzip.decompress(packed)
        if not data.startswith(FRAGMENT_SIGNATURE):
            raise EditionError("a Pagefind fragment in an unknown format", file=f"{INDEX_DIR}/{name}",
                               hint="the search expects the format of the pinned pagefind version")
        fragment = json.loads(data[len(FRAGMENT_SIGNATURE):])
        url = fragment["meta"].get("url") or record_url(fragment["url"])
        out[name[len("fragment/"):-len(".pf_fragment")]] = url.split("#")[0].split("/", 1)[0] if "/" in url else ""
    return out


def other_languages(config) -> tuple[str, ...]:
    """The interfaces besides the Kazakh one (mkdocs-static-i18n's languages in mkdocs.yml)."""
    i18n = config["plugins"].get("i18n")
    return tuple(lang.locale for lang in getattr(getattr(i18n, "config", None), "languages", None) or []
                 if not lang.default)


def page_interfaces(content: Path, pages: list[Page], languages: tuple[str, ...]) -> dict[str, str]:
    """``{page file: "ru en"}``: the other interfaces that build the Kazakh page too (their own
    ``.ru.md`` of it, or the Kazakh page itself where they build it: build_edition/site/i18n_hook.py),
    so a result found there opens their copy."""
    from build_edition.site.i18n_hook import is_built, translated_pages
    translated = {language: translated_pages(content, language) for language in languages}
    out = {}
    for page in pages:
        stem = page.src[:-len(".md")]
        out[page.src] = " ".join(language for language in languages
                                 if (content / f"{stem}.{language}.md").is_file() or is_built(page.src, translated[language]))
    return out


def search_files(content: Path, config) -> tuple[dict[str, bytes], int]:
    """Everything the search writes into the site, ``{path from the site root: bytes}``, made from the
    Kazakh pages of ``content`` (:mod:`build_edition.site.search.pages`), and the number of records:
    the Pagefind index, the normaliser's rules, the names file and the vocabulary shards."""
    languages = other_languages(config)
    pages = kazakh_pages(content, config, languages)
    records = page_records(pages, page_interfaces(content, pages, languages))
    if not records:
        raise EditionError("no paragraph with an edition id (p<line>) in content/, so nothing to search",
                           file=str(content), hint="build the content with `build-edition build` before `mkdocs build`")
    index = _pagefind_files(records, default_rules().word_end)
    files = {f"{INDEX_DIR}/{name}": data for name, data in index.items()}
    # compact copy of the one rules file: the browser applies exactly what the index was built with
    rules = json.loads(RULES_PATH.read_text(encoding="utf-8"))
    files[RULES_URL] = json.dumps({k: v for k, v in rules.items() if not k.startswith("_")},
                                  ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    titles = {record.url.split("#")[0]: [record.title, record.document] for record in records}
    files.update(extras_files(content, [r.text for r in records], {page.url for page in pages},
                              page_documents(index), titles))
    return files, len(records)


def inputs_key(content: Path, config_file: Path) -> str:
    """A digest of everything :func:`search_files` reads: content/ (not its hidden folders), the
    catalogue, mkdocs.yml, the package's code and data and the versions of its libraries, Pagefind's."""
    from importlib import metadata

    from build_edition.export import _code_version
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode() + data)

    for path in sorted(content.rglob("*")):
        rel = path.relative_to(content)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            add(f"content/{rel.as_posix()}", path.read_bytes())
    catalog = content.parent / "seeds" / "catalog.yml"
    add("catalog", catalog.read_bytes() if catalog.is_file() else b"")
    add("mkdocs.yml", config_file.read_bytes() if config_file.is_file() else b"")
    add("code", _code_version().encode())
    for name in ("pagefind", "pagefind_bin_extended", "mkdocs"):
        try:
            add(name, metadata.version(name).encode())
        except metadata.PackageNotFoundError:
            add(name, b"none")
    return digest.hexdigest()


def cache_folder(content: Path) -> Path:
    """Where the search files of a docs folder are kept: ``.cache/search/`` beside it."""
    return Path(content).resolve().parent / CACHE_DIR


def cached_search_files(content: Path, config_file: Path, config=None) -> tuple[dict[str, bytes], bool]:
    """:func:`search_files` of ``content``, from ``.cache/search/<key>/`` when an earlier build made them
    from the same inputs (:func:`inputs_key`), else made now and kept there; and whether they were
    found made. ``config``: mkdocs.yml (``config_file``) as MkDocs loaded it, loaded here only when
    the files must be made."""
    content = Path(content)
    key = inputs_key(content, Path(config_file))
    folder = cache_folder(content) / key[:32]
    found = from_disk(folder, key)
    if found is not None:
        return found[0], True
    if config is None:
        config = site_config(Path(config_file))
    files, _ = search_files(content, config)
    to_disk(folder, key, files, {})
    # the oldest go; the latest few stay, so a build running beside this one (tests share the folder)
    # never loses the files it is writing or reading
    kept = sorted((p for p in cache_folder(content).iterdir() if p.is_dir()), key=_modified, reverse=True)
    for stale in kept[CACHE_KEPT:]:
        if stale != folder:
            shutil.rmtree(stale, ignore_errors=True)
    return files, False


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def build_search_index(site_dir: Path, content: Path, config) -> dict:
    """Write the search files of ``content`` (:func:`cached_search_files`) into the built site; returns
    counts and sizes."""
    site_dir = Path(site_dir)
    files, cached = cached_search_files(content, Path(config.config_file_path or ""), config)
    out_dir = site_dir / INDEX_DIR
    if out_dir.exists():
        shutil.rmtree(out_dir)
    words = site_dir / WORDS_DIR
    if words.exists():
        shutil.rmtree(words)
    for name, data in files.items():
        target = site_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    index = [data for name, data in files.items() if name.startswith(f"{INDEX_DIR}/")]
    return {"records": sum(1 for name in files if name.endswith(".pf_fragment")), "files": len(index),
            "bytes": sum(map(len, index)), "cached": cached}
