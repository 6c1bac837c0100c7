"""The downloads of each document, made once per state of their inputs and kept in ``.cache/export/``.

:func:`document_files` is what the site build (build_edition/site/export_hook.py) and the edition
build (:func:`build_edition.build.pipeline.build`, right after it writes content/) both call: the
edition build makes the files of every document whose inputs changed, so ``mkdocs build`` finds them
made (:func:`build_edition.export.inputs_key`: its pages and logs, the catalogue, the code, the site
address and the edition's date). Same key, same bytes: where the files were made does not change
the site. A damaged or stale file is made again.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

EXPORT_DIR = ".cache/export"
MANIFEST = ".export.json"


def cache_folder(docs: Path) -> Path:
    """Where the downloads of the docs folder are kept: ``.cache/export/`` beside it (the project's root
    for content/), so the edition build and the site build of the same folder meet there."""
    return docs.resolve().parent / EXPORT_DIR


def write_atomically(path: Path, data: bytes) -> None:
    """Atomically: parallel builds (pytest workers) may copy the file while it is written."""
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def from_disk(folder: Path, key: str) -> tuple[dict[str, bytes], dict[str, str]] | None:
    """The files an earlier build made from the same inputs, if they are all there and intact."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("key") != key:
            return None
        files = {name: (folder / name).read_bytes() for name in manifest["files"]}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if any(digest(data) != manifest["files"][name] for name, data in files.items()):
        return None              # damaged: made again
    return files, dict(manifest.get("pages") or {})


def to_disk(folder: Path, key: str, files: dict[str, bytes], pages: dict[str, str]) -> None:
    for name, data in sorted(files.items()):
        write_atomically(folder / name, data)
    manifest = {"key": key, "files": {name: digest(data) for name, data in sorted(files.items())},
                "pages": dict(sorted(pages.items()))}
    write_atomically(folder / MANIFEST, json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def document_files(docs: Path, entry, root: Path, site_url: str) -> tuple[str, dict[str, bytes], dict[str, str]]:
    """(inputs key, {file name: bytes}, {block id: print page}) of one document of the docs folder:
    from ``.cache/export/<slug>/`` beside it (:func:`cache_folder`) when an earlier build made them from the same inputs,
    else made now and kept there."""
    from build_edition.export import export_document, inputs_key, load_document
    key = inputs_key(docs, entry, root, site_url)
    folder = cache_folder(docs) / entry.slug
    found = from_disk(folder, key)
    if found is None:
        pages: dict[str, str] = {}
        files = export_document(load_document(docs, entry, root), site_url, pages)
        to_disk(folder, key, files, pages)
        found = files, pages
    return key, *found


def site_address(configured: str | None) -> str:
    """The site's address as the exports print it: the configured one with a final slash, else "/"
    (the site build reads mkdocs.yml's ``site_url``, which is ``!ENV SITE_URL``)."""
    url = configured or ""
    return url if url.endswith("/") else url + "/"


def make_all(docs: Path, root: Path, site_url: str | None = None, edition_date: int | None = None) -> int:
    """Make the downloads of every catalogued document of ``docs`` whose inputs changed, as the
    site build will ask for them (its address from ``SITE_URL``, its date from ``SOURCE_DATE_EPOCH``
    or ``edition_date``, see build_edition/read/edition_date.py); the number of documents."""
    from build_edition.export import read_catalog
    site_url = site_address(os.environ.get("SITE_URL") if site_url is None else site_url)
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    if saved is None and edition_date is not None:
        os.environ["SOURCE_DATE_EPOCH"] = str(edition_date)
    try:
        entries = [e for e in read_catalog(root) if (docs / e.slug).is_dir()]
        for entry in entries:
            document_files(docs, entry, root, site_url)
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
    return len(entries)
