"""One document of the merged edition as the exporters read it.

The pages of content/<slug>/ are rendered with Python-Markdown and the extensions of mkdocs.yml
that shape the text (attribute lists give the segment ids, ``abbr`` the abbreviations the glossary
defines, footnotes the editorial notes), so the exports read exactly the text the site shows,
editors' corrections included. Beside them: the catalogue entry, the emendation and removal logs,
the index of names and the seed's lines (to place a logged change inside its paragraph).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import yaml
from lxml import html as lxml_html

from ..read.catalog import CatalogueEntry, load_catalog
from ..core.errors import EditionError
from ..enrich.glossary import ABBREVIATIONS_FILE, abbreviation_definitions
from ..text.markdown import without_milestones, without_permalinks
from ..text.presentation import without_presentation

EXTENSIONS = ["attr_list", "abbr", "footnotes", "tables", "md_in_html", "admonition",
              "pymdownx.details", "pymdownx.escapeall"]
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


@dataclass
class ExportPage:
    name: str              # file name in content/<slug>/
    meta: dict
    body: object           # lxml element <div> holding the rendered HTML


@dataclass
class DocumentSource:
    entry: CatalogueEntry
    pages: list[ExportPage]
    emendations: dict[str, list[dict]]      # block id → its emendations, in the order they were made
    removals: list[dict]                     # in source order
    entities: dict[str, dict]                # entity id → {name, type}
    seed_lines: list[str]                    # the seed's lines (index 0 = line 1)
    corrections: list[dict] = field(default_factory=list)   # editors' corrections kept by the merge
    landing: dict = field(default_factory=dict)              # front matter of the landing page


def read_catalog(root: Path) -> list[CatalogueEntry]:
    return load_catalog(root / "seeds" / "catalog.yml")


def _jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise EditionError(f"invalid JSON ({exc.msg})", file=str(path), line=number,
                               hint="each line of a .jsonl log is one JSON object; rebuild with `build-edition build`") from None
    return rows


def split_front_matter(text: str) -> tuple[dict, str]:
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta = yaml.safe_load(m.group(1)) or {}
    return (meta if isinstance(meta, dict) else {}), text[m.end():]


def render(text: str, titles: dict[str, str]):
    """The Markdown of a page as an lxml <div> (abbreviation definitions appended like the site's hook)."""
    text = without_permalinks(text)        # the site's ¶ links: nothing of the text
    text = without_milestones(text)        # the site's [69]: the exports mark pages from the removal log
    text = without_presentation(text)      # the site's citation spans and all-caps classes
    definitions = abbreviation_definitions(text, titles) if titles else ""
    if definitions:
        text = f"{text.rstrip()}\n\n{definitions}\n"
    converted = markdown.Markdown(extensions=EXTENSIONS).convert(text)
    return lxml_html.fragment_fromstring(converted, create_parent="div")


def page_files(folder: Path) -> list[Path]:
    """The reading pages of a document in order (NN-name.md; not the landing page, not translations)."""
    return sorted(p for p in folder.glob("*.md") if p.name != "index.md" and "." not in p.stem)


def load_document(content: Path, entry: CatalogueEntry, root: Path | None = None) -> DocumentSource:
    folder = content / entry.slug
    if not folder.is_dir():
        raise EditionError(f"document {entry.slug!r} has no folder in content/", file=str(folder),
                           hint="run `build-edition build` first")
    tooltips = {}
    tooltip_file = content / ABBREVIATIONS_FILE
    if tooltip_file.is_file():
        tooltips = yaml.safe_load(tooltip_file.read_text(encoding="utf-8")) or {}
    titles = dict(tooltips.get("titles") or {})
    titles.update((tooltips.get("documents") or {}).get(entry.slug) or {})
    pages = []
    for path in page_files(folder):
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        pages.append(ExportPage(path.name, meta, render(body, titles)))
    landing = {}
    if (folder / "index.md").is_file():
        landing, _ = split_front_matter((folder / "index.md").read_text(encoding="utf-8"))
    emendations: dict[str, list[dict]] = {}
    for row in _jsonl(folder / "emendations.jsonl"):
        emendations.setdefault(row.get("block", ""), []).append(row)
    removals = sorted(_jsonl(folder / "removals.jsonl"), key=lambda r: (r.get("line", 0), r.get("end_line", 0)))
    entities = {}
    entity_file = content / "data" / "entities.yml"
    if entity_file.is_file():
        data = yaml.safe_load(entity_file.read_text(encoding="utf-8")) or {}
        for item in data.get("entities") or []:
            if isinstance(item, dict) and item.get("id"):
                entities[str(item["id"])] = {"name": str(item.get("name", "")), "type": str(item.get("type", ""))}
    seed_lines: list[str] = []
    if root is not None and (root / "seeds" / entry.source).is_file():
        raw = (root / "seeds" / entry.source).read_bytes()
        encoding = str(landing.get("seed_encoding") or "utf-8")
        try:
            seed_lines = raw.decode(encoding, errors="replace").splitlines()
        except LookupError:
            seed_lines = raw.decode("utf-8", errors="replace").splitlines()
    corrections = [c for c in _jsonl(content / ".edition" / "corrections.jsonl")
                   if c.get("document") == entry.slug or str(c.get("file", "")).startswith(f"{entry.slug}/")]
    return DocumentSource(entry, pages, emendations, removals, entities, seed_lines, corrections, landing)
