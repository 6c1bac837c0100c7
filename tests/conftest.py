"""Shared fixtures: the real seeds run through the real pipeline once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_edition.catalog import load_catalog
from build_edition.passes import run_pipeline
from build_edition.pipeline import Project, read_documents

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="session")
def entries(project):
    return load_catalog(project.catalog, project.seeds)


@pytest.fixture(scope="session")
def corpus_docs(project, entries):
    """{slug: Document} for every catalogue entry, after the full pipeline, with the corpus lexicon."""
    docs = read_documents(entries, project.seeds)
    return {d.slug: run_pipeline(d) for d in docs}


@pytest.fixture(scope="session")
def docs_by_seed(corpus_docs):
    return {d.seed_name[:3]: d for d in corpus_docs.values()}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site built strictly from a fresh pipeline run, in a temporary directory (see tests/site_helpers.py);
    its content/ is the sibling ``built_site.parent / "content"``."""
    from tests.site_helpers import build_site
    return build_site(tmp_path_factory.mktemp("edition-site"))
