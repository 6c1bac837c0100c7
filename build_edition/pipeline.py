"""Build the whole edition: catalogue → seeds → passes → content/."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from .catalog import Entry, load_catalog
from .model import Document
from .passes import run_pipeline
from .reader import read_seed
from .writer import render_edition, write_tree


@dataclass
class Project:
    root: Path

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def catalog(self) -> Path:
        return self.seeds / "catalog.yml"

    @property
    def content(self) -> Path:
        return self.root / "content"


@dataclass
class BuildResult:
    docs: list[Document]
    timings: dict[str, float] = field(default_factory=dict)


def process_entry(entry: Entry, seeds_dir: Path, timings: dict[str, float] | None = None) -> Document:
    doc = read_seed(entry, seeds_dir)
    return run_pipeline(doc, timings)


def build_documents(project: Project, only: list[str] | None = None, progress: bool = True) -> BuildResult:
    entries = load_catalog(project.catalog, project.seeds)
    if only:
        entries = [e for e in entries if e.slug in only]
    timings: dict[str, float] = {}
    docs = []
    for entry in tqdm(entries, desc="documents", unit="doc", disable=not progress, file=sys.stderr):
        docs.append(process_entry(entry, project.seeds, timings))
    return BuildResult(docs, timings)


def build(project: Project, progress: bool = True) -> BuildResult:
    """Process every document, then write content/ in one step (nothing is written if any document fails)."""
    result = build_documents(project, progress=progress)
    write_tree(render_edition(result.docs), project.content)
    return result
