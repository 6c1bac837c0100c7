"""Per-document structure overrides from the catalogue (``overrides:`` of an entry in seeds/catalog.yml).

Rules find the structure of a document; editors correct what the rules miss, by seed line, without
touching code. Every override names the seed line where a paragraph starts:

```yaml
overrides:
  paragraph_starts: [19439]           # a new paragraph starts on this line
  furniture_lines: [4170]             # page furniture the rules keep (removed and logged)
  line_moves:                         # lines extracted out of reading order go before another line
    - {lines: 91-114, before: 51}
  pages:                              # a page (and navigation entry) starts here, with this title;
    - {line: 2, title: Автор туралы}  # optional: role (a CSS class and attrs["role"])
  headings:                           # the paragraph starting here is a heading
    - {line: 4070, level: 2}
  kinds:                              # force the kind of a paragraph (lead, byline, caption, quote...)
    - {line: 31, kind: lead}
```

A malformed override is an input error with the catalogue line and a hint, never a traceback.
"""
from __future__ import annotations

from typing import Any

from build_edition.core.errors import EditionError
from build_edition.core.model import KINDS, Document

KNOWN = ("paragraph_starts", "furniture_lines", "line_moves", "pages", "headings", "kinds", "not_headings", "articles")


def overrides_of(doc: Document) -> dict[str, Any]:
    entry = doc.meta.get("entry")
    raw = getattr(entry, "overrides", None) or {}
    if not isinstance(raw, dict):
        _fail(doc, "`overrides` must be a mapping", "write `overrides:` followed by indented keys")
    unknown = sorted(set(raw) - set(KNOWN))
    if unknown:
        _fail(doc, f"unknown override {unknown[0]!r}", f"use one of: {', '.join(KNOWN)}")
    return raw


def line_list(doc: Document, key: str) -> list[int]:
    """A list of seed line numbers (``paragraph_starts``, ``not_headings``)."""
    value = overrides_of(doc).get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, int) and v > 0 for v in value):
        _fail(doc, f"`overrides.{key}` must be a list of seed line numbers", f"e.g. `{key}: [120, 342]`")
    return value


def entries(doc: Document, key: str, required: tuple[str, ...] = ("line",)) -> list[dict]:
    """A list of mappings, each with a seed ``line`` (``pages``, ``headings``, ``kinds``, ``articles``)."""
    value = overrides_of(doc).get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        _fail(doc, f"`overrides.{key}` must be a list of mappings", f"e.g. `{key}: [{{line: 120}}]`")
    for item in value:
        missing = [k for k in required if k not in item]
        if missing:
            _fail(doc, f"an entry of `overrides.{key}` lacks {', '.join(missing)}", f"add {missing[0]}: ...")
        if "line" in item and (not isinstance(item["line"], int) or item["line"] <= 0):
            _fail(doc, f"`overrides.{key}`: line must be a seed line number", "use the 1-based line of the seed")
        if "kind" in item and item["kind"] not in KINDS:
            _fail(doc, f"`overrides.{key}`: unknown kind {item['kind']!r}", f"use one of: {', '.join(sorted(KINDS))}")
    return value


def fail(doc: Document, what: str, hint: str) -> None:
    """Raise the input error for a wrong override of ``doc``."""
    _fail(doc, what, hint)


def _fail(doc: Document, what: str, hint: str) -> None:
    entry = doc.meta.get("entry")
    raise EditionError(what, file="seeds/catalog.yml", line=getattr(entry, "line", None) or None,
                       hint=f"{hint} (document {doc.slug!r})")
