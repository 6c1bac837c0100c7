"""A Python-Markdown extension that finds the end of a link's text by scanning to its closing bracket.

Python-Markdown 3.11 finds the ``]`` of a link (``LinkInlineProcessor.getText``) from a table of the
closing bracket of every position of the text being parsed, made again whenever that text changes,
and it changes after every link found (the link becomes a placeholder). A paragraph of a few hundred
links (a glossary entry's occurrences, a name's page in the index of names) is therefore scanned
once per link: 1.4 s of every build on the seeds went there (upstream: Python-Markdown issues
#798 and #1619). Here each link's text is scanned from its ``[`` to its ``]``, bracket by bracket
(a regular expression finds the next one); a text still open after ``LIMIT`` characters falls back
to the library's table, so unclosed brackets stay linear as upstream intends. Same result as the
library's method (``tests/test_bracket_scan.py``); the HTML does not change, only the time.

The extension changes no output, so a renderer without it (a plain Material or Zensical build of
content/) gives the same pages. ``theme_hook`` adds it to the site's Markdown.
"""
from __future__ import annotations

import re
from types import MethodType

from markdown import Extension
from markdown.inlinepatterns import LinkInlineProcessor

_BRACKET = re.compile(r"[\[\]]")
LIMIT = 4096        # characters scanned before the library's table is cheaper


def get_text(processor: LinkInlineProcessor, data: str, index: int) -> tuple[str, int, bool]:
    """The link text that starts at ``index`` (just after its ``[``), the index after its ``]``, and
    whether it closes: ``LinkInlineProcessor.getText``'s answer.

    >>> p = LinkInlineProcessor(r"\\[", None)
    >>> get_text(p, "[a [b] c](x) d", 1), get_text(p, "[a [b", 1), get_text(p, "[]", 1)
    (('a [b] c', 9, True), ('a [b', 5, False), ('', 2, True))
    """
    depth, position = 1, index
    while True:
        found = _BRACKET.search(data, position)
        if found is None or found.start() - index > LIMIT:
            break
        position = found.end()
        depth += 1 if found.group() == "[" else -1
        if depth == 0:
            return data[index:position - 1], position, True
    if found is None and len(data) - index <= LIMIT:
        return data[index:], len(data), False
    return LinkInlineProcessor.getText(processor, data, index)


class BracketScanExtension(Extension):
    """Every link, image and reference pattern of the Markdown instance uses :func:`get_text`."""

    def extendMarkdown(self, md):
        for processor in md.inlinePatterns:
            if isinstance(processor, LinkInlineProcessor):
                processor.getText = MethodType(get_text, processor)


def makeExtension(**kwargs):        # noqa: N802 (the name Python-Markdown looks for)
    return BracketScanExtension(**kwargs)
