"""The Kazakh pages of content/ as the site shows them, for the search index.

The search index is made from content/, not from a built site: the Kazakh pages are rendered here
with the Markdown extensions of mkdocs.yml (as loaded by MkDocs itself, its built-in ones included),
the body every renderer puts in the page's <article>. So `build-edition build` can make the index as
soon as it has written content/ (kept in ``.cache/search/``, :mod:`build_edition.site.search.index`)
and any renderer can ship it; the MkDocs build only copies it. A page's address is the one MkDocs
gives it with directory URLs (``doc/01-page.md`` → ``doc/01-page/``).

Which pages: every ``.md`` file of content/ that MkDocs builds as a Kazakh page — not a hidden
folder's (``.edition/``), not an ``exclude_docs`` pattern of mkdocs.yml, not a page's own
translation (``NN-page.ru.md``).
"""
from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import markdown
from mkdocs.utils.meta import get_data

from build_edition.core.errors import EditionError
from build_edition.site.bracket_scan import BracketScanExtension

SNIPPETS = "pymdownx.snippets"


@dataclass(frozen=True)
class Page:
    src: str          # the page's file in content/: "doc/01-page.md"
    url: str          # its address from the site root: "", "doc/", "doc/01-page/"
    html: str         # the rendered body
    title: str        # the front matter's title ("" when none: the page's first heading is its title)


def page_url(src: str) -> str:
    """The address MkDocs gives the page ``src`` with directory URLs.

    >>> page_url("index.md"), page_url("doc/index.md"), page_url("doc/01-page.md"), page_url("glossary.md")
    ('', 'doc/', 'doc/01-page/', 'glossary/')
    """
    path = PurePosixPath(src)
    parent = "" if str(path.parent) == "." else f"{path.parent}/"
    return parent if path.stem == "index" else f"{parent}{path.stem}/"


def site_config(config_file: Path):
    """mkdocs.yml loaded and validated by MkDocs (its Markdown extensions as the site build uses them)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError
    quiet = logging.getLogger("mkdocs")
    level = quiet.level
    quiet.setLevel(logging.ERROR)       # its notes on plugins and the site address are for the site build
    try:
        return load_config(str(config_file))
    except ConfigurationError as error:
        raise EditionError(f"mkdocs.yml is not valid: {error}", file=str(config_file),
                           hint="`mkdocs build` names the setting; fix it there") from None
    finally:
        quiet.setLevel(level)


def _converter(config, content: Path) -> markdown.Markdown:
    extensions = list(config["markdown_extensions"])
    if not any(isinstance(e, BracketScanExtension) for e in extensions):
        extensions.append(BracketScanExtension())       # as build_edition/site/theme_hook.py adds it
    settings = copy.deepcopy(dict(config["mdx_configs"] or {}))
    if SNIPPETS in settings:
        # the site build runs from the project's folder; here the snippets are found beside content/
        bases = settings[SNIPPETS].get("base_path") or ["."]
        bases = [bases] if isinstance(bases, str) else bases
        settings[SNIPPETS]["base_path"] = [str(content / Path(b).relative_to(content.name)) if
                                           Path(b).parts[:1] == (content.name,) else str(b) for b in bases]
    return markdown.Markdown(extensions=extensions, extension_configs=settings)


def _is_page(rel: PurePosixPath, config, languages: tuple[str, ...]) -> bool:
    if any(part.startswith(".") for part in rel.parts):
        return False                                # MkDocs leaves hidden files out (.edition/)
    if len(rel.suffixes) > 1 and rel.suffixes[-2].lstrip(".") in languages:
        return False                                # NN-page.ru.md: the ru interface's own page
    excluded = config.get("exclude_docs")
    return not (excluded is not None and excluded.match_file(rel.as_posix()))


def kazakh_pages(content: Path, config, languages: tuple[str, ...] = ()) -> list[Page]:
    """Every Kazakh page of ``content`` rendered, in the order of their built files' paths
    (``languages``: the other interfaces, whose ``.<language>.md`` pages are not Kazakh)."""
    content = Path(content)
    converter = _converter(config, content)
    pages = []
    for path in sorted(content.rglob("*.md")):
        rel = PurePosixPath(path.relative_to(content).as_posix())
        if not _is_page(rel, config, languages):
            continue
        try:
            body, meta = get_data(path.read_text(encoding="utf-8-sig"))
        except UnicodeDecodeError as error:
            raise EditionError(f"not UTF-8 text ({error.reason} at byte {error.start})", file=str(path),
                               hint="save the page as UTF-8") from None
        converter.reset()
        html = converter.convert(body)
        title = meta.get("title") if isinstance(meta.get("title"), str) else ""
        pages.append(Page(rel.as_posix(), page_url(rel.as_posix()), html, title))
    # the order of the built files (doc/01-page/index.html), as a search over the site would find them
    return sorted(pages, key=lambda p: (p.url + "index.html").split("/"))
