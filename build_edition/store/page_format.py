"""The page format of content/: a Markdown page as front matter plus chunks keyed by segment id.

Every page of the edition is plain Markdown; a chunk is a paragraph (or heading, list item, footnote
definition...) whose last line may end with an attr_list carrying its segment id (``{: #p123 }``).
The line before it may be the segment's permalink, an empty link (``<a class="headerlink segment-link"
href="#p123" …></a>``, :func:`build_edition.text.markdown.permalink`): the ¶ a reader clicks to cite
the paragraph, drawn by CSS, so it has no text to copy or index. A chunk's
``body`` is its text without both, so a corrected word never touches them and a deleted permalink
is no change of the text. Nor is the print-page milestone that may open the text (``<a
class="page-milestone" id="page-69" …>[69]</a>``, :func:`build_edition.text.markdown.milestone`):
``body`` leaves it out and :func:`with_milestone` puts it back.
``parse_page(text).render() == text`` always, so the merge (:mod:`build_edition.editorial.merge`),
the glossary, the translations and the linter all read pages the same way without changing a byte.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from build_edition.core.errors import EditionError
from build_edition.store import yamlfiles
from build_edition.text.markdown import MILESTONE, PERMALINK
from build_edition.text.presentation import finish

CHANGES_PAGE = "changes.md"       # generated changelog of editorial corrections
STORE = ".edition"                 # managed folder inside content/
BASE = f"{STORE}/base"             # mirror of the last generated files
README = f"{STORE}/README.md"
CORRECTIONS = f"{STORE}/corrections.jsonl"
INCLUDES = "_includes/"            # snippets appended to pages (the abbreviation definitions), no page

# An attr_list at the end of a chunk's last line (a backslash before "{" means literal text).
ATTR_AT_END = re.compile(r"(?<!\\)\{:([^{}\n]*)\}[ \t]*$")
ID_TOKEN = re.compile(r"(?:^|\s)#([A-Za-z][\w.:-]*)")
FOOTNOTE_DEFINITION = re.compile(r"^\[\^([A-Za-z][\w.:-]*)\]:")
TITLE = "@title"
FRONT = "@front"

# -- pages as chunks -----------------------------------------------------------------------------

@dataclass
class Chunk:
    raw: str          # the chunk's lines, without the line end of its last line
    sep: str          # exact text between the previous chunk (or the front matter) and this one
    key: str          # segment id, TITLE, or "" for a chunk without id
    line: int         # 1-based line of the chunk's first line in its file

    def _parts(self) -> tuple[int, int]:
        """Where the permalink line and where the trailing attr_list start (both len(raw) when absent)."""
        m = _attr_at_end(self.raw)
        if not m:
            return len(self.raw), len(self.raw)
        link = permalink_start(self.raw, m.start())
        return (m.start() if link is None else link), m.start()

    def _milestone(self) -> re.Match | None:
        if "page-milestone" not in self.raw:
            return None
        return MILESTONE.search(self.raw, 0, self._parts()[0])

    @property
    def body(self) -> str:
        """The chunk without its trailing attr_list, the permalink line before it and its print-page
        milestone (``[69]``)."""
        end = self._parts()[0]
        m = self._milestone()
        return self.raw[:end] if m is None else self.raw[:m.start()] + self.raw[m.end():end]

    @property
    def milestone(self) -> str:
        """The chunk's print-page milestone with the space after it, or ""."""
        m = self._milestone()
        return m.group(0) if m else ""

    @property
    def permalink(self) -> str:
        """The permalink line up to the attr_list (with its line end and the next line's indent), or ""."""
        link, attrs = self._parts()
        return self.raw[link:attrs]

    @property
    def attrs(self) -> str:
        m = _attr_at_end(self.raw)
        return m.group(0) if m else ""

    @property
    def last_line(self) -> int:
        return self.line + self.raw.count("\n")


