"""The catalogue (seeds/catalog.yml): curated metadata for every document of the edition."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import EditionError

KINDS = ("newspaper", "interview", "book", "article", "web page")
REQUIRED = ("slug", "source", "title", "authors", "publication", "date", "kind", "language")
UNKNOWN = "unknown"


@dataclass
class Entry:
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
    line: int = 0        # line of the entry in catalog.yml, for messages
    raw: dict = field(default_factory=dict)

    @property
    def date_value(self) -> dt.date | None:
        """The date as a datetime.date when it is exact to the day."""
        try:
            return dt.date.fromisoformat(self.date)
        except ValueError:
            return None


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of every mapping, so errors can point at it."""


def _construct_mapping(loader, node):
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_catalog(path: Path, seeds_dir: Path | None = None) -> list[Entry]:
    """Read and validate the catalogue; raise EditionError naming the file and line of any problem."""
    name = str(path)
    if not path.exists():
        raise EditionError("catalogue not found", file=name,
                           hint="create seeds/catalog.yml with a `documents:` list (see README)")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except UnicodeDecodeError as exc:
        raise EditionError(f"the catalogue is not UTF-8 text ({exc.reason})", file=name,
                           hint="save catalog.yml as UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise EditionError(f"invalid YAML: {problem}", file=name, line=mark.line + 1 if mark else None,
                           hint="check indentation and quoting on that line (values with ':' need quotes)") from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise EditionError("the catalogue must be a mapping with a `documents:` list", file=name, line=1,
                           hint="start the file with `documents:` followed by one `- slug: ...` entry per seed")
    entries, slugs = [], set()
    for item in data["documents"]:
        if not isinstance(item, dict):
            raise EditionError("each document must be a mapping of fields", file=name,
                               hint="write each entry as `- slug: ...` with the fields indented below")
        line = item.pop("__line__", None)
        missing = [k for k in REQUIRED if k not in item or item[k] in (None, "")]
        if missing:
            raise EditionError(f"document entry lacks {', '.join(missing)}", file=name, line=line,
                               hint=f"add the fields; write `{UNKNOWN}` where a value is not known")
        if item["kind"] not in KINDS:
            raise EditionError(f"unknown kind {item['kind']!r}", file=name, line=line,
                               hint=f"use one of: {', '.join(KINDS)}")
        if item["slug"] in slugs:
            raise EditionError(f"duplicate slug {item['slug']!r}", file=name, line=line,
                               hint="every document needs its own slug")
        slugs.add(item["slug"])
        authors = item["authors"]
        if isinstance(authors, str):
            authors = [authors]
        date = item["date"]
        if isinstance(date, (dt.date, dt.datetime)):
            date = date.isoformat()[:10]
        fields = {k: v for k, v in item.items() if k in Entry.__dataclass_fields__}
        fields.update(authors=[str(a) for a in authors], date=str(date), line=line or 0, raw=dict(item))
        fields = {k: (_strip_lines(v) if k == "overrides" else v) for k, v in fields.items()}
        entry = Entry(**fields)
        if seeds_dir is not None and not (seeds_dir / entry.source).is_file():
            raise EditionError(f"seed file {entry.source!r} of document {entry.slug!r} does not exist",
                               file=name, line=line,
                               hint=f"put the file in {seeds_dir}/ or correct `source:`")
        entries.append(entry)
    return entries


def _strip_lines(value):
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value
