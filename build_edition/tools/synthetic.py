"""A synthetic corpus N times the size of the seeds, for measuring how the build scales.

Each synthetic document is modelled on one real seed: the same kind and catalogue metadata and
about the same size, made of runs of that seed's own paragraphs (blank-line separated groups of
lines, kept whole with their extraction damage: hyphenation, split words, broken glyphs, running
heads) in a new order. The texts are real Kazakh with the real damage, so the repairs, the search
index and the glossary do realistic work, yet every document is distinct. The output is a project
folder (``seeds/`` with the real seeds, the synthetic ones and ``catalog.yml``) to build with
``build-edition --root DEST build``. Same arguments, same bytes: the random choices are seeded.

    .venv/bin/python -m build_edition.tools.synthetic 10 /tmp/perf/x10

>>> _groups("а\\nә\\n\\nб\\n \\n\\nв")
['а\\nә\\n', 'б\\n', 'в\\n']
"""
from __future__ import annotations

import hashlib
import random
import shutil
import sys
from pathlib import Path

import yaml

from build_edition.core.paths import REPOSITORY
from build_edition.store.yamlfiles import NoAliasDumper

ROOT = REPOSITORY
MIN_UNITS = 20               # a seed with fewer blank-line paragraphs is recombined line by line
MAX_RUN = 8                  # longest run of consecutive paragraphs taken together


def _groups(text: str) -> list[str]:
    """Runs of non-blank lines (blank: whitespace only, as the reader sees it), each ending with "\n"."""
    groups, current = [], []
    for line in text.split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            groups.append("\n".join(current) + "\n")
            current = []
    if current:
        groups.append("\n".join(current) + "\n")
    return groups


def paragraph_units(text: str) -> list[str]:
    """The seed's paragraphs (runs of non-blank lines); its lines when it has few blank-line paragraphs."""
    units = _groups(text)
    if len(units) < MIN_UNITS:
        units = [line + "\n" for line in text.split("\n") if line.strip()]
    return units


def synthetic_text(model: str, rng: random.Random) -> str:
    """About ``len(model)`` characters of the model's paragraphs, in runs of 1..MAX_RUN, reordered."""
    units = paragraph_units(model)
    # blank-line separated when the model's paragraphs are; line by line otherwise
    joiner = "\n" if len(_groups(model)) >= MIN_UNITS else ""
    target, parts, size = len(model), [], 0
    while size < target:
        start = rng.randrange(len(units))
        run = units[start:start + rng.randint(1, MAX_RUN)]
        parts.extend(run)
        size += sum(len(u) + len(joiner) for u in run)
    return joiner.join(parts)


def make_corpus(dest: Path, scale: int, seeds_dir: Path | None = None) -> Path:
    """A project at ``dest`` whose seeds are ``scale`` times the real ones: the real seeds and their
    catalogue entries, plus ``scale - 1`` synthetic documents modelled on each real seed."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    seeds_dir = Path(seeds_dir or ROOT / "seeds")
    dest = Path(dest)
    out = dest / "seeds"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    catalog = yaml.safe_load((seeds_dir / "catalog.yml").read_text(encoding="utf-8"))
    real = catalog["documents"]
    documents = []
    for entry in real:
        shutil.copyfile(seeds_dir / entry["source"], out / entry["source"])
        documents.append(entry)
    texts = {e["source"]: (seeds_dir / e["source"]).read_bytes().decode("utf-8-sig") for e in real}
    seen: set[str] = set(hashlib.sha256(t.encode()).hexdigest() for t in texts.values())
    for n in range(1, scale):
        for model in real:
            rng = random.Random(f"{model['slug']}/{n}")
            text = synthetic_text(texts[model["source"]], rng)
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            while digest in seen:               # never twice the same document
                text = synthetic_text(texts[model["source"]], rng)
                digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            seen.add(digest)
            source = f"syn{n:03d}_{model['source'][:3]}_{digest[:16]}.txt"
            (out / source).write_text(text, encoding="utf-8")
            documents.append(_synthetic_entry(model, n, source))
    catalog["documents"] = documents
    (out / "catalog.yml").write_text(
        "# Synthetic corpus for benchmarks (build_edition.tools.synthetic): the real seeds and documents made\n"
        "# of their paragraphs in a new order. Not an edition.\n"
        + yaml.dump(catalog, Dumper=NoAliasDumper, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    return dest


def _synthetic_entry(model: dict, n: int, source: str) -> dict:
    entry = {k: v for k, v in model.items() if k not in ("overrides", "notes", "description")}
    entry["slug"] = f"{model['slug'][:60]}-syn{n:03d}"
    entry["source"] = source
    entry["title"] = f"{model['title']} (жинақ {n})"
    if model.get("short_title"):
        entry["short_title"] = f"{model['short_title']} ({n})"
    entry["notes"] = "Өлшеу үшін жасалған синтетикалық құжат: нақты мәтіннің абзацтары жаңа ретпен."
    return entry


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2 or not argv[0].isdigit():
        print("usage: python -m build_edition.tools.synthetic SCALE DEST", file=sys.stderr)
        return 2
    dest = make_corpus(Path(argv[1]), int(argv[0]))
    seeds = sorted((dest / "seeds").glob("*.txt"))
    print(f"{dest}: {len(seeds)} seeds, {sum(p.stat().st_size for p in seeds) / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
