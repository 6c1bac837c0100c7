"""YAML read one way: the catalogue, the editors' data files and the front matter of content/ pages.

Every YAML text a user can edit goes through :func:`load`: PyYAML's safe loader, and no aliases
(``*name``): none of these files needs them, and nested aliases can make a tiny file expand into
billions of values. (The pure-Python loader, not libyaml's: its messages name the offending
character, and deep nesting ends in a RecursionError the callers report; the data files are read
once per process, so its speed does not matter.) With ``lines=True`` every
mapping also carries the line it starts on (``__line__``) and the line of each key
(``__lines__``), so that a mistake found later can still be reported as ``file:line``; its keys
must be text and appear once.

>>> data = load("documents:\\n  - slug: a\\n    title: Ана тілі\\n", lines=True)
>>> data["documents"][0]["__line__"], data["documents"][0]["__lines__"]
(2, {'slug': 2, 'title': 3})
>>> load("a: &x [1]\\nb: *x\\n")
Traceback (most recent call last):
...
build_edition.store.yamlfiles.AliasError: aliases (*name) are not allowed
  in "<unicode string>", line 2, column 4:
    b: *x
       ^
>>> load("a: 1\\na: 2\\n", lines=True)
Traceback (most recent call last):
...
yaml.constructor.ConstructorError: field 'a' appears twice in one entry
  in "<unicode string>", line 2, column 1:
    a: 2
    ^
"""
from __future__ import annotations

import yaml

LINE_KEYS = ("__line__", "__lines__")


class AliasError(yaml.MarkedYAMLError):
    """The text uses a YAML alias (``*name``); ``problem_mark`` is where."""


class PlainLoader(yaml.SafeLoader):
    """The safe loader refusing aliases: plain Python values."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise AliasError(None, None, "aliases (*name) are not allowed", self.peek_event().start_mark)
        return super().compose_node(parent, index)


class LineLoader(PlainLoader):
    """The safe loader refusing aliases, whose mappings carry ``__line__`` and ``__lines__`` (1-based)."""


def _mapping_with_lines(loader: LineLoader, node: yaml.MappingNode) -> dict:
    lines, mapping = {}, {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise yaml.constructor.ConstructorError(None, None, f"field names must be text, not {key!r}",
                                                    key_node.start_mark)
        if key in mapping:
            raise yaml.constructor.ConstructorError(None, None, f"field {key!r} appears twice in one entry",
                                                    key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        lines[key] = key_node.start_mark.line + 1
    mapping["__line__"] = node.start_mark.line + 1
    mapping["__lines__"] = lines
    return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_lines)


def load(text: str, lines: bool = False, loader: type | None = None):
    """The value of a YAML text; ``yaml.YAMLError`` (:class:`AliasError` for an alias) when it cannot
    be read. ``loader`` may be a subclass of :class:`LineLoader` or :class:`PlainLoader` with
    constructors of its own."""
    return yaml.load(text, Loader=loader or (LineLoader if lines else PlainLoader))


class NoAliasDumper(yaml.SafeDumper):
    """Writes YAML that :func:`load` accepts: values shared by several entries (a list of authors)
    are written out in full, never as an anchor and aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


def without_lines(value):
    """``value`` with the ``__line__``/``__lines__`` keys :func:`load` added taken out again."""
    if isinstance(value, dict):
        return {k: without_lines(v) for k, v in value.items() if k not in LINE_KEYS}
    if isinstance(value, list):
        return [without_lines(v) for v in value]
    return value
