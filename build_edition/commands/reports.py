"""Reports for editors: residue left in the text, abbreviations defined nowhere, candidate names."""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

from build_edition.build.pipeline import build_documents
from build_edition.enrich.entities import (ENTITIES_FILE, candidate_names, person_candidates,
                                           read_entities_file)
from build_edition.enrich.glossary import (ABBREVIATIONS_FILE, GLOSSARY_FILE, content_texts, known_words,
                                           read_curated_file, terms_defined_in_texts, undefined_abbreviations)
from build_edition.evidence.residue import format_report, residue_by_document


def residue_report(project) -> int:
    """``build-edition residue``: run the pipeline on every document and print the report."""
    result = build_documents(project, progress=sys.stderr.isatty())
    residue = residue_by_document(result.docs)
    print(format_report(result.docs, residue))
    return 0


def glossary_report(content: Path) -> str:
    """Abbreviations the texts in ``content`` use but no source defines, for editors."""
    texts = content_texts(content)
    defined = terms_defined_in_texts(t for _, _, t in texts)
    defined.update(t.term for t in read_curated_file(Path(content) / "data" / GLOSSARY_FILE))
    generated = Path(content) / ABBREVIATIONS_FILE
    if generated.is_file():
        data = yaml.safe_load(generated.read_text(encoding="utf-8")) or {}
        defined.update((data.get("titles") or {}) if isinstance(data, dict) else {})
    undefined = undefined_abbreviations(texts, defined, known_words(t for _, _, t in texts))
    lines = [f"{len(defined)} abbreviations defined; {len(undefined)} used but defined nowhere "
             f"(add them to content/data/{GLOSSARY_FILE}):"]
    for u in undefined:
        where = ", ".join(f"{d}#{b}" for d, b in u.places)
        lines.append(f"  {u.token:<10} {u.count:>4}×  {where}")
    return "\n".join(lines) + "\n"


def entities_report(content: Path, min_count: int = 3) -> str:
    """Candidates for the index of names from the texts in ``content`` that the list does not have yet."""
    texts = [t for _, _, t in content_texts(content)]
    known = {v for e in read_entities_file(Path(content) / "data" / ENTITIES_FILE) for v in e.all_variants()}
    matcher_words = {w for v in known for w in v.split()}
    lines = ["# capitalised words inside sentences (endings stripped), not yet in the list:"]
    lines += [f"#   {name}  ({n}×)" for name, n in candidate_names(texts, min_count) if name not in matcher_words]
    lines.append("# persons found by airlock-pii (given name + surname), not yet in the list:")
    lines += [f"#   {name}  ({n}×)" for name, n in person_candidates(texts, min_count)
              if name not in known and name.split()[-1] not in matcher_words]
    return "\n".join(lines) + "\n"
