"""Build the whole edition: catalogue → seeds → passes → content/."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from .catalog import Entry, load_catalog
from .conservation import check_conservation
from .datafiles import attach_data_files
from .lexicon import Lexicon
from .model import Document
from .passes import run_pipeline
from .output import write_tree
from .reader import read_seed
from .segment_ids import attach_registries, registry_files
from .writer import render_edition


@dataclass
class Project:
    root: Path
    content_dir: Path | None = None   # default: <root>/content

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def catalog(self) -> Path:
        return self.seeds / "catalog.yml"

    @property
    def content(self) -> Path:
        return self.content_dir or self.root / "content"


@dataclass
class BuildResult:
    docs: list[Document]
    timings: dict[str, float] = field(default_factory=dict)


def read_documents(entries: list[Entry], seeds_dir: Path) -> list[Document]:
    """Read every seed and attach the corpus lexicon (word evidence from all seeds) to each document."""
    docs = [read_seed(entry, seeds_dir) for entry in entries]
    lexicon = Lexicon.from_texts(doc.source for doc in docs)
    for doc in docs:
        doc.meta["lexicon"] = lexicon
    return docs


def process_entry(entry: Entry, seeds_dir: Path, timings: dict[str, float] | None = None) -> Document:
    """One document alone (its lexicon is built from this seed only); for tests and evaluation of one seed."""
    return run_pipeline(read_seed(entry, seeds_dir), timings)


def build_documents(project: Project, only: list[str] | None = None, progress: bool = True) -> BuildResult:
    entries = load_catalog(project.catalog, project.seeds)
    docs = read_documents(entries, project.seeds)
    attach_registries(docs, project.content)     # issued segment ids (build_edition.segment_ids)
    attach_data_files(docs, project.content, project.root)   # curated glossary and index of names
    if only:
        docs = [d for d in docs if d.slug in only]
    timings: dict[str, float] = {}
    for doc in tqdm(docs, desc="documents", unit="doc", disable=not progress, file=sys.stderr):
        run_pipeline(doc, timings)
    return BuildResult(docs, timings)


def build(project: Project, progress: bool = True) -> BuildResult:
    """Process every document, merge with editors' corrections in content/, then write content/ in one step.

    Nothing is written if any document fails or if an edit conflicts with the new output
    (:class:`build_edition.merge.MergeConflictError` names each conflict).
    """
    from .merge import merge_into_content

    result = build_documents(project, progress=progress)
    check_conservation(result.docs)      # no seed text lost silently, or nothing is written
    result.merge = merge_into_content(render_edition(result.docs), project.content)
    result.merge.files.update(registry_files(result.docs))
    write_tree(result.merge.files, project.content)
    return result
