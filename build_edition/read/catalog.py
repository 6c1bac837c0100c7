"""The catalogue (seeds/catalog.yml): curated metadata for every document of the edition."""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from collections.abc import Mapping

import yaml

from build_edition.core.errors import EditionError
from build_edition.store import yamlfiles

KINDS = ("newspaper", "interview", "book", "article", "web page")
REQUIRED = ("slug", "source", "title", "authors", "publication", "date", "kind", "language")
UNKNOWN = "unknown"


@dataclass
class CatalogueEntry:
    slug: str
    source: str
    title: str
    authors: list[str]
    publication: str
    date: str            # ISO date, year-month, year, or "unknown"
    kind: str
    language: str
    publisher: str = UNKNOWN
    place: str = UNKNOWN        # place of publication
    short_title: str = ""       # navigation label; the title when empty
    description: str = ""
    notes: str = ""
    overrides: dict = field(default_factory=dict)
    # editors' translations for the Russian and English interfaces: {"ru": {"title": ..., ...}, "en": ...}
    translations: dict = field(default_factory=dict)
    line: int = 0        # line of the entry in catalog.yml, for messages
    raw: dict = field(default_factory=dict)

    @property
    def date_value(self) -> dt.date | None:
        """The date as a datetime.date when it is exact to the day."""
        try:
            return dt.date.fromisoformat(self.date)
        except ValueError:
            return None


# Text fields: a YAML number or date (`title: 1984`, `date: 2025-01-15`) is read as the text it shows.
TEXT_FIELDS = ("title", "publication", "publisher", "place", "short_title", "description", "notes", "language")
SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,79}")
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
# Folders the built site has beside the documents: the theme's assets, MkDocs' and Pagefind's search
# indexes. The folders and pages of content/ itself (and the interface languages) come from the writer
# (build_edition.write.writer.edition_paths), which the build passes to load_catalog.
SITE_FOLDERS = {"assets": "the theme's files (site/assets/)", "stylesheets": "the theme's styles",
                "javascripts": "the theme's scripts", "search": "the search index (site/search/)",
                "pagefind": "the search index (site/pagefind/)"}
MAX_CATALOG_BYTES = 1024 * 1024
# `translations:` of an entry: the interface languages besides Kazakh, and the fields they translate
INTERFACE_LANGUAGES = ("ru", "en")
TRANSLATED_FIELDS = ("title", "short_title", "description")


class _CatalogueLoader(yamlfiles.LineLoader):
    """The one YAML loader (:mod:`build_edition.store.yamlfiles`: lines kept, aliases refused) with
    dates checked: ``date: 2025-13-01`` looks like a date to YAML but is not one."""


