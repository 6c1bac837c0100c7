"""Shared fixtures: the real seeds run through the real pipeline once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_edition.read.catalog import load_catalog
from build_edition.passes import run_pipeline
from build_edition.build.pipeline import Project, read_documents

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.hookimpl(tryfirst=True)          # before `-m` deselects by marker
def pytest_collection_modifyitems(items):
    """The markers of pyproject.toml: a test that uses the site built by ``built_site`` is ``slow``, one that
    uses Chromium (``browser``, hence ``page``) is ``browser``; other slow tests carry the mark themselves."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "built_site" in fixtures:
            item.add_marker(pytest.mark.slow)
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)


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


# -- the browser tests: one server over the built site and one Chromium per session, a fresh page per test

@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served on 127.0.0.1; the base URL ends in "/"."""
    from tests.site_helpers import serve
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (tests/site_helpers.py: launch_chromium)."""
    from tests.site_helpers import launch_chromium
    with launch_chromium() as browser:
        yield browser


@pytest.fixture
def page_options() -> dict:
    """Keyword arguments of ``site_helpers.open_page`` for the ``page`` fixture; a test module
    overrides this fixture to add e.g. an init script or a locale."""
    return {}


@pytest.fixture
def page(browser, site_url, page_options):
    """A page of its own browser context (fresh storage), local requests only; fails on JavaScript errors."""
    from tests.site_helpers import open_page
    with open_page(browser, site_url, **page_options) as page:
        yield page
