"""The corpus evidence: which seeds the corpus lexicon is built from, pinned in ``content/.edition/evidence.json``.

Repairs weigh word evidence from the whole corpus (:mod:`build_edition.evidence.lexicon`): how often a form
occurs undamaged, which word pairs occur, which texts are damaged. Built from *every* seed, it would
make every document depend on every seed, so adding one book would change — and reprocess — all
the others. The evidence corpus is therefore **pinned**, like the shipped Hunspell dictionary:

* the first build (no ``evidence.json``) pins every catalogued seed and writes the list, with a
  hash of each seed's decoded text, to ``content/.edition/evidence.json``, and the pinned texts
  themselves to ``content/.edition/evidence/<seed>`` (committed with content/);
* later builds use exactly the pinned texts, so a document's output depends only on its own seed,
  its catalogue entry, the pinned evidence and the code, and a new document reprocesses alone;
* a document outside the pinned corpus (added since) is restored with the pinned evidence **plus
  its own text** — what a refresh would give it if it were the only new document;
* a pinned seed whose text changed is restored like a new document (the pinned evidence without
  its old text, plus its new text), while every other document keeps the pinned text as evidence:
  changing or replacing one document never changes another (issue 14: replacing the web page 004
  turned the newspaper's `аймақтары мен` into `аймақтарымен`). A pinned seed no longer catalogued
  stays evidence the same way;
* ``build-edition build --refresh-evidence`` pins the current catalogue again (every document is
  reprocessed, since all of them see the new evidence).

A content/ written before the texts were saved (``evidence.json`` alone) uses the current text of
each pinned seed, as builds then did, and saves it. The output stays a deterministic function of
the seeds, the catalogue, the pinned evidence and the code.

>>> pinned = PinnedEvidence(("a.txt", "b.txt"), {"a.txt": "бір", "b.txt": "екі"})
>>> pinned.texts_for("b.txt"), pinned.texts_for("c.txt", "үш")
(('бір', 'екі'), ('бір', 'екі', 'үш'))
>>> pinned.digest == PinnedEvidence(("a.txt", "b.txt"), {"a.txt": "бір", "b.txt": "екі"}).digest
True
>>> pinned.digest == PinnedEvidence(("a.txt", "b.txt"), {"a.txt": "бір", "b.txt": "екі!"}).digest
False
"""
from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from build_edition.core.errors import EditionError
from build_edition.evidence.lexicon import Lexicon

