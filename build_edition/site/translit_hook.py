"""MkDocs hook: write the transliteration tables into the browser's transliteration scripts.

Each table has one definition: Cyrillic → Latin ``build_edition/data/translit/kk-latin.json``, read
by ``build_edition/text/translit.py``, and Cyrillic → töte ``kk-arab.json``, read by
``build_edition/text/tote.py``. ``overrides/assets/javascripts/kk-translit.js`` and ``kk-tote.js``
hold placeholders instead of copies, ``{/* kk-latin.json: <sections> */}`` and
``{/* kk-arab.json: <sections> */}``; after the site is built this hook replaces each with a
JavaScript object literal made of those sections of the data file, in the file's order, nine pairs
a line (the way the table was laid out by hand):

>>> print(fill_placeholders('var T = {/* kk-latin.json: latin_upper */};', {"latin_upper": {"ı": "I", "i": "İ"}}))
var T = { "ı": "I", "i": "İ" };
>>> fill_placeholders('var T = {};', {})
Traceback (most recent call last):
...
build_edition.core.errors.EditionError: no {/* kk-latin.json: ... */} placeholder to fill
  how to fix: the script holds the table as a placeholder, never as a copy
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from build_edition.core.errors import EditionError
from build_edition.text import tote
from build_edition.text.translit import TABLE, TABLE_PATH

SCRIPT = Path("assets") / "javascripts" / "kk-translit.js"
TOTE_SCRIPT = Path("assets") / "javascripts" / "kk-tote.js"
# (script in the built site, data file): every script whose tables are written in after the build
SCRIPTS = ((SCRIPT, TABLE_PATH), (TOTE_SCRIPT, tote.TABLE_PATH))
PAIRS_PER_LINE = 9
INLINE_MAX = 4      # an object this small stays on one line


def _pair(key: str, value: str) -> str:
    return f"{json.dumps(key, ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False)}"


def object_literal(sections: list[dict[str, str]], indent: str) -> str:
    """The sections as one JavaScript object: each section starts a line, nine pairs a line."""
    if sum(map(len, sections)) <= INLINE_MAX:
        return "{ " + ", ".join(_pair(k, v) for section in sections for k, v in section.items()) + " }"
    lines = []
    for section in sections:
        pairs = [_pair(k, v) for k, v in section.items()]
        lines += [", ".join(pairs[i:i + PAIRS_PER_LINE]) for i in range(0, len(pairs), PAIRS_PER_LINE)]
    return "{\n" + ",\n".join(indent + "  " + line for line in lines) + "\n" + indent + "}"


def fill_placeholders(script: str, table: dict = TABLE, table_path: Path = TABLE_PATH) -> str:
    """``script`` with every ``{/* kk-latin.json: a, b */}`` replaced by sections a and b of ``table``
    (the placeholder names the data file: ``kk-arab.json`` for the töte table).

    >>> filled = fill_placeholders('var H = {/* kk-arab.json: harmony */};', tote.TABLE, tote.TABLE_PATH)
    >>> filled.startswith('var H = { "hamza": "ء", "front_vowels": '), filled.endswith('" };')
    (True, True)
    """
    source = table_path.name
    placeholder = re.compile(r"\{/\* " + re.escape(source) + r": ([\w, ]+) \*/\}")

    def fill(match: re.Match[str]) -> str:
        names = [name.strip() for name in match.group(1).split(",")]
        missing = [name for name in names if name not in table]
        if missing:
            raise EditionError(f"no section {', '.join(missing)} in {source}", file=str(table_path),
                               hint="add the section to the data file or correct the placeholder's name")
        line_start = script.rfind("\n", 0, match.start()) + 1
        indent = re.match(r"[ \t]*", script[line_start:]).group(0)
        return object_literal([table[name] for name in names], indent)

    filled, count = placeholder.subn(fill, script)
    if not count:
        raise EditionError(f"no {{/* {source}: ... */}} placeholder to fill",
                           hint="the script holds the table as a placeholder, never as a copy")
    return filled


@event_priority(-150)   # after mkdocs-static-i18n (-100) has built the other interface languages
def on_post_build(config, **kwargs):
    if getattr(config.plugins.get("i18n"), "building", False):
        return          # one language of several: the default build's last call fills the finished site
    # from the theme's own copy (overrides/ first), so that a --dirty rebuild that did not copy the
    # script again still gets the table
    tables = {TABLE_PATH: TABLE, tote.TABLE_PATH: tote.TABLE}
    for script_path, table_path in SCRIPTS:
        source = next((Path(folder) / script_path for folder in config["theme"].dirs
                       if (Path(folder) / script_path).is_file()), None)
        if source is None:
            raise PluginError(f"{script_path.as_posix()} is in none of the theme folders (overrides/assets/javascripts/)")
        try:
            script = fill_placeholders(source.read_text(encoding="utf-8"), tables[table_path], table_path)
        except EditionError as exc:
            raise PluginError(f"{source}: {exc}") from exc
        target = Path(config["site_dir"]) / script_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(script, encoding="utf-8")