def _construct_timestamp(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:        # `date: 2025-13-01` looks like a date to YAML but is not one
        raise yaml.MarkedYAMLError(None, None, f"{loader.construct_scalar(node)} is not a date ({exc})",
                                   node.start_mark) from None


_CatalogueLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_catalog(path: Path, seeds_dir: Path | None = None, reserved: Mapping[str, str] | None = None) -> list[CatalogueEntry]:
    """Read and validate the catalogue; raise EditionError naming the file and line of any problem.

    ``reserved``: names a slug may not take, each with what the edition puts there (the build passes
    :func:`build_edition.write.writer.edition_paths`: a document there would overwrite or be hidden by it)."""
    name = str(path)
    if not path.is_file():
        raise EditionError("catalogue not found", file=name,
                           hint="create seeds/catalog.yml with a `documents:` list (see README)")
    if path.stat().st_size > MAX_CATALOG_BYTES:
        raise EditionError(f"the catalogue is over {MAX_CATALOG_BYTES // 1024} KB", file=name,
                           hint="the catalogue holds metadata only; keep texts in the seed files")
    data_bytes = path.read_bytes()
    try:
        text = data_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EditionError(f"the catalogue is not UTF-8 text ({exc.reason} at byte {exc.start})", file=name,
                           line=data_bytes[:exc.start].count(b"\n") + 1, hint="save catalog.yml as UTF-8") from None
    try:
        data = yamlfiles.load(text, loader=_CatalogueLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and context_mark:
            problem += f" ({context} at line {context_mark.line + 1})"
        raise EditionError(f"invalid YAML: {problem}", file=name, line=mark.line + 1 if mark else None,
                           hint="check that line: indentation, quotes (values with ':' need them), dates as YYYY-MM-DD") from None
    except RecursionError:
        raise EditionError("invalid YAML: nested too deeply", file=name,
                           hint="each document is a flat list of `field: value` lines") from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise EditionError("the catalogue must be a mapping with a `documents:` list", file=name, line=1,
                           hint="start the file with `documents:` followed by one `- slug: ...` entry per seed")
    if not data["documents"]:
        raise EditionError("the catalogue lists no documents", file=name, line=data["__lines__"]["documents"],
                           hint="add one `- slug: ...` entry per seed under `documents:`")
    entries, slugs = [], set()
    for item in data["documents"]:
        if not isinstance(item, dict):
            raise EditionError(f"each document must be a mapping of fields, not {_shown(item)}", file=name,
                               line=data["__lines__"]["documents"],
                               hint="write each entry as `- slug: ...` with the fields indented below")
        entry = _entry(item, name, {**SITE_FOLDERS, **(reserved or {})})
        if entry.slug in slugs:
            raise EditionError(f"duplicate slug {entry.slug!r}", file=name, line=entry.line,
                               hint="every document needs its own slug")
        slugs.add(entry.slug)
        if seeds_dir is not None and not (seeds_dir / entry.source).exists():
            raise EditionError(f"seed file {entry.source!r} of document {entry.slug!r} does not exist",
                               file=name, line=item["__lines__"].get("source", entry.line),
                               hint=f"put the file in {seeds_dir}/ or correct `source:`")
        entries.append(entry)
    return entries


def _entry(item: dict, name: str, taken: Mapping[str, str]) -> CatalogueEntry:
    """Validate one catalogue entry: required fields, types and formats, each error at its own line."""
    item = dict(item)
    line = item.pop("__line__")
    lines = item.pop("__lines__")

    def fail(key: str, message: str, hint: str):
        return EditionError(message, file=name, line=lines.get(key, line), hint=hint)

    missing = [k for k in REQUIRED if k not in item or item[k] in (None, "", [])]
    if missing:
        raise EditionError(f"document entry lacks {', '.join(missing)}", file=name, line=line,
                           hint=f"add the fields; write `{UNKNOWN}` where a value is not known")
    known = set(CatalogueEntry.__dataclass_fields__) - {"line", "raw"}
    for key in item:
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.8)
        if key not in known and close:
            raise fail(key, f"unknown field {key!r}", f"did you mean `{close[0]}`?")
    fields = {}
    for key in ("slug", "source", "kind"):
        if not isinstance(item[key], str):
            raise fail(key, f"`{key}` must be text, not {_shown(item[key])}", f"write `{key}:` as one line of text")
    for key in TEXT_FIELDS:
        if key in item and item[key] is not None:
            fields[key] = _text(item[key], key, fail)
    slug = item["slug"]
    if not SLUG.fullmatch(slug):
        raise fail("slug", f"slug {slug!r} cannot name a folder of the site",
                   "use lowercase Latin letters, digits and hyphens (e.g. `egemen-2026-issue`)")
    if slug in taken:
        raise fail("slug", f"slug {slug!r} is the name of {taken[slug]}: the document's pages would "
                   "overwrite it or be hidden by it", "choose another slug (e.g. with the publication or year: "
                   f"`{slug}-2026`); taken by the edition itself: {', '.join(sorted(taken))}")
    source = PurePosixPath(item["source"])
    if source.is_absolute() or ".." in source.parts or "\\" in item["source"] or not source.parts:
        raise fail("source", f"source {item['source']!r} points outside the seeds folder",
                   "give the file name of the seed inside seeds/, e.g. `000_5e13b5b18f4be4fc.txt`")
    if item["kind"] not in KINDS:
        raise fail("kind", f"unknown kind {item['kind']!r}", f"use one of: {', '.join(KINDS)}")
    authors = item["authors"]
    if isinstance(authors, (str, int, float)) and not isinstance(authors, bool):
        authors = [authors]
    if not isinstance(authors, list) or not all(isinstance(a, (str, int, float)) and not isinstance(a, bool)
                                                 for a in authors):
        raise fail("authors", f"`authors` must be a list of names, not {_shown(item['authors'])}",
                   "write `authors: [Name One, Name Two]`, or `authors: [unknown]`")
    date = item["date"]
    if isinstance(date, (dt.date, dt.datetime)):
        date = date.isoformat()[:10]
    elif isinstance(date, int) and not isinstance(date, bool):
        date = str(date)
    if not isinstance(date, str) or not (date == UNKNOWN or DATE.fullmatch(date) and _valid_date(date)):
        raise fail("date", f"date {_shown(date)} is not a date", f"write YYYY-MM-DD, YYYY-MM, YYYY or `{UNKNOWN}`")
    overrides = item.get("overrides") or {}
    if not isinstance(overrides, dict):
        raise fail("overrides", f"`overrides` must be a mapping, not {_shown(overrides)}",
                   "indent `field: value` lines under `overrides:`")
    fields.update(slug=slug, source=item["source"], kind=item["kind"], authors=[str(a) for a in authors],
                  date=date, overrides=yamlfiles.without_lines(overrides), line=line, raw=yamlfiles.without_lines(item),
                  translations=_translations(item.get("translations"), fail))
    return CatalogueEntry(**fields)


def _translations(value, fail) -> dict[str, dict[str, str]]:
    """``translations:``, {language: {field: text}}: only the interface languages and translatable fields.

    >>> _translations({"ru": {"title": "Газета", "__line__": 3, "__lines__": {}}}, None)
    {'ru': {'title': 'Газета'}}
    """
    if value is None:
        return {}
    example = 'translations:\n      ru: {title: "…", short_title: "…", description: "…"}\n      en: {title: "…"}'
    if not isinstance(value, dict):
        raise fail("translations", f"`translations` must be a mapping of languages, not {_shown(value)}", example)
    result = {}
    for language, fields in yamlfiles.without_lines(value).items():
        if language not in INTERFACE_LANGUAGES:
            raise fail("translations", f"`translations` has an unknown language {language!r}",
                       f"the interface languages are {', '.join(INTERFACE_LANGUAGES)}: {example}")
        if not isinstance(fields, dict) or not fields:
            raise fail("translations", f"`translations.{language}` must be a mapping of fields, not {_shown(fields)}",
                       example)
        result[language] = {}
        for key, text in fields.items():
            if key not in TRANSLATED_FIELDS:
                raise fail("translations", f"`translations.{language}` has an unknown field {key!r}",
                           f"translate {', '.join(TRANSLATED_FIELDS)}")
            if isinstance(text, bool) or not isinstance(text, (str, int, float)) or not str(text).strip():
                raise fail("translations", f"`translations.{language}.{key}` must be text, not {_shown(text)}",
                           f'put the value in quotes: `{key}: "..."`')
            result[language][key] = " ".join(str(text).split())
    return result


def _text(value, key: str, fail) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float, dt.date)):
        raise fail(key, f"`{key}` must be text, not {_shown(value)}", f'put the value in quotes: `{key}: "..."`')
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _valid_date(value: str) -> bool:
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def _shown(value) -> str:
    kind = {bool: "yes/no", list: "a list", dict: "a mapping", type(None): "empty"}.get(type(value))
    return kind or repr(value)
