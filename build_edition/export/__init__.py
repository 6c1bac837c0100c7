"""Scholarly interchange: the edition's documents as files a scholar or a reader takes away.

For every document of the catalogue, from the MERGED edition in content/ (so editors' corrections
are in), the catalogue and the emendation and removal logs:

- ``<slug>.tei.xml`` — TEI P5 (:mod:`.tei`), valid against the TEI Consortium's ``tei_all.rng``
  (shipped in ``build_edition/data/tei/`` with its licence);
- ``<slug>.txt`` — the plain reading text (:mod:`.plaintext`);
- ``<slug>.epub`` and ``<slug>.latn.epub`` — EPUB 3 in Cyrillic and in the Latin alphabet (:mod:`.epub`);
- ``<slug>.bib``, ``<slug>.ris``, ``<slug>.csl.json`` — citation data (:mod:`.citation`).

The files are pure functions of content/ and the catalogue, so they are never stored in content/
(editors would have to merge them): the MkDocs hook ``build_edition/site/export_hook.py`` calls
:func:`export_document` while the site is built and adds the files to the site beside each
document's landing page. Same inputs, byte-identical files.

This package sits above ``write/`` and the store: it reads what they wrote and never changes it.
"""
from __future__ import annotations

import os

from .source import DocumentSource, load_document, read_catalog

__all__ = ["DocumentSource", "load_document", "read_catalog", "export_document", "DOWNLOADS"]

# file suffix → (label on the landing page, media type)
DOWNLOADS = {
    ".tei.xml": ("TEI P5 XML", "application/tei+xml"),
    ".txt": ("Таза мәтін (UTF-8)", "text/plain"),
    ".epub": ("EPUB 3", "application/epub+zip"),
    ".latn.epub": ("EPUB 3, латын жазуы", "application/epub+zip"),
    ".bib": ("BibTeX", "application/x-bibtex"),
    ".ris": ("RIS", "application/x-research-info-systems"),
    ".csl.json": ("CSL-JSON", "application/vnd.citationstyles.csl+json"),
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
        f"{slug}.tei.xml": tei.serialize(tree),
        f"{slug}.txt": plaintext.plain_text(tree, source.entry, item["URL"]).encode("utf-8"),
        f"{slug}.bib": citation.bibtex(item).encode("utf-8"),
        f"{slug}.ris": citation.ris(item).encode("utf-8"),
        f"{slug}.csl.json": citation.csl_json(item).encode("utf-8"),
    }
