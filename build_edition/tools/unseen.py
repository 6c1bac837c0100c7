"""How the restoration generalises: documents the engine has never seen, and the seeds left out in turn.

``build-edition eval --unseen`` (also printed by ``make eval``) reports two measures:

* **unseen documents**: the clean Kazakh texts of ``build_edition/data/unseen/`` (see its SOURCES.md)
  are damaged by :mod:`build_edition.tools.simulate_damage` the way seeds 000 (newspaper) and 002 (book)
  are damaged, added to a throw-away copy of the project as new catalogued documents, restored by
  the pipeline, and compared with the clean text: character error rate (Levenshtein distance / clean
  length) per style and overall, beside the do-nothing baseline (the damaged text as a reader of the raw
  file sees it: lines of a paragraph joined by a space). The new documents are never pinned as corpus
  evidence: the copy pins exactly the real seeds, so each unseen document is restored as a new
  document of the edition would be (the pinned evidence plus its own text), and nothing in
  ``content/`` changes.
* **leave-one-out**: each seed of the gold restored with the *other* seeds as the pinned evidence (as
  if it were new), scored on its gold passages (``../shared/gold/dev.jsonl``).

The damage is seeded: the same code gives the same numbers.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz.distance import Levenshtein

from build_edition.build.pipeline import Project, build_documents
from build_edition.evidence.pinned import EVIDENCE_FILE
from build_edition.read.catalog import load_catalog
from build_edition.tools.evaluate import load_gold, passage_text, report, score_passages
from build_edition.tools.simulate_damage import STYLES, Damaged, damage

DATA = Path(__file__).resolve().parent.parent / "data" / "unseen"
UNSEEN_PREFIX = "unseen-"


@dataclass
class UnseenDocument:
    name: str            # file name of the clean text
    style: str
    paragraphs: list[str]
    damaged: Damaged

    @property
    def slug(self) -> str:
        return UNSEEN_PREFIX + Path(self.name).stem

    @property
    def source(self) -> str:
        return f"{UNSEEN_PREFIX}{Path(self.name).stem}.txt"


@dataclass
class Score:
    name: str
    style: str
    length: int          # characters of the clean text
    errors: int          # edit distance of the restored text
    baseline: int        # edit distance of the damaged text, unrestored


def clean_paragraphs(text: str) -> list[str]:
    """The paragraphs of a clean text file (blank-line separated; whitespace runs as one space)."""
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def unseen_documents(data: Path = DATA) -> list[UnseenDocument]:
    """The clean texts listed in ``documents.yml``, each damaged in its style (seeded)."""
    listing = yaml.safe_load((data / "documents.yml").read_text(encoding="utf-8"))
    docs = []
    for item in listing["documents"]:
        paragraphs = clean_paragraphs((data / item["file"]).read_text(encoding="utf-8"))
        style = STYLES[item["style"]]
        damaged = damage(paragraphs, style, seed=int(item["seed"]), title=item.get("book", ""),
                         author=item.get("author", ""), chapter=paragraphs[0])
        docs.append(UnseenDocument(item["file"], item["style"], paragraphs, damaged))
    return docs


def _catalog_entry(doc: UnseenDocument) -> dict:
    return {"slug": doc.slug, "source": doc.source, "title": doc.paragraphs[0][:80], "authors": ["unknown"],
            "publication": "unknown", "date": "unknown", "kind": doc.style, "language": "kk"}


def make_project(dest: Path, root: Path, extra: list[UnseenDocument], pinned: list[str] | None = None,
                 keep: list[str] | None = None) -> Project:
    """A throw-away project at ``dest``: the real seeds and catalogue of ``root`` (only the sources in
    ``keep``, if given) plus the ``extra`` documents, with exactly ``pinned`` (default: the real seeds)
    as the corpus evidence."""
    seeds = dest / "seeds"
    seeds.mkdir(parents=True)
    catalog = yaml.safe_load((root / "seeds" / "catalog.yml").read_text(encoding="utf-8"))
    entries = [e for e in catalog["documents"] if keep is None or e["source"] in keep]
    for entry in entries:
        shutil.copyfile(root / "seeds" / entry["source"], seeds / entry["source"])
    for doc in extra:
        (seeds / doc.source).write_text(doc.damaged.text, encoding="utf-8")
    catalog["documents"] = entries + [_catalog_entry(d) for d in extra]
    (seeds / "catalog.yml").write_text(yaml.safe_dump(catalog, allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    evidence = dest / "content" / EVIDENCE_FILE
    evidence.parent.mkdir(parents=True)
    pinned = [e["source"] for e in entries] if pinned is None else pinned
    # (no hashes: the pinned seeds are the real ones, read as they are)
    evidence.write_text(json.dumps({"seeds": [{"source": s} for s in pinned]}, ensure_ascii=False),
                        encoding="utf-8")
    return Project(dest, jobs=1, use_cache=False)


def _text(paragraphs: list[str]) -> str:
    return "\n".join(" ".join(p.split()) for p in paragraphs)


def do_nothing(damaged_text: str) -> list[str]:
    """The damaged text as a reader of the raw file sees it: blank-line paragraphs, lines joined by a space."""
    paragraphs = []
    for block in damaged_text.split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines:
            paragraphs.append(" ".join(lines))
    return paragraphs


def score_unseen(root: Path, docs: list[UnseenDocument] | None = None) -> list[Score]:
    """Restore the unseen documents in a temporary copy of the project at ``root`` and score them."""
    docs = unseen_documents() if docs is None else docs
    with tempfile.TemporaryDirectory(prefix="unseen-") as tmp:
        project = make_project(Path(tmp), root, docs)
        result = build_documents(project, only=[d.slug for d in docs], progress=False)
    built = {d.slug: d for d in result.docs}
    scores = []
    for doc in docs:
        restored = built[doc.slug]
        system = passage_text(restored, 0, 10 ** 9)
        gold = _text(doc.paragraphs)
        scores.append(Score(doc.name, doc.style, len(gold), Levenshtein.distance(_text(system), gold),
                            Levenshtein.distance(_text(do_nothing(doc.damaged.text)), gold)))
    return scores


def unseen_report(scores: list[Score]) -> str:
    lines = [f"{'unseen document':<28} {'style':<10} {'chars':>6} {'errors':>6} {'CER':>7} {'baseline':>8}"]
    for s in scores:
        lines.append(f"{s.name:<28} {s.style:<10} {s.length:>6} {s.errors:>6} {s.errors / s.length:>7.2%} "
                     f"{s.baseline / s.length:>8.2%}")
    groups = [(style, [s for s in scores if s.style == style]) for style in STYLES] + [("overall", scores)]
    for name, group in groups:
        if group:
            length = sum(s.length for s in group)
            errors, baseline = sum(s.errors for s in group), sum(s.baseline for s in group)
            lines.append(f"{name:<28} {'':<10} {length:>6} {errors:>6} {errors / length:>7.2%} "
                         f"{baseline / length:>8.2%}")
    return "\n".join(lines)


def leave_one_out(root: Path, gold_path: Path) -> str:
    """Each seed of the gold restored with the other seeds as pinned evidence, scored on its passages."""
    records = load_gold(gold_path)
    catalogued = [e.source for e in load_catalog(root / "seeds" / "catalog.yml", root / "seeds")]
    scores = []
    for seed in sorted({r["seed"] for r in records}):
        if seed not in catalogued:
            continue
        with tempfile.TemporaryDirectory(prefix="loo-") as tmp:
            project = make_project(Path(tmp), root, [], pinned=[s for s in catalogued if s != seed])
            entries = load_catalog(project.catalog, project.seeds)
            slug = next(e.slug for e in entries if e.source == seed)
            result = build_documents(project, only=[slug], progress=False)
        scores.extend(score_passages({seed: result.docs[0]}, [r for r in records if r["seed"] == seed]))
    return report(scores)


def main(project: Project, gold_path: Path | None) -> int:
    print(unseen_report(score_unseen(project.root)))
    if gold_path is not None and gold_path.exists():
        print()
        print("leave-one-out (each seed restored with the other seeds as evidence), gold:", gold_path)
        print(leave_one_out(project.root, gold_path))
    return 0