@dataclass
class ContentPage:
    front: str                       # raw front matter with its delimiters and final line end, or ""
    chunks: list[Chunk] = field(default_factory=list)
    tail: str = ""                   # text after the last chunk

    def render(self) -> str:
        return self.front + "".join(c.sep + c.raw for c in self.chunks) + self.tail

    def keyed(self) -> dict[str, Chunk]:
        return {c.key: c for c in self.chunks if c.key and c.key != TITLE}

    @property
    def title(self) -> Chunk | None:
        return next((c for c in self.chunks if c.key == TITLE), None)

    def front_data(self, name: str = "") -> dict:
        if not self.front:
            return {}
        try:
            data = front_matter_data(self.front) or {}
        except yaml.YAMLError as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
            raise EditionError("the front matter (the block between the '---' lines) is not valid YAML",
                               file=name, line=line,
                               hint="compare it with another page of the same document and fix the quoting") from None
        if not isinstance(data, dict):
            raise EditionError("the front matter must be a list of 'key: value' lines", file=name, line=1)
        return data


def split_front(text: str) -> str:
    """The front matter at the start of a page: from its ``---`` line to the next ``---`` line and the
    line end after it, or "" when the page has none.

    >>> split_front("---\\ntitle: Ана тілі\\n---\\n\\n# Ана тілі\\n"), split_front("# Ана тілі\\n---\\n")
    ('---\\ntitle: Ана тілі\\n---\\n', '')
    """
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if end >= 0:
            return text[:end + 5]
    return ""


def front_matter_data(front: str):
    """The YAML value of a front matter as :func:`split_front` gives it (None for ""), read by the one
    loader (:mod:`build_edition.store.yamlfiles`, aliases refused); ``yaml.YAMLError`` when it is not
    YAML, its marks counting lines as the page does.

    >>> front_matter_data("---\\ntitle: Ана тілі\\nlang: kk\\n---\\n")
    {'title': 'Ана тілі', 'lang': 'kk'}
    >>> try:
    ...     front_matter_data("---\\ntitle: Ана тілі\\nauthors: [\\n---\\n")
    ... except yaml.YAMLError as exc:
    ...     print("line", exc.problem_mark.line + 1)
    line 4
    """
    return yamlfiles.load(front[3:-4]) if front else None


def _attr_at_end(text: str) -> re.Match | None:
    """ATTR_AT_END matched only where it can start (the last unescaped "{:"): fast on long paragraphs."""
    stripped = text.rstrip(" \t")
    if not stripped.endswith("}"):
        return None
    start = stripped.rfind("{:")
    while start > 0 and text[start - 1] == "\\":
        start = stripped.rfind("{:", 0, start)
    return ATTR_AT_END.match(text, start) if start >= 0 else None


_TEXT_START = re.compile(r"[ \t]*(?:(?:[-*+]|\d+[.)]|>)[ \t]+)*")


def with_milestone(body: str, mark: str) -> str:
    """``body`` (a chunk's body) with print-page milestone ``mark`` opening its text again (after a
    list or quote marker); the inverse of :attr:`Chunk.body` for a chunk whose text it opened.

    >>> with_milestone("- Мәтін", '<a class="page-milestone" id="page-9" href="#page-9">&#91;9&#93;</a> ')
    '- <a class="page-milestone" id="page-9" href="#page-9">&#91;9&#93;</a> Мәтін'
    >>> with_milestone("Мәтін", "")
    'Мәтін'
    """
    if not mark:
        return body
    at = _TEXT_START.match(body).end()
    return body[:at] + mark + body[at:]


def permalink_start(raw: str, end: int) -> int | None:
    """Where the permalink line before ``raw[end:]`` (a chunk's attr_list) starts, or None.

    The permalink stands alone on the line before the attr_list, after the indent or quote marker
    that line has (``  `` in a list item, ``> `` in a quotation).

    >>> raw = '- бір\\n  <a class="headerlink segment-link" href="#p4"></a>\\n  {: #p4 }'
    >>> raw[:permalink_start(raw, raw.index("{: #"))]
    '- бір\\n  '
    >>> permalink_start('Мәтін <a class="headerlink segment-link" href="#p4"></a>\\n{: #p4 }', 56) is None
    True
    """
    head = raw[:end].rstrip(" \t>")
    if not head.endswith("\n"):
        return None
    start = head.rfind("\n", 0, len(head) - 1) + 1
    line = head[start:-1]
    indent = len(line) - len(line.lstrip(" \t>"))
    return start + indent if PERMALINK.fullmatch(line.rstrip(" \t"), indent) else None


