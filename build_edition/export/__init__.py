"""Scholarly interchange: the edition's documents as files a scholar or a reader takes away.

For every document of the catalogue, from the MERGED edition in content/ (so editors' corrections
are in), the catalogue and the emendation and removal logs:

- ``<slug>.tei.xml`` — TEI P5 (:mod:`.tei`), valid against the TEI Consortium's ``tei_all.rng``
  (shipped in ``build_edition/data/tei/`` with its licence);
- ``<slug>.txt`` — the plain reading text (:mod:`.plaintext`), ``<slug>.arab.txt`` the same in töte
  (the Kazakh Arabic script);
- ``<slug>.epub``, ``<slug>.latn.epub`` and ``<slug>.arab.epub`` — EPUB 3 in Cyrillic, in the Latin
  alphabet and in töte, right to left (:mod:`.epub`);
- ``<slug>.bib``, ``<slug>.ris``, ``<slug>.csl.json`` — citation data (:mod:`.citation`);
- for the whole edition, ``edition-data.zip``: every TEI file and plain text, the catalogue as JSON
  and the licence (:mod:`.dump`).

The files are pure functions of content/ and the catalogue, so they are never stored in content/
(editors would have to merge them): the MkDocs hook ``build_edition/site/export_hook.py`` calls
:func:`export_document` while the site is built and adds the files to the site beside each
document's landing page. Same inputs, byte-identical files.

This package sits above ``write/`` and the store: it reads what they wrote and never changes it.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from .source import DocumentSource, load_document, read_catalog

__all__ = ["DocumentSource", "load_document", "read_catalog", "export_document", "inputs_key", "MEDIA_TYPES"]

# file suffix → media type of the downloads (their labels: labels.SITE, labels.SUFFIXES)
MEDIA_TYPES = {
    ".tei.xml": "application/tei+xml",
    ".txt": "text/plain",
    ".arab.txt": "text/plain",
    ".epub": "application/epub+zip",
    ".latn.epub": "application/epub+zip",
    ".arab.epub": "application/epub+zip",
    ".bib": "application/x-bibtex",
    ".ris": "application/x-research-info-systems",
    ".csl.json": "application/vnd.citationstyles.csl+json",
    ".zip": "application/zip",
}


def export_document(source: DocumentSource, site_url: str, pages: dict | None = None) -> dict[str, bytes]:
    """Every download of one document: file name → bytes (names start with the slug). ``pages``, if
    given, receives the print page of every paragraph where it is known (block id → "29", "28–29")."""
    from . import citation, plaintext, tei
    slug = source.entry.slug
    item = citation.csl_item(source.entry, site_url)
    tree, stats = tei.build(source, site_url)
    if pages is not None:
        pages.update(stats.page_of)
    from .epub import epub_bytes
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))     # the site policy hook sets it
    return {
        f"{slug}.epub": epub_bytes(source, site_url, epoch, stats.page_of),
        f"{slug}.latn.epub": epub_bytes(source, site_url, epoch, stats.page_of, latin=True),
        f"{slug}.arab.epub": epub_bytes(source, site_url, epoch, stats.page_of, arabic=True),
        f"{slug}.tei.xml": tei.serialize(tree),
        f"{slug}.txt": plaintext.plain_text(tree, source.entry, item["URL"]).encode("utf-8"),
        f"{slug}.arab.txt": plaintext.plain_text(tree, source.entry, item["URL"], script="arab").encode("utf-8"),
        f"{slug}.bib": citation.bibtex(item).encode("utf-8"),
        f"{slug}.ris": citation.ris(item).encode("utf-8"),
        f"{slug}.csl.json": citation.csl_json(item).encode("utf-8"),
    }


def inputs_key(content: Path, entry, root: Path | None, site_url: str) -> str:
    """A digest of everything :func:`export_document` reads for one document — its folder in content/
    (pages, landing page, logs), the glossary's abbreviations, the index of names, the editors'
    corrections, its catalogue entry and seed, the site address and build date — and of the code
    and libraries that make the files. Same key, same bytes: a build may take the files it made
    before (build_edition/site/export_hook.py keeps them in .cache/export/)."""
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode() + data)

    add("site", site_url.encode())
    add("epoch", os.environ.get("SOURCE_DATE_EPOCH", "315532800").encode())
    fields = {k: v for k, v in vars(entry).items() if k not in ("raw", "line")}
    add("entry", json.dumps(fields, ensure_ascii=False, sort_keys=True, default=str).encode())
    folder = content / entry.slug
    if folder.is_dir():
        for path in sorted(p for p in folder.iterdir() if p.is_file()):
            add(f"doc/{path.name}", path.read_bytes())
    from ..enrich.glossary import ABBREVIATIONS_FILE
    for name in (ABBREVIATIONS_FILE, "data/entities.yml", ".edition/corrections.jsonl"):
        path = content / name
        add(name, path.read_bytes() if path.is_file() else b"")
    seed = root / "seeds" / entry.source if root is not None else None
    add("seed", seed.read_bytes() if seed is not None and seed.is_file() else b"")
    add("code", _code_version().encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _code_version() -> str:
    """The package's code and the data the exporters read, and the versions of their libraries."""
    from importlib import metadata
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    files = sorted(package.rglob("*.py")) + sorted((package / "data" / "csl").glob("*")) \
        + sorted((package / "data" / "translit").glob("*"))
    for path in files:
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    for name in ("ebooklib", "lxml", "citeproc-py", "markdown", "pymdown-extensions", "pybtex", "rispy", "pyyaml"):
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()
