"""Presentation a reader sees in the text, written into the Markdown of a page (issue 18).

Three things the site's theme hook once did to the HTML of every page, done here to the Markdown so
that any renderer of content/ (plain Material, its successor Zensical, which runs no MkDocs hooks)
shows them:

- headings are renumbered so that none skips a level below the page's h1 (an HTML outline
  requirement): :func:`close_heading_gaps`;
- a heading printed in capitals gets the class ``all-caps`` in its attr_list (styled with
  letter-spacing; the letters themselves are never changed): :func:`mark_all_caps_headings`;
- a bracketed citation marker such as ``[12]`` or ``[5, 34 б.]`` is wrapped in
  ``<span class="citation">``: :func:`mark_citations`.

:func:`finish` does all three to a page and is idempotent: the class is added to a heading in
capitals and taken from one that is not, a marker is wrapped once, a renumbered outline stays as it
is. The pipeline finishes every page it writes, and the merge of editors' corrections finishes
every side of it (:func:`build_edition.store.page_format.finish_pages`), so what an editor types (a
heading, a citation) is finished by the next build like the pipeline's own text, and this markup
is never taken for an editor's correction.

Headings are ATX headings (``## Title``), also inside a list item or a quotation (the home page's
cards); an attr_list is read and written in the ``{: … }`` form the pipeline writes.
"""
from __future__ import annotations

import re

from build_edition.text.markdown import plain_text

# An ATX heading line: Python-Markdown reads "#" to "######" at the start of a line as a heading
# (after a list marker or quotation marker, inside that block), with or without a space after them.
_HEADING = re.compile(r"^(?P<lead>(?:[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+|>[ \t]?))*[ \t]{0,3})"
                      r"(?P<marks>#{1,6})(?!#)(?P<text>.*)$")
_ATTR_END = re.compile(r"(?<!\\)\{:(?P<inner>[^{}\n]*)\}[ \t]*$")
_TAG = re.compile(r"<[^<>\n]*>")
CLASS = ".all-caps"           # the attr_list token

# A citation marker: a bracketed number, list or range of numbers, maybe with a page ("[5, 34 б.]").
# In the Markdown its brackets are escaped (the writer escapes every "[" of the text), or not (an
# editor's, a raw-HTML block's); an unescaped one is no link, image, footnote or reference.
_NUMBERS = r"\d{1,4}(?:[^\S\n]*[,;–-][^\S\n]*\d{1,4})*(?:,[^\S\n]*(?:\d{1,4}(?:[^\S\n]*[–-][^\S\n]*\d{1,4})?[^\S\n]*)?б\.?)?"
_CITATION = re.compile(r"(?<![\\!^])(?:\\\[" + _NUMBERS + r"\\\]|\[" + _NUMBERS + r"\](?![(\[:]))")
SPAN_OPEN = '<span class="citation">'
_WRAPPED = re.compile(re.escape(SPAN_OPEN) + r"(" + _CITATION.pattern + r")</span>")
# what is not text on a line: HTML tags, code spans, the attr_list that ends it
_NOT_TEXT = re.compile(r"<[^<>\n]*>|(?<!\\)(`+).*?(?<!`)\1(?!`)|(?<!\\)\{:[^{}\n]*\}[ \t]*$")


def is_all_caps(text: str) -> bool:
    """True when a heading is printed in capitals (at least four letters, none lowercase).

    >>> is_all_caps("ТЫНЫШТЫҚ КҮЗЕТШІСІ"), is_all_caps("I-тарау. Саяси ой"), is_all_caps("ҚХА")
    (True, False, False)
    """
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and not any(c.islower() for c in letters)


def heading_text(line: str) -> str:
    """What a reader sees of a heading line: no marks, attr_list, tags, escapes or entities.

    >>> heading_text('## «ДӘРІГЕР TALKS» \\\\[12\\\\] <a class="page-milestone" href="#page-3">&#91;3&#93;</a> {: #p7 }')
    '«ДӘРІГЕР TALKS» [12] [3]'
    """
    m = _HEADING.match(line)
    text = m.group("text") if m else line
    return plain_text(_TAG.sub("", _ATTR_END.sub("", text)))


def with_class(line: str, present: bool) -> str:
    """``line`` with the class ``all-caps`` in its attr_list (``present``) or not; an attr_list that
    has nothing else left goes, one the line lacks is added. The class follows the id and classes.

    >>> with_class('## МӘҢГІ СӨЗ {: #p7 data-lines="7-7" }', True)
    '## МӘҢГІ СӨЗ {: #p7 .all-caps data-lines="7-7" }'
    >>> with_class('# AMANAT', True), with_class('# Amanat {: .all-caps }', False)
    ('# AMANAT {: .all-caps }', '# Amanat')
    >>> with_class('## ДАМУ {: #p2 .lead .all-caps lang="ru" }', True)
    '## ДАМУ {: #p2 .lead .all-caps lang="ru" }'
    """
    m = _ATTR_END.search(line)
    tokens = re.findall(r'[^\s"=]+="[^"]*"|\S+', m.group("inner")) if m else []
    if CLASS in tokens:
        if present:
            return line
        tokens.remove(CLASS)
    elif not present:
        return line
    else:
        at = max((i + 1 for i, t in enumerate(tokens) if t[0] in "#."), default=0)
        tokens.insert(at, CLASS)
    head = line[:m.start()].rstrip(" \t") if m else line.rstrip(" \t")
    return head + (" {: " + " ".join(tokens) + " }" if tokens else "")


