"""The browser's transliteration scripts, written into content/ with their tables (issue 18).

Each table has one definition: Cyrillic → Latin ``build_edition/data/translit/kk-latin.json``, read
by ``build_edition/text/translit.py``, and Cyrillic → töte ``kk-arab.json``, read by
``build_edition/text/tote.py``. The scripts' sources beside them, ``kk-translit.js`` and
``kk-tote.js``, hold placeholders instead of copies, ``{/* kk-latin.json: <sections> */}`` and
``{/* kk-arab.json: <sections> */}``; the writer replaces each with a JavaScript object literal made
of those sections of the data file, in the file's order, nine pairs a line (the way the table was
laid out by hand), and writes the scripts to ``content/assets/javascripts/``, where the site takes
its assets whatever renders it (a theme's own folder is the theme's). ``build-edition lint`` and
tests/test_translit.py check that the scripts in content/ are what the data files give:

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

from build_edition.core.errors import EditionError
from build_edition.text import tote, translit

# the script in content/ (and so in the site) → (its source with placeholders, the data file it is filled from)
SCRIPTS = {
    "assets/javascripts/kk-translit.js": (translit.TABLE_PATH.parent / "kk-translit.js", translit.TABLE_PATH),
    "assets/javascripts/kk-tote.js": (tote.TABLE_PATH.parent / "kk-tote.js", tote.TABLE_PATH),
}
TABLES = {translit.TABLE_PATH: translit.TABLE, tote.TABLE_PATH: tote.TABLE}
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


def fill_placeholders(script: str, table: dict = translit.TABLE, table_path: Path = translit.TABLE_PATH) -> str:
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


def script_files() -> dict[str, str]:
    """{path in content/: text} of the transliteration scripts, their tables filled in.

    >>> files = script_files()
    >>> sorted(files), '"ә": "ä"' in files["assets/javascripts/kk-translit.js"]
    (['assets/javascripts/kk-tote.js', 'assets/javascripts/kk-translit.js'], True)
    """
    files = {}
    for rel, (source, data) in SCRIPTS.items():
        try:
            files[rel] = fill_placeholders(source.read_text(encoding="utf-8"), TABLES[data], data)
        except EditionError as exc:
            exc.file = exc.file or str(source)
            raise
    return files
