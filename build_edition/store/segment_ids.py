"""The registry of issued segment ids: an id follows its text and is never reused for other text.

A segment id (``p123``) is first issued from the seed line its block starts on. From then on it
belongs to the *text* it was issued for, recorded in a committed registry, one file per document:
``content/.edition/segments/<document>.jsonl``, one line per id ever issued::

    {"end": 2411, "fingerprint": "5f0c…", "id": "p25", "sketch": "0a1b2c3d…", "start": 1834, "state": "active"}

``start``/``end`` are the seed offsets of the block's first and last character, ``fingerprint`` a
hash of its letters and digits and ``sketch`` a small sample of its words (the hashes of the
:data:`SKETCH_SIZE` words with the smallest hashes: a MinHash "bottom-k" sketch, enough to estimate
how many words two texts share), all as of the last build. Each build matches the blocks, in
document order, against the active ids, in seed order:

1. **Exact text first.** The two sequences of fingerprints are aligned (:class:`difflib.SequenceMatcher`);
   a block in an aligned run keeps the id of the same text. So an unchanged paragraph keeps its id
   whatever happens around it, and its neighbours cannot take it.
2. **Changed blocks, between two aligned runs**, take an id of the same stretch whose text they still
   mostly hold (score above 0.5, exactly half is not enough; best pairs first, ties in document
   order; one block per id):

   * seed text that did not move (the aligned blocks on both sides sit where they were, or are shifted
     alike): the Jaccard index of the two seed spans. Spans are exact coordinates of seed text, so a
     better repair of the same seed text (new words, same span) keeps its id.
   * seed text that moved by different amounts on the two sides (text was inserted or deleted there):
     positions say nothing, the words do: the Jaccard index of the two word sets, estimated from the
     sketches.
3. **The same text elsewhere** (a block that moved out of order) takes its id by fingerprint.
4. Every active id left without a block is **retired**: kept in the registry, never issued again.
   Every block left without an id gets a new one: ``p<first seed line>``, then ``p<line>-2``,
   ``-3``… the first never issued in this document and not used by an editor.

The choices for a pipeline change of block boundaries follow from 2: a paragraph whose first line
is now removed as furniture keeps its id; of a split paragraph the part holding more than half of
its seed text keeps the id and the other part gets a new one (a split in the middle, where neither
holds more than half, retires the id and gives both parts new ones); of two joined paragraphs the
result keeps the id of the one that is more than half of it (the larger), the other id retires.
Re-running the build, or editors correcting content/ (they never touch seeds), changes nothing: every
block is then matched by 1. Without a registry (tests, a first build) ids are exactly ``p<line>``.

>>> registry = Registry()
>>> registry.assign([Span(0, 99, "aa", 1), Span(100, 199, "bb", 5)])
['p1', 'p5']
>>> registry.assign([Span(10, 99, "aa", 2), Span(100, 159, "b", 5), Span(160, 199, "c", 7)])
['p1', 'p5', 'p7']
>>> registry.assign([Span(100, 120, "b1", 5), Span(121, 199, "c", 6)])   # p5 lost most of its text
['p5-2', 'p7']
>>> sorted((e.id, e.state) for e in registry.entries)
[('p1', 'retired'), ('p5', 'retired'), ('p5-2', 'active'), ('p7', 'active')]

A paragraph deleted from the seed: its neighbours keep their ids (their text is unchanged though
their offsets moved) and its id retires; a paragraph inserted gets a new id, never a retired one:

>>> registry = Registry()
>>> registry.assign([Span(0, 9, "a", 1), Span(11, 20, "b", 3), Span(22, 31, "c", 5)])
['p1', 'p3', 'p5']
>>> registry.assign([Span(0, 9, "a", 1), Span(12, 21, "c", 4)])
['p1', 'p5']
>>> registry.assign([Span(0, 9, "a", 1), Span(11, 20, "x", 3), Span(22, 31, "c", 5)])
['p1', 'p3-2', 'p5']
"""
from __future__ import annotations

import bisect
import difflib
import hashlib
import itertools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from build_edition.core.errors import EditionError

STORE = ".edition"                          # content/'s managed folder (see build_edition.editorial.merge)
REGISTRY_DIR = f"{STORE}/segments"
MIN_OVERLAP = 0.5                           # share of common text (Jaccard index) above which a block keeps an id
SKETCH_SIZE = 16                            # words sampled per block (bottom-k MinHash sketch)
_HASH_HEX = 8                               # hex digits per sampled word hash
ACTIVE, RETIRED = "active", "retired"
_ID = re.compile(r"^[A-Za-z][\w.:-]*$")
_SKETCH = re.compile(rf"^(?:[0-9a-f]{{{_HASH_HEX}}})*$")
_WORD = re.compile(r"\w+")
SEGMENT_ID = re.compile(r"^p\d+(?:-\d+)?$")     # ids of the text's segments (notes and the like have others)
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class Span(NamedTuple):
    """What the registry needs of a block: its seed span, fingerprint, first seed line and word sketch."""
    start: int              # offset of the first seed character (-1: the block has no seed text)
    end: int                # offset of the last seed character
    fingerprint: str
    line: int               # first seed line, for the name of a new id
    sketch: str = ""        # see sketch(); "" when unknown (the words are then not compared)


