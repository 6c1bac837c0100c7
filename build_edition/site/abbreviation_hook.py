"""MkDocs hook: abbreviation tooltips on every page, from the glossary the pipeline wrote.

The pipeline writes ``_abbreviations.yml`` into the docs folder (the tooltip text of every term,
with a document's own expansions where they differ, see :mod:`build_edition.enrich.glossary`). Before
a page is converted, the definitions of the abbreviations it uses are appended to its Markdown
as Python-Markdown ``abbr`` definitions (`*[ҚР]: Қазақстан Республикасы`), so Material shows
them as tooltips (``content.tooltips``). Nothing of this is stored in the pages of content/:
editors never see or merge the definitions, and a new glossary entry reaches every page on the
next build.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from build_edition.enrich.glossary import ABBREVIATIONS_FILE, abbreviation_definitions

_cache: dict[str, tuple[float, dict]] = {}


def _tooltips(docs_dir: str) -> dict:
    path = Path(docs_dir) / ABBREVIATIONS_FILE
    if not path.is_file():
        return {}
    mtime = path.stat().st_mtime
    cached = _cache.get(docs_dir)
    if cached is None or cached[0] != mtime:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        _cache[docs_dir] = cached = (mtime, data if isinstance(data, dict) else {})
    return cached[1]


def on_page_markdown(markdown, page, config, files, **kwargs):
    data = _tooltips(config["docs_dir"])
    titles = dict(data.get("titles") or {})
    document = page.file.src_uri.split("/", 1)[0]
    titles.update((data.get("documents") or {}).get(document) or {})
    definitions = abbreviation_definitions(markdown, titles) if titles else ""
    return f"{markdown.rstrip()}\n\n{definitions}\n" if definitions else markdown
