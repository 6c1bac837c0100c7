"""The registry of issued segment ids: an id survives pipeline changes and is never reused for other text.

A segment id (``p123``) is first issued from the seed line its block starts on. From then on it
belongs to the *seed text* it was issued for, recorded in a committed registry, one file per
document: ``content/.edition/segments/<document>.jsonl``, one line per id ever issued::

    {"id": "p25", "start": 1834, "end": 2411, "fingerprint": "5f0c…", "state": "active"}

``start``/``end`` are the offsets of the first and last seed character of the block (seeds never
change, so these coordinates do not either) and ``fingerprint`` is a hash of the block's letters
and digits, both as of the last build. On every build each block takes the active id whose seed
span overlaps its own by more than half (Jaccard index of the two spans > 0.5), so

* re-running the build, or editors correcting content/ (they never touch seeds), changes nothing;
* a pipeline improvement that moves a paragraph start (a furniture line now removed, a heading
  split off the paragraph) keeps the paragraph's id: the text is still mostly the same seed text;
* a block whose seed text is now mostly different (the heading that was split off, the second half
  of a split paragraph, two paragraphs now joined: the smaller one) gets a **new** id, and an id
  left without its text is *retired*: kept in the registry and never issued again.

Two blocks cannot both overlap one span by more than half, so the matching is one-to-one. If the
decoded seed shifted (a reader change), a block whose span no longer matches still takes an
unmatched id with the same fingerprint. New ids are ``p<first seed line>``, then ``p<line>-2``,
``-3``… the first one never issued in this document. Without a registry (tests, a first build)
ids are exactly those names.

>>> registry = Registry()
>>> registry.assign([Span(0, 99, "aa", 1), Span(100, 199, "bb", 5)])
['p1', 'p5']
>>> registry.assign([Span(10, 99, "aa", 2), Span(100, 159, "b", 5), Span(160, 199, "c", 7)])
['p1', 'p5', 'p7']
>>> registry.assign([Span(100, 120, "b1", 5), Span(121, 199, "c", 6)])   # p5 lost most of its text
['p5-2', 'p7']
>>> sorted((e.id, e.state) for e in registry.entries)
[('p1', 'retired'), ('p5', 'retired'), ('p5-2', 'active'), ('p7', 'active')]
"""
from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, NamedTuple

from .errors import EditionError

STORE = ".edition"                          # content/'s managed folder (see build_edition.merge)
REGISTRY_DIR = f"{STORE}/segments"
MIN_OVERLAP = 0.5                           # Jaccard index of seed spans above which a block keeps an id
ACTIVE, RETIRED = "active", "retired"
_ID = re.compile(r"^[A-Za-z][\w.:-]*$")
SEGMENT_ID = re.compile(r"^p\d+(?:-\d+)?$")     # ids of the text's segments (notes and the like have others)
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class Span(NamedTuple):
    """What the registry needs of a block: its seed span, fingerprint and first seed line."""
    start: int              # offset of the first seed character (-1: the block has no seed text)
    end: int                # offset of the last seed character
    fingerprint: str
    line: int               # first seed line, for the name of a new id


@dataclass
class IssuedId:
    id: str
    start: int
    end: int
    fingerprint: str
    state: str = ACTIVE

    def as_dict(self) -> dict:
        return {"id": self.id, "start": self.start, "end": self.end, "fingerprint": self.fingerprint,
                "state": self.state}