@dataclass
class IssuedId:
    id: str
    start: int
    end: int
    fingerprint: str
    state: str = ACTIVE
    sketch: str = ""

    def as_dict(self) -> dict:
        return {"id": self.id, "start": self.start, "end": self.end, "fingerprint": self.fingerprint,
                "sketch": self.sketch, "state": self.state}


def fingerprint(text: str) -> str:
    """A short hash of a block's letters and digits (spacing, punctuation and case do not count).

    >>> fingerprint("Мәтін, бірінші.") == fingerprint("мәтін  бірінші")
    True
    """
    return _signature(text)[0]


def _signature(text: str) -> tuple[str, str]:
    """(fingerprint, sketch) of a text, from one scan of its words."""
    words = _WORD.findall(text.casefold())
    core = "".join(words).replace("_", "")             # \w is str.isalnum() plus "_"
    hashes = sorted(map(_word_hash, set(words)))
    return (hashlib.sha1(core.encode("utf-8")).hexdigest()[:16],
            "".join(f"{h:0{_HASH_HEX}x}" for h in hashes[:SKETCH_SIZE]))


_WORD_HASHES: dict[str, int] = {}           # a corpus has some 10^5 distinct words; hashed once per process


def _word_hash(word: str) -> int:
    h = _WORD_HASHES.get(word)
    if h is None:
        if len(_WORD_HASHES) > 1 << 18:
            _WORD_HASHES.clear()
        h = _WORD_HASHES[word] = int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=_HASH_HEX // 2)
                                                .digest(), "big")
    return h


def sketch(text: str) -> str:
    """The hashes of the block's distinct words (case-folded) with the :data:`SKETCH_SIZE` smallest
    values, as hex: a uniform sample of its words, the same for texts with the same words.

    >>> sketch("Мәтін, бірінші.") == sketch("бірінші МӘТІН")
    True
    >>> len(sketch(" ".join(f"сөз{n}" for n in range(100)))) == SKETCH_SIZE * _HASH_HEX
    True
    """
    return _signature(text)[1]


def _hashes(sketch_hex: str) -> set[str]:
    return {sketch_hex[i:i + _HASH_HEX] for i in range(0, len(sketch_hex), _HASH_HEX)}


