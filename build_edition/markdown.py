"""Markdown output that renders exactly the text it is given: no seed text can become markup.

Every character that Markdown or the enabled extensions could read as syntax is escaped
(``pymdownx.escapeall`` makes any backslash escape valid); ``&``, ``<`` and ``>`` become
entities so no HTML or entity can pass through.
"""
from __future__ import annotations

import re

# Inline syntax anywhere in a line: emphasis, code, links, footnotes, attribute lists, abbreviations,
# mark/caret/tilde, tables, HTML, entities, critic markup.
_INLINE = re.compile(r"[\\`*_{}\[\]|~^=#]")
# Block syntax that only counts at the start of a line: lists ("-", "1.", "1)"), rules, headings...
_LINE_START = re.compile(r"^(\s*)(\d+)([.)])|^(\s*)([-+.>:])")

ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def escape(text: str) -> str:
    """Escape text for a Markdown paragraph (one line).

    >>> escape("1. *Бұл* <b>сөз</b> & [x](javascript:y)")
    '1\\\\. \\\\*Бұл\\\\* &lt;b&gt;сөз&lt;/b&gt; &amp; \\\\[x\\\\](javascript:y)'
    >>> escape("- тізім")
    '\\\\- тізім'
    """
    text = text.replace("\n", " ").replace("\r", " ")
    text = _INLINE.sub(lambda m: "\\" + m.group(0), text)
    text = re.sub(r'[&<>"]', lambda m: ENTITIES[m.group(0)], text)
    m = _LINE_START.match(text)
    if m:
        if m.group(2):
            text = m.group(1) + m.group(2) + "\\" + text[m.end(2):]
        else:
            text = m.group(4) + "\\" + text[m.end(4):]
    # A leading space or tab run of 4+ would start a code block.
    return text.lstrip(" \t")


def attr_list(block_id: str, classes: list[str] | None = None, lang: str | None = None,
              extra: dict[str, str] | None = None) -> str:
    """An attr_list suffix; values are restricted to safe characters."""
    parts = []
    if block_id:
        parts.append("#" + _safe_token(block_id))
    parts += ["." + _safe_token(c) for c in classes or []]
    if lang:
        parts.append(f'lang="{_safe_token(lang)}"')
    for key, value in (extra or {}).items():
        parts.append(f'{_safe_token(key)}="{_safe_token(value)}"')
    return "{: " + " ".join(parts) + " }" if parts else ""


def _safe_token(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.:-]", "-", str(value))
