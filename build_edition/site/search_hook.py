"""MkDocs hook: after the site is built, put the Kazakh-aware search index (Pagefind) into it.

The index is made from content/, not from the built pages (build_edition/site/search/index.py):
`build-edition build` has usually made it already (kept in .cache/search/), so this copies it; if
content/ changed since, it is made now from the same inputs, with the same bytes.

Material's search plugin stays enabled only so the header keeps its search button and includes
overrides/partials/search.html; its lunr index (search/search_index.json, every Cyrillic letter
escaped, several MB) is not used by that partial, so the plugin is given an index that keeps
nothing (no page is parsed for it, in none of the three language builds) and the empty file it
still writes is removed here. See build_edition/search/.
"""
from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from build_edition.core.errors import EditionError
from build_edition.site.search.index import build_search_index

log = logging.getLogger("mkdocs.hooks.search")


class _UnusedLunrIndex:
    """Stands in for Material's lunr ``SearchIndex``: takes no entries and writes an empty index.
    (mkdocs-static-i18n reads and refills ``entries`` between its language builds.)"""

    def __init__(self):
        self.entries: list = []

    def add_entry_from_context(self, page):
        pass

    def generate_search_index(self, prev=None) -> str:
        return '{"config": {}, "docs": []}'


def on_config(config, **kwargs):
    # runs after Material's search plugin has made its index, in every (language) build
    search = config.plugins.get("material/search")
    if search is not None and hasattr(search, "search_index"):
        search.search_index = _UnusedLunrIndex()
    return config


@event_priority(-200)   # after mkdocs-static-i18n (-100) has built the ru/ and en/ interfaces (issue 8)
def on_post_build(config, **kwargs):
    i18n = config.plugins.get("i18n")
    if getattr(i18n, "building", False):
        return          # one language of several: the default build's last call writes the index once
    site_dir = Path(config["site_dir"])
    lunr_index = site_dir / "search" / "search_index.json"
    if lunr_index.exists():
        lunr_index.unlink()
        if not any(lunr_index.parent.iterdir()):
            lunr_index.parent.rmdir()
    started = time.perf_counter()
    try:
        stats = build_search_index(site_dir, Path(config["docs_dir"]), config)
    except EditionError as error:
        raise PluginError(str(error)) from None
    log.info("search index: %d paragraphs, %d files, %.1f MB in %.1f s (%s)", stats["records"], stats["files"],
             stats["bytes"] / 1e6, time.perf_counter() - started,
             "made by build-edition build" if stats["cached"] else "made now")