EVIDENCE_FILE = ".edition/evidence.json"       # inside content/ (see build_edition.editorial.merge for .edition)
EVIDENCE_TEXTS = ".edition/evidence"           # the pinned texts, one file per seed, named like the seed


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class PinnedEvidence:
    """The pinned evidence corpus: seed file names (in catalogue order) and their decoded texts."""

    sources: tuple[str, ...]
    texts: dict[str, str]                    # source name -> decoded text
    notes: list[str] = field(default_factory=list)     # what the build should tell the user
    _lexicon: Lexicon | None = field(default=None, repr=False, compare=False)

    @functools.cached_property
    def digest(self) -> str:
        """Hash of the pinned texts: part of every document's cache key (computed once: O(corpus))."""
        h = hashlib.sha256(b"evidence-v1\0")
        for name in self.sources:
            h.update(name.encode("utf-8") + b"\0" + text_digest(self.texts[name]).encode("ascii") + b"\0")
        return h.hexdigest()

    def pinned(self, source: str, own_text: str | None = None) -> bool:
        """Whether ``source`` is pinned (and, given its current text, pinned with that very text)."""
        return source in self.texts and (own_text is None or self.texts[source] == own_text)

    def corpus_texts(self) -> tuple[str, ...]:
        return tuple(self.texts[name] for name in self.sources)

    def texts_for(self, source: str, own_text: str | None = None) -> tuple[str, ...]:
        """The texts a document's lexicon is built from: the pinned ones, plus its own if not pinned
        (a pinned seed whose text changed: the pinned ones without its old text, plus the new one).

        >>> PinnedEvidence(("a.txt", "b.txt"), {"a.txt": "бір", "b.txt": "екі"}).texts_for("b.txt", "екі!")
        ('бір', 'екі!')
        """
        if self.pinned(source, own_text):
            return self.corpus_texts()
        return tuple(self.texts[n] for n in self.sources if n != source) + (own_text or "",)

    def lexicon(self) -> Lexicon:
        """The lexicon of the pinned corpus (built once, shared by every pinned document)."""
        if self._lexicon is None:
            self._lexicon = Lexicon.from_texts(self.corpus_texts())
        return self._lexicon

    def lexicon_for_document(self, source: str, own_text: str) -> Lexicon:
        """A pinned document shares the corpus lexicon; another one gets the corpus plus its own text.

        The counts of ``Lexicon.from_texts`` add up text by text, so the extension is the corpus counts
        plus those of the own text (the same as reading all texts again, without the cost)."""
        corpus = self.lexicon()
        if self.pinned(source, own_text):
            return corpus
        own = Lexicon.from_texts([own_text])
        if source in self.texts:
            # a pinned seed whose text changed: its old text leaves its own evidence
            lexicon = Lexicon(corpus.counts - Lexicon.from_texts([self.texts[source]]).counts + own.counts)
        else:
            lexicon = Lexicon(corpus.counts + own.counts)
        lexicon.texts = self.texts_for(source, own_text)
        return lexicon

    def to_json(self) -> str:
        record = {
            "about": "Seeds whose words are the corpus evidence of the repairs (build_edition.evidence). "
                     "Written by the build; refresh with `build-edition build --refresh-evidence`.",
            "seeds": [{"source": name, "sha256": text_digest(self.texts[name])} for name in self.sources],
        }
        return json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def read_pinned(content: Path) -> list[tuple[str, str]] | None:
    """(source, sha256) of the pinned seeds in ``content``, or None when nothing is pinned yet."""
    path = Path(content) / EVIDENCE_FILE
    if not path.is_file():
        return None
    hint = ("restore the file from git, or delete it and run `build-edition build --refresh-evidence` "
            "to pin the current seeds")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        pinned = [(str(row["source"]), str(row.get("sha256", ""))) for row in data["seeds"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise EditionError(f"the pinned evidence list is not valid ({exc})", file=str(path), hint=hint) from None
    return pinned


def choose_evidence(docs, content: Path, refresh: bool = False) -> PinnedEvidence:
    """The evidence corpus of a build of ``docs`` (every catalogued document, read) into ``content``."""
    texts = {doc.seed_name: doc.source for doc in docs}
    catalogued = [doc.seed_name for doc in docs]
    pinned = None if refresh else read_pinned(content)
    notes: list[str] = []
    if pinned is None:
        return PinnedEvidence(tuple(catalogued), texts, notes)
    sources = []
    pinned_texts: dict[str, str] = {}
    for name, sha in pinned:
        saved = _saved_text(content, name, sha)
        if saved is not None:
            if name not in texts:
                notes.append(f"evidence: {name} is pinned but no longer catalogued; its pinned text stays the "
                             "evidence of the other documents until `build-edition build --refresh-evidence`")
            elif texts[name] != saved:
                notes.append(f"evidence: {name} changed since it was pinned; it is restored like a new document, "
                             "and the other documents keep its pinned text as evidence until "
                             "`build-edition build --refresh-evidence`")
            text = saved
        else:
            # pinned before the texts were saved (evidence.json alone): the current text, as builds then did
            if name not in texts:
                notes.append(f"evidence: {name} is pinned but no longer catalogued; it leaves the corpus evidence "
                             "(every document is reprocessed)")
                continue
            if sha and text_digest(texts[name]) != sha:
                notes.append(f"evidence: {name} changed since it was pinned; its current text is used "
                             "(every document is reprocessed)")
            text = texts[name]
        if name not in sources:
            sources.append(name)
            pinned_texts[name] = text
    new = [name for name in catalogued if name not in sources]
    if new:
        notes.append(f"evidence: {len(new)} document(s) not in the pinned corpus evidence ({', '.join(new)}) are "
                     "restored with it plus their own text; `build-edition build --refresh-evidence` adds them "
                     "(and reprocesses every document)")
    return PinnedEvidence(tuple(sources), pinned_texts, notes)


def _saved_text(content: Path, name: str, sha: str) -> str | None:
    """The pinned text of seed ``name`` saved in ``content``, or None (not saved, or not the pinned one)."""
    path = Path(content) / EVIDENCE_TEXTS / name
    if "/" in name or "\\" in name or name.startswith(".") or not path.is_file():
        return None
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return None
    return text if not sha or text_digest(text) == sha else None


def evidence_files(evidence: PinnedEvidence) -> dict[str, str]:
    """The pinned evidence list and the pinned texts as files of content/."""
    files = {EVIDENCE_FILE: evidence.to_json()}
    for name in evidence.sources:
        files[f"{EVIDENCE_TEXTS}/{name}"] = evidence.texts[name]
    return files