def fingerprint(text: str) -> str:
    """A short hash of a block's letters and digits (spacing, punctuation and case do not count).

    >>> fingerprint("Мәтін, бірінші.") == fingerprint("мәтін  бірінші")
    True
    """
    core = "".join(ch for ch in text.casefold() if ch.isalnum())
    return hashlib.sha1(core.encode("utf-8")).hexdigest()[:16]


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Jaccard index of two inclusive spans.

    >>> overlap((0, 9), (5, 14)), overlap((0, 9), (0, 9)), overlap((0, 4), (5, 9))
    (0.3333333333333333, 1.0, 0.0)
    """
    common = min(a[1], b[1]) - max(a[0], b[0]) + 1
    if common <= 0:
        return 0.0
    return common / (max(a[1], b[1]) - min(a[0], b[0]) + 1)


@dataclass
class Registry:
    """Every id issued in one document, in seed order.

    ``reserved``: ids content/ uses that the build never issued (editors' own paragraphs): never issued.
    """
    entries: list[IssuedId] = field(default_factory=list)
    reserved: set[str] = field(default_factory=set)

    def assign(self, spans: list[Span], reserved: Iterable[str] = ()) -> list[str]:
        """Ids for ``spans`` (blocks in document order); updates the registry (new ids, retirements)."""
        active = [e for e in self.entries if e.state == ACTIVE]
        ids: list[str | None] = [None] * len(spans)
        taken: set[int] = set()
        # 1. seed-span overlap: candidate pairs are found with a sweep over both lists sorted by start
        pairs = []
        order = sorted(range(len(active)), key=lambda j: (active[j].start, active[j].end))
        starts = [active[j].start for j in order]
        reach = list(itertools.accumulate((active[j].end for j in order), max))   # furthest end so far
        for i, span in enumerate(spans):
            if span.start < 0:
                continue
            for k in range(bisect.bisect_left(reach, span.start), bisect.bisect_right(starts, span.end)):
                entry = active[order[k]]
                score = overlap((span.start, span.end), (entry.start, entry.end))
                if score > MIN_OVERLAP:
                    pairs.append((-score, i, entry.id, order[k]))
        for _, i, _, j in sorted(pairs):
            if ids[i] is None and j not in taken:
                ids[i] = active[j].id
                taken.add(j)
                self._moved(active[j], spans[i])
        # 2. the same text elsewhere in the seed (a shifted decoding): first unmatched with first unmatched
        waiting: dict[str, list[int]] = {}
        for j in order:
            if j not in taken:
                waiting.setdefault(active[j].fingerprint, []).append(j)
        for i, span in enumerate(spans):
            if ids[i] is None and waiting.get(span.fingerprint):
                j = waiting[span.fingerprint].pop(0)
                ids[i] = active[j].id
                taken.add(j)
                self._moved(active[j], span)
        # 3. retire what lost its text, then name the new blocks after their first seed line
        for j, entry in enumerate(active):
            if j not in taken:
                entry.state = RETIRED
        used = {e.id for e in self.entries} | set(reserved) | self.reserved
        for i, span in enumerate(spans):
            if ids[i] is not None:
                continue
            base = f"p{span.line}"
            name, n = base, 1
            while name in used:
                n += 1
                name = f"{base}-{n}"
            used.add(name)
            ids[i] = name
            self.entries.append(IssuedId(name, span.start, span.end, span.fingerprint))
        self.entries.sort(key=lambda e: (e.start, e.end, e.id))
        return ids  # type: ignore[return-value]

    @staticmethod
    def _moved(entry: IssuedId, span: Span) -> None:
        """An id follows its text: the registry records where the text is now (active spans stay disjoint)."""
        entry.start, entry.end, entry.fingerprint = span.start, span.end, span.fingerprint

    def to_jsonl(self) -> str:
        return "".join(json.dumps(e.as_dict(), ensure_ascii=False, sort_keys=True) + "\n" for e in self.entries)

    @classmethod
    def from_jsonl(cls, text: str, name: str = "") -> "Registry":
        entries = []
        seen: set[str] = set()
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                entry = IssuedId(str(row["id"]), int(row["start"]), int(row["end"]), str(row["fingerprint"]),
                                 str(row.get("state", ACTIVE)))
            except (ValueError, KeyError, TypeError) as exc:
                raise EditionError(f"a line of the segment id registry is not a valid record ({exc})", file=name,
                                   line=number, hint="restore the file from git: it is written by the build and "
                                                     "must not be edited by hand") from None
            if not _ID.match(entry.id) or entry.state not in (ACTIVE, RETIRED) or entry.id in seen:
                raise EditionError(f"the segment id registry has an invalid or repeated id {entry.id!r}", file=name,
                                   line=number, hint="restore the file from git (git checkout -- <file>)")
            seen.add(entry.id)
            entries.append(entry)
        return cls(entries)


def spans_of(doc, blocks) -> list[Span]:
    """The registry's view of ``blocks`` of a Document."""
    out = []
    for block in blocks:
        if block.origin:
            start, end = min(block.origin), max(block.origin)
            out.append(Span(start, end, fingerprint(block.text), doc.line_of(start)))
        else:
            out.append(Span(-1, -1, fingerprint(block.text), 0))
    return out


def registry_path(slug: str) -> str:
    """The registry's path inside content/."""
    return f"{REGISTRY_DIR}/{slug}.jsonl"


_ATTR_ID = re.compile(r"\{:[^{}\n]*?#(p\d+(?:-\d+)?)(?=[\s}])")


def attach_registries(docs, content: Path) -> None:
    """Give each document the registry committed under ``content`` (an empty one when there is none);
    the ``assign_ids`` pass reads and updates ``doc.meta["segment_registry"]``.

    Ids an editor gave to paragraphs of their own in content/ are reserved, so the build never issues
    them for other text. (Without a registry, content/'s ids are the build's own, named after seed lines.)
    """
    for doc in docs:
        path = Path(content) / registry_path(doc.slug)
        if _SLUG.match(doc.slug) and path.is_file():
            registry = Registry.from_jsonl(path.read_text(encoding="utf-8"), str(path))
            issued = {e.id for e in registry.entries}
            for page in sorted((Path(content) / doc.slug).glob("*.md")):
                registry.reserved.update(i for i in _ATTR_ID.findall(page.read_text(encoding="utf-8"))
                                         if i not in issued)
            doc.meta["segment_registry"] = registry
        else:
            doc.meta["segment_registry"] = Registry()


def registry_files(docs) -> dict[str, str]:
    """The registry of every document after the build, as files of content/."""
    return {registry_path(doc.slug): doc.meta["segment_registry"].to_jsonl()
            for doc in docs if isinstance(doc.meta.get("segment_registry"), Registry)}