def mark_all_caps_headings(lines: list[str]) -> list[str]:
    """Every heading line with the class ``all-caps`` exactly when it is printed in capitals.

    >>> mark_all_caps_headings(["## ДАМУ {: #p3 }", "## Даму {: #p4 .all-caps }", "ДАМУ"])
    ['## ДАМУ {: #p3 .all-caps }', '## Даму {: #p4 }', 'ДАМУ']
    """
    return [with_class(line, is_all_caps(heading_text(line))) if _HEADING.match(line) else line
            for line in lines]


def close_heading_gaps(lines: list[str]) -> list[str]:
    """Renumber headings so none skips a level below the page's h1, keeping their relative nesting:
    a page cut out of a book at a level-4 section starts at h2.

    >>> close_heading_gaps(["# К", "#### A {: #a }", "##### B", "#### C", "### D", "-   #### E"])
    ['# К', '## A {: #a }', '### B', '## C', '## D', '-   ### E']
    >>> close_heading_gaps(["## A", "### B"])
    ['## A', '### B']
    """
    stack = [(1, 1)]   # (level in the Markdown, level in the page); the page's h1 is the base
    out = []
    for line in lines:
        m = _HEADING.match(line)
        if m is None:
            out.append(line)
            continue
        level = len(m.group("marks"))
        if level == 1:
            del stack[1:]
            new = 1
        else:
            while len(stack) > 1 and stack[-1][0] >= level:
                stack.pop()
            new = stack[-1][1] + 1
            stack.append((level, new))
        out.append(line if new == level else m.group("lead") + "#" * new + m.group("text"))
    return out


def mark_citations(line: str) -> str:
    """Wrap the citation markers of a line's text in ``<span class="citation">`` (never inside tags,
    code or its attr_list; never twice).

    >>> mark_citations('шақырды \\\\[12\\\\]. Қараңыз \\\\[5, 34 б.\\\\] және \\\\[1–3\\\\] {: #p3 data-x="[4]" }')
    'шақырды <span class="citation">\\\\[12\\\\]</span>. Қараңыз <span class="citation">\\\\[5, 34 б.\\\\]</span> және <span class="citation">\\\\[1–3\\\\]</span> {: #p3 data-x="[4]" }'
    >>> mark_citations(_) == _
    True
    >>> mark_citations('<dd>[7]</dd> [8](a.md) ![9](b.png) [^10] \\\\[a\\\\] \\\\[2025 жыл\\\\] `[11]` <a title="[12]">')
    '<dd><span class="citation">[7]</span></dd> [8](a.md) ![9](b.png) [^10] \\\\[a\\\\] \\\\[2025 жыл\\\\] `[11]` <a title="[12]">'
    """
    if "[" not in line:
        return line
    if SPAN_OPEN in line:
        line = _WRAPPED.sub(r"\1", line)
    out, at = [], 0
    for m in _NOT_TEXT.finditer(line):
        out += [_CITATION.sub(_wrap, line[at:m.start()]), m.group(0)]
        at = m.end()
    out.append(_CITATION.sub(_wrap, line[at:]))
    return "".join(out)


def _wrap(m: re.Match) -> str:
    return f"{SPAN_OPEN}{m.group(0)}</span>"


def finish(page: str) -> str:
    """A Markdown page (front matter and all) with its headings renumbered and classed and its
    citation markers wrapped; ``finish(finish(p)) == finish(p)``.

    >>> print(finish('---\\ntitle: "[1]"\\n---\\n\\n# ТАҚЫРЫП\\n\\n#### Бөлім {: #p2 }\\n\\nМәтін \\\\[1\\\\].\\n{: #p3 }\\n'))
    ---
    title: "[1]"
    ---
    <BLANKLINE>
    # ТАҚЫРЫП {: .all-caps }
    <BLANKLINE>
    ## Бөлім {: #p2 }
    <BLANKLINE>
    Мәтін <span class="citation">\\[1\\]</span>.
    {: #p3 }
    <BLANKLINE>
    """
    front = ""
    if page.startswith("---\n"):
        end = page.find("\n---\n", 3)
        if end >= 0:
            front, page = page[:end + 5], page[end + 5:]
    lines = mark_all_caps_headings(close_heading_gaps(page.split("\n")))
    return front + "\n".join(map(mark_citations, lines))


def without_presentation(markdown: str) -> str:
    """``markdown`` without the citation spans and ``all-caps`` classes :func:`finish` writes (for what
    is not a web page: the TEI and EPUB downloads mark neither).

    >>> without_presentation('# AMANAT {: .all-caps }\\n\\n## ДАМУ {: #p2 .all-caps }\\n\\nМәтін <span class="citation">\\\\[1\\\\]</span>')
    '# AMANAT\\n\\n## ДАМУ {: #p2 }\\n\\nМәтін \\\\[1\\\\]'
    """
    if SPAN_OPEN in markdown:
        markdown = _WRAPPED.sub(r"\1", markdown)
    if CLASS not in markdown:
        return markdown
    return "\n".join(with_class(line, False) if CLASS in line and _HEADING.match(line) else line
                     for line in markdown.split("\n"))
