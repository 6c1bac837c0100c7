"""Character error rate of the reader-visible text against hand-corrected gold passages.

A gold record names a seed and a line span; the edition's text for that span is every character
of every block whose seed origin lies inside the span, paragraphs joined by a newline, compared
with the gold paragraphs joined the same way.
"""
from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from build_edition.read.catalog import load_catalog
from build_edition.core.errors import EditionError
from build_edition.core.model import Document
from build_edition.passes import run_pipeline
from build_edition.build.pipeline import Project, read_documents


@dataclass
class PassageScore:
    seed: str
    start: int
    end: int
    distance: int
    length: int
    system: list[str]
    gold: list[str]

    @property
    def cer(self) -> float:
        return self.distance / max(1, self.length)


def load_gold(path: Path) -> list[dict]:
    if not path.exists():
        raise EditionError("gold file not found", file=str(path), hint="pass --gold PATH to a .jsonl gold file")
    records = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            rec["seed"], rec["start_line"], rec["end_line"], rec["gold_paragraphs"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise EditionError(f"not a gold record ({exc})", file=str(path), line=n,
                               hint="each line needs seed, start_line, end_line, gold_paragraphs") from None
        records.append(rec)
    return records


def passage_text(doc: Document, start: int, end: int) -> list[str]:
    """The reader-visible paragraphs of a document restricted to seed lines start..end.

    Blocks the structure passes moved to another place in the reading order (``attrs["reading_line"]``,
    e.g. a headline printed inside another article's column) count where the reader meets them.
    """
    paragraphs = []
    for block in doc.blocks:
        reading_line = block.attrs.get("reading_line")
        if reading_line is not None and not start <= reading_line <= end:
            continue  # relocated by the layout repair: the reader meets it elsewhere, not in this passage
        chars = [ch for ch, off in zip(block.text, block.origin) if start <= doc.line_of(off) <= end]
        text = "".join(chars).strip()
        if text:
            paragraphs.append(text)
    return paragraphs


def score_passages(docs: dict[str, Document], records: list[dict]) -> list[PassageScore]:
    scores = []
    for rec in records:
        doc = docs.get(rec["seed"])
        if doc is None:
            continue
        system = passage_text(doc, rec["start_line"], rec["end_line"])
        gold = rec["gold_paragraphs"]
        sys_text, gold_text = "\n".join(system), "\n".join(gold)
        scores.append(PassageScore(rec["seed"], rec["start_line"], rec["end_line"],
                                   Levenshtein.distance(sys_text, gold_text), len(gold_text), system, gold))
    return scores


def build_docs_for(project: Project, seeds: set[str]) -> dict[str, Document]:
    """The gold's seeds through the full pipeline, with the whole corpus as word evidence (as in a build)."""
    docs = read_documents(load_catalog(project.catalog, project.seeds), project.seeds)
    return {d.seed_name: run_pipeline(d) for d in docs if d.seed_name in seeds}


def report(scores: list[PassageScore]) -> str:
    by_seed: dict[str, list[PassageScore]] = {}
    for s in scores:
        by_seed.setdefault(s.seed, []).append(s)
    lines = [f"{'seed':<28} {'passages':>8} {'chars':>7} {'errors':>7} {'CER':>7}"]
    for seed in sorted(by_seed):
        group = by_seed[seed]
        dist, length = sum(s.distance for s in group), sum(s.length for s in group)
        lines.append(f"{seed:<28} {len(group):>8} {length:>7} {dist:>7} {dist / max(1, length):>7.2%}")
    dist, length = sum(s.distance for s in scores), sum(s.length for s in scores)
    lines.append(f"{'overall':<28} {len(scores):>8} {length:>7} {dist:>7} {dist / max(1, length):>7.2%}")
    return "\n".join(lines)


def show_diff(score: PassageScore) -> str:
    out = [f"--- {score.seed} lines {score.start}-{score.end}: CER {score.cer:.2%}"]
    for line in difflib.unified_diff(score.gold, score.system, "gold", "edition", lineterm="", n=0):
        out.append(line)
    return "\n".join(out)


def main(project: Project, gold_path: Path, show: int = 0) -> int:
    records = load_gold(gold_path)
    docs = build_docs_for(project, {r["seed"] for r in records})
    scores = score_passages(docs, records)
    print(report(scores))
    for score in sorted(scores, key=lambda s: -s.cer)[:show]:
        print(show_diff(score))
    return 0