def segment_id(line: str) -> str:
    """The id carried by an attr_list at the end of ``line``, or "".

    >>> segment_id('{: #p12 data-lines="12-14" }'), segment_id('## Кіріспе {: #p7 }'), segment_id('{: .note }')
    ('p12', 'p7', '')
    >>> segment_id('мәтін \\\\{: #p1 \\\\}')
    ''
    """
    m = _attr_at_end(line)
    if not m:
        return ""
    ident = ID_TOKEN.search(m.group(1))
    return ident.group(1) if ident else ""


def parse_page(text: str) -> ContentPage:
    """Split a Markdown page into front matter and chunks; ``parse_page(t).render() == t`` always.

    >>> page = parse_page('---\\ntitle: A\\n---\\n\\n# A\\n\\nМәтін.\\n{: #p3 }\\n- бір\\n  {: #p4 }\\n\\nҚосымша.\\n')
    >>> [(c.key, c.line) for c in page.chunks]
    [('@title', 5), ('p3', 7), ('p4', 9), ('', 12)]
    >>> page.chunks[1].body, page.chunks[1].attrs
    ('Мәтін.\\n', '{: #p3 }')
    """
    front = split_front(text)
    page = ContentPage(front)
    line_no = front.count("\n") + 1
    sep: list[str] = []
    lines: list[str] = []
    start_line = 0

    def close(key: str) -> None:
        if not key:
            # a footnote definition cannot carry an attr_list (the back-reference is appended after it),
            # so the footnote label is its identity
            note = FOOTNOTE_DEFINITION.match(lines[0])
            key = f"note-{note.group(1)}" if note else ""
        page.chunks.append(Chunk("\n".join(lines), "".join(sep), key, start_line))
        sep.clear()
        lines.clear()

    rest = text[len(front):]
    parts = rest.split("\n")
    for i, line in enumerate(parts):
        last = i == len(parts) - 1
        if not line.strip():
            if lines:
                close("")
                sep.append("\n")    # the line end of the chunk's last line
            sep.append(line + ("" if last else "\n"))
        else:
            if not lines:
                start_line = line_no
            lines.append(line)
            key = segment_id(line)
            if key:
                close(key)
                if not last:
                    sep.append("\n")
            elif last:
                close("")
        line_no += 1
    page.tail = "".join(sep)
    first = page.chunks[0] if page.chunks else None
    if first and not first.key and first.raw.startswith("# "):
        first.key = TITLE
    return page


def _is_page_text(text: str) -> bool:
    """Whether a Markdown text has segments: a line ending with an attr_list that carries an id."""
    return any(segment_id(line) for line in text.split("\n") if line.rstrip().endswith("}"))


def finish_pages(files: dict[str, str], memo: dict[str, str] | None = None) -> dict[str, str]:
    """``files`` ({path in content/: text}) with every Markdown page finished: headings without gaps,
    ``all-caps`` classes, citation spans (:func:`build_edition.text.presentation.finish`). The
    writer's pages, and every side of the editors' merge, are finished the same way.

    >>> finish_pages({"a/01.md": "# ТАҚЫРЫП\\n", "_includes/abbreviations.md": "*[ҚР]: \\\\[1\\\\]\\n", "a.jsonl": "[1]"})
    {'a/01.md': '# ТАҚЫРЫП {: .all-caps }\\n', '_includes/abbreviations.md': '*[ҚР]: \\\\[1\\\\]\\n', 'a.jsonl': '[1]'}

    ``memo`` ({text: finished text}) saves finishing a text again (the merge finishes three trees that are
    mostly alike).
    """
    memo = {} if memo is None else memo
    out = {}
    for rel, text in files.items():
        if rel.endswith(".md") and not rel.startswith((INCLUDES, STORE)):
            if text not in memo:
                memo[text] = finished = finish(text)
                memo.setdefault(finished, finished)
            text = memo[text]
        out[rel] = text
    return out


# -- reading the trees ----------------------------------------------------------------------------

def read_tree(root: Path, skip_store: bool = True) -> dict[str, str]:
    """Every UTF-8 text file under ``root`` as {posix relative path: text} (binary files are left out)."""
    files: dict[str, str] = {}
    if not root.is_dir():
        return files
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        if skip_store and (rel == STORE or rel.startswith(STORE + "/")):
            continue
        try:
            files[rel] = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
    return files


def read_base(content: Path) -> dict[str, str] | None:
    base_dir = content / BASE
    if not base_dir.is_dir():
        return None
    return read_tree(base_dir, skip_store=False)
