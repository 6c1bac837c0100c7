"""Incremental builds: a processed document is reused while nothing it depends on has changed.

Processing a document (the pass chain of :mod:`build_edition.passes`) depends on

* its seed (the decoded text, encoding and line ends),
* its catalogue entry (title, kind, structure overrides...),
* the corpus evidence (:mod:`build_edition.evidence.pinned`: the pinned seeds, plus its own text when it is
  not pinned),
* the curated data files the passes read (:data:`PIPELINE_DATA_FILES`: ``content/data/entities.yml``,
  read by ``link_entities``; the glossary is read only when the pages are written, on every build,
  so an edited glossary reprocesses nothing),
* the segment id registry it starts from (``content/.edition/segments/<slug>.jsonl``) and the ids
  editors gave their own paragraphs in content/ (reserved: never issued to new blocks),
* the pipeline version: a hash of every file of the ``build_edition`` package (code and data), the
  Python version and the versions of the package's dependencies.

Each is reduced to a digest (:class:`Inputs`). The result is stored in ``<root>/.cache/edition/<slug>.pickle``
(git-ignored, outside content/) with the key of its inputs; the next build reuses it only when the
key matches. The registry is the one input the build itself rewrites: a document processed from
registry *A* leaves registry *B* (new ids issued); rebuilding from *B* issues nothing and gives the
same blocks (ids follow their text, see :mod:`build_edition.store.segment_ids`), so an entry serves both
*A* and *B*.

The cache can only make a build faster, never different or broken: an unreadable, truncated or
foreign entry is a miss (the document is processed and the entry rewritten), and a cache folder that
cannot be written just means no cache. Entries are pickles the build wrote itself; the cache is a
local folder, never shared or downloaded.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import json
import os
import pickle
import re
import sys
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from build_edition.core.paths import PACKAGE
from build_edition.core.model import Document

CACHE_DIR = Path(".cache") / "edition"
FORMAT = b"build-edition document cache 1\n"
# doc.meta entries that are shared evidence of the build, not results of the document: never stored
SHARED_EVIDENCE = ("lexicon", "word_model")
# content/data files the pass chain reads (passes.link_entities); keep in step with the passes
PIPELINE_DATA_FILES = ("entities.yml",)
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def _sha(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def pipeline_version() -> str:
    """Hash of the package's files, the Python version and the installed dependency versions.

    Every file of the package counts (not only the passes): over-invalidating after an unrelated
    change costs one full build, missing a dependency would serve stale output."""
    parts = [sys.version.encode()]
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
            parts.append(path.relative_to(PACKAGE).as_posix().encode())
            parts.append(path.read_bytes())
    try:
        requirements = importlib.metadata.requires("build-edition") or []
    except importlib.metadata.PackageNotFoundError:
        requirements = []
    for requirement in sorted(requirements):
        name = re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0]
        try:
            parts.append(f"{name}=={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{name} missing".encode())
    return _sha(*parts)


def registry_digest(registry) -> str:
    """The issued ids (active and retired) and the reserved ones: both decide which ids new blocks get."""
    if registry is None:
        return _sha(b"no registry")
    return _sha(registry.to_jsonl().encode("utf-8"), "\n".join(sorted(registry.reserved)).encode("utf-8"))


def data_files_digest(files: dict | None) -> str:
    """The contents of the data files of ``files`` ({name: path or None}) that the passes read."""
    parts = []
    for name, path in sorted((files or {}).items()):
        if name not in PIPELINE_DATA_FILES:
            continue
        parts.append(name.encode())
        try:
            parts.append(Path(path).read_bytes() if path is not None else b"\0absent")
        except OSError:
            parts.append(b"\0unreadable")
    return _sha(*parts)


def entry_digest(entry) -> str:
    """The catalogue entry as written (its line in catalog.yml does not count)."""
    raw = getattr(entry, "raw", None) or {k: v for k, v in vars(entry).items() if k not in ("line", "raw")}
    return _sha(json.dumps(raw, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8"))


def seed_digest(doc: Document) -> str:
    return _sha(doc.source.encode("utf-8"), str(doc.meta.get("encoding")).encode(),
                str(doc.meta.get("line_ends")).encode(), doc.seed_name.encode())


@dataclass(frozen=True)
class Inputs:
    """Digests of everything the processing of one document depends on."""

    slug: str
    seed: str
    entry: str
    evidence: str
    data_files: str
    registry: str
    version: str

    @classmethod
    def of(cls, doc: Document, evidence_digest: str) -> Inputs:
        return cls(doc.slug, seed_digest(doc), entry_digest(doc.meta.get("entry")), evidence_digest,
                   data_files_digest(doc.meta.get("data_files")), registry_digest(doc.meta.get("segment_registry")),
                   pipeline_version())

    @property
    def key(self) -> str:
        """Everything but the registry (checked separately, see the module docstring)."""
        return _sha(self.slug.encode(), self.seed.encode(), self.entry.encode(), self.evidence.encode(),
                    self.data_files.encode(), self.version.encode())

    def changed(self, stored: dict) -> list[str]:
        """Which inputs differ from those a stored entry was made from (for the build's explanation)."""
        names = ("seed", "entry", "evidence", "data_files", "version")
        return [n for n in names if stored.get(n) != getattr(self, n)]


REASONS = {
    "new": "not built before", "seed": "seed changed", "entry": "catalogue entry changed",
    "evidence": "corpus evidence changed", "data_files": "data files changed", "version": "pipeline changed",
    "registry": "segment id registry changed", "damaged": "cache entry unusable", "no cache": "cache not used",
    "refresh": "evidence refreshed (--refresh-evidence)",
    "key": "inputs changed",
}


def describe_reasons(why_by_slug: dict[str, list[str]]) -> str:
    """Why documents were processed, grouped by reason: "pipeline changed (all)" or "seed changed: a, b".

    >>> describe_reasons({"a": ["version"], "b": ["version"]})
    'pipeline changed'
    >>> describe_reasons({"a": ["entry"], "b": ["new"], "c": ["new"]})
    'catalogue entry changed: a; not built before: b, c'
    """
    groups: dict[str, list[str]] = {}
    for slug, why in why_by_slug.items():
        groups.setdefault(", ".join(REASONS.get(w, w) for w in why) or "inputs changed", []).append(slug)
    if len(groups) == 1:
        return next(iter(groups))
    return "; ".join(f"{reason}: {', '.join(slugs)}" for reason, slugs in groups.items())


def portable(doc: Document) -> Document:
    """The document without the build's shared evidence (the corpus lexicon and word models), which is
    large, the same for every document and rebuilt on demand: what a worker sends back and the cache keeps."""
    doc.meta = {k: v for k, v in doc.meta.items() if k not in SHARED_EVIDENCE}
    return doc


class DocumentCache:
    """Processed documents under ``<root>/.cache/edition``; every failure is a miss, never an error."""

    def __init__(self, root: Path, enabled: bool = True):
        self.folder = Path(root) / CACHE_DIR
        self.enabled = enabled
        self.problems: list[str] = []          # entries that could not be used or written, for the report

    def path(self, slug: str) -> Path | None:
        return self.folder / f"{slug}.pickle" if _SLUG.match(slug) else None

    def _header(self, path: Path):
        with path.open("rb") as fh:
            if fh.read(len(FORMAT)) != FORMAT:
                raise ValueError("not a cache entry of this format")
            header = pickle.load(fh)
            if not isinstance(header, dict):
                raise ValueError("no header")
            return header, fh.tell()

    def load(self, inputs: Inputs) -> tuple[Document | None, list[str]]:
        """The stored document for ``inputs``, or (None, why not) — the inputs that changed, or the problem."""
        path = self.path(inputs.slug)
        if not self.enabled or path is None:
            return None, ["no cache"]
        if not path.is_file():
            return None, ["new"]
        try:
            header, offset = self._header(path)
            if header.get("key") != inputs.key:
                return None, inputs.changed(header.get("inputs", {})) or ["key"]
            if inputs.registry not in (header.get("registry_in"), header.get("registry_out")):
                return None, ["registry"]
            with path.open("rb") as fh:
                fh.seek(offset)
                payload = fh.read()
            if hashlib.sha256(payload).hexdigest() != header.get("payload_sha256"):
                raise ValueError("the stored document is truncated or damaged")
            doc = unpack(payload)
            if not isinstance(doc, Document) or doc.slug != inputs.slug:
                raise ValueError("the entry holds another document")
            return doc, []
        except Exception as exc:        # noqa: BLE001 — a damaged entry of any kind is only a miss
            self.problems.append(f"cache: {path}: unusable entry ({type(exc).__name__}: {exc}); the document "
                                 "is processed again")
            with contextlib.suppress(OSError):
                path.unlink()
            return None, ["damaged"]

    def store(self, payload: bytes, inputs: Inputs, registry_out: str) -> bool:
        """Keep a processed document (``pack``ed) for the next build, atomically; False when it could not
        be written. ``registry_out``: digest of the segment registry the processing left."""
        path = self.path(inputs.slug)
        if not self.enabled or path is None:
            return False
        try:
            header = {"key": inputs.key, "registry_in": inputs.registry, "registry_out": registry_out,
                      "payload_sha256": hashlib.sha256(payload).hexdigest(),
                      "inputs": {n: getattr(inputs, n) for n in ("seed", "entry", "evidence", "data_files", "version")}}
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{inputs.slug}.", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(FORMAT)
                    pickle.dump(header, fh, protocol=pickle.HIGHEST_PROTOCOL)
                    fh.write(payload)
                os.replace(tmp, path)
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            return True
        except Exception as exc:        # noqa: BLE001 — a read-only disk or a full one must not fail the build
            self.problems.append(f"cache: cannot store {inputs.slug} in {self.folder} ({type(exc).__name__}: {exc})")
            return False


def pack(doc: Document) -> bytes:
    """A processed document as bytes (compressed pickle, without the shared evidence): what a worker
    sends back and what the cache stores, so the bytes are made once, in the worker."""
    return zlib.compress(pickle.dumps(portable(doc), protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack(payload: bytes) -> Document:
    return pickle.loads(zlib.decompress(payload))