def word_similarity(a: str, b: str) -> float | None:
    """Estimated Jaccard index of the word sets of two texts from their sketches (exact for texts of
    at most SKETCH_SIZE distinct words); None when a sketch is missing.

    >>> word_similarity(sketch("бір екі үш төрт"), sketch("бір екі үш бес"))
    0.6
    >>> word_similarity(sketch("бір"), "") is None
    True
    """
    if not a or not b:
        return None
    sa, sb = _hashes(a), _hashes(b)
    union = sorted(sa | sb)[:SKETCH_SIZE]         # the smallest hashes of the union: a sample of it
    return sum(1 for h in union if h in sa and h in sb) / len(union)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Jaccard index of two inclusive spans.

    >>> overlap((0, 9), (5, 14)), overlap((0, 9), (0, 9)), overlap((0, 4), (5, 9))
    (0.3333333333333333, 1.0, 0.0)
    """
    common = min(a[1], b[1]) - max(a[0], b[0]) + 1
    if common <= 0:
        return 0.0
    return common / (max(a[1], b[1]) - min(a[0], b[0]) + 1)


def _shift(entry: IssuedId, span: Span) -> int | None:
    """How far the same text moved in the seed (None: it has no seed text, or its ends moved differently,
    i.e. the pipeline changed its boundaries, which says nothing about the seed)."""
    if entry.start < 0 or span.start < 0 or span.start - entry.start != span.end - entry.end:
        return None
    return span.start - entry.start


@dataclass
class Registry:
    """Every id issued in one document, in seed order.

    ``reserved``: ids content/ uses that the build never issued (editors' own paragraphs): never issued.
    """
    entries: list[IssuedId] = field(default_factory=list)
    reserved: set[str] = field(default_factory=set)

    def assign(self, spans: list[Span], reserved: Iterable[str] = ()) -> list[str]:
        """Ids for ``spans`` (blocks in document order); updates the registry (new ids, retirements).
        See the module docstring for the matching."""
        active = [e for e in self.entries if e.state == ACTIVE]           # in seed order
        ids: list[str | None] = [None] * len(spans)
        taken: set[int] = set()

        def give(i: int, j: int) -> None:
            ids[i] = active[j].id
            taken.add(j)

        # 1. exact text: aligned runs of equal fingerprints; every other stretch is a region to match
        matcher = difflib.SequenceMatcher(None, [e.fingerprint for e in active], [s.fingerprint for s in spans],
                                          autojunk=False)
        opcodes = matcher.get_opcodes()
        shifts: list[list[int]] = []               # per opcode: the seed shifts of its aligned text, in order
        for tag, j1, j2, i1, i2 in opcodes:
            shifts.append([])
            if tag == "equal":
                for j, i in zip(range(j1, j2), range(i1, i2)):
                    give(i, j)
                    if (d := _shift(active[j], spans[i])) is not None:
                        shifts[-1].append(d)
        # 2. changed blocks, region by region, against the shifts of the nearest aligned text either side
        for k, (tag, j1, j2, i1, i2) in enumerate(opcodes):
            if tag != "replace":
                continue
            before = next((run[-1] for run in reversed(shifts[:k]) if run), None)
            after = next((run[0] for run in shifts[k + 1:] if run), None)
            moved = {d for d in (before, after) if d is not None}
            pairs = [(-score, i, j) for i, j, score in self._region_pairs(active[j1:j2], j1, spans, i1, i2, moved)
                     if score > MIN_OVERLAP]
            for _, i, j in sorted(pairs):
                if ids[i] is None and j not in taken:
                    give(i, j)
        # 3. the same text elsewhere (out of order): first unmatched with first unmatched
        waiting: dict[str, list[int]] = {}
        for j, entry in enumerate(active):
            if j not in taken:
                waiting.setdefault(entry.fingerprint, []).append(j)
        for i, span in enumerate(spans):
            if ids[i] is None and waiting.get(span.fingerprint):
                give(i, waiting[span.fingerprint].pop(0))
        # the registry records where each id's text is now (active spans stay disjoint)
        by_id = {e.id: e for e in active}
        for i, ident in enumerate(ids):
            if ident is not None:
                entry, span = by_id[ident], spans[i]
                entry.start, entry.end, entry.fingerprint, entry.sketch = span.start, span.end, span.fingerprint, \
                    span.sketch
        # 4. retire what lost its text, then name the new blocks after their first seed line
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
            self.entries.append(IssuedId(name, span.start, span.end, span.fingerprint, sketch=span.sketch))
        self.entries.sort(key=lambda e: (e.start, e.end, e.id))
        return ids  # type: ignore[return-value]

    @staticmethod
    def _region_pairs(entries: list[IssuedId], first_entry: int, spans: list[Span], i1: int, i2: int,
                      moved: set[int]):
        """(span index, entry index, share of common text) for the blocks ``spans[i1:i2]`` and the ids
        ``entries`` (from index ``first_entry`` of the active ids) of one changed stretch; ``moved``: the
        seed shifts of the aligned text on either side."""
        if len(moved) <= 1:
            # the seed text around them did not move, or moved alike: seed spans, shifted back, are exact
            # coordinates. Only overlapping spans can score: found with a sweep over the entries by start.
            delta = next(iter(moved), 0)
            order = sorted((e.start + delta, e.end + delta, k) for k, e in enumerate(entries) if e.start >= 0)
            starts = [o[0] for o in order]
            reach = list(itertools.accumulate((o[1] for o in order), max))      # furthest end so far
            for i in range(i1, i2):
                span = spans[i]
                if span.start < 0:
                    continue
                for start, end, k in order[bisect.bisect_left(reach, span.start):
                                           bisect.bisect_right(starts, span.end)]:
                    yield i, first_entry + k, overlap((start, end), (span.start, span.end))
            return
        # text was inserted or deleted here: positions say little, the words decide
        for i in range(i1, i2):
            span = spans[i]
            for k, entry in enumerate(entries):
                words = word_similarity(entry.sketch, span.sketch)
                if words is None:           # no words, or a registry written before sketches: positions
                    words = max((overlap((entry.start + d, entry.end + d), (span.start, span.end)) for d in moved
                                 if entry.start >= 0 and span.start >= 0), default=0.0)
                yield i, first_entry + k, words

    def to_jsonl(self) -> str:
        return "".join(json.dumps(e.as_dict(), ensure_ascii=False, sort_keys=True) + "\n" for e in self.entries)

    @classmethod
    def from_jsonl(cls, text: str, name: str = "") -> Registry:
        entries = []
        seen: set[str] = set()
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                entry = IssuedId(str(row["id"]), int(row["start"]), int(row["end"]), str(row["fingerprint"]),
                                 str(row.get("state", ACTIVE)), str(row.get("sketch", "")))
            except (ValueError, KeyError, TypeError) as exc:
                raise EditionError(f"a line of the segment id registry is not a valid record ({exc})", file=name,
                                   line=number, hint="restore the file from git: it is written by the build and "
                                                     "must not be edited by hand") from None
            if (not _ID.match(entry.id) or entry.state not in (ACTIVE, RETIRED) or entry.id in seen
                    or not _SKETCH.match(entry.sketch)):
                raise EditionError(f"the segment id registry has an invalid or repeated id {entry.id!r}", file=name,
                                   line=number, hint="restore the file from git (git checkout -- <file>)")
            seen.add(entry.id)
            entries.append(entry)
        return cls(entries)


def spans_of(doc, blocks) -> list[Span]:
    """The registry's view of ``blocks`` of a Document."""
    out = []
    for block in blocks:
        text_print, words = _signature(block.text)
        if block.origin:
            start, end = min(block.origin), max(block.origin)
            out.append(Span(start, end, text_print, doc.line_of(start), words))
        else:
            out.append(Span(-1, -1, text_print, 0, words))
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
