"""Markdown output that renders exactly the text it is given: no seed text can become markup.

Escapes are kept to what Markdown and the extensions in mkdocs.yml could read as syntax, so Kazakh
prose stays readable for the editors who correct the Markdown source (``pymdownx.escapeall`` makes
any backslash escape valid). tests/test_escaping.py checks, with hypothesis, that any text renders as
itself under the extensions of mkdocs.yml: extend the escapes here when an extension is added there.
"""
from __future__ import annotations

import html
import re

# Inline syntax anywhere in a line: escapes, code, emphasis, links/images/footnotes/abbreviations
# (all need "["), attribute lists, heading marks (a heading's closing "#"s are dropped wherever they are),
# and the ":" of "]:", which ends a reference definition even after an escaped "]".
_INLINE = re.compile(r"[\\`*_{}\[\]#]|(?<=\]):")
# "<" starts raw HTML and autolinks, ">" a quotation at the start of a line (as "&gt;", it is plain
# text everywhere); "&" only matters where it starts a character reference.
_HTML = re.compile(r"[<>]|&(?=#?[0-9A-Za-z]+;)")
# Block syntax that counts only at the start of a line: lists ("-", "+", "1. "), "~~~" code fences,
# "???" collapsible blocks (pymdownx.details).
_LINE_START = re.compile(r"\d+(?=\.(?:\s|$))|(?=[-+~]|\?\?\?)")
# Layout whitespace HTML collapses anyway; at the end of a line two spaces would make a <br>.
_LAYOUT = re.compile(r"[ \t\n\r\f\v]+")
# Control characters are never text (the reader cuts them out of seeds); where one is shown anyway, as
# in the log of what was removed, it appears as its Unicode symbol ("␛"), not as an invisible code.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Other whitespace (no-break and typographic spaces) is visible; Markdown would strip it at the ends.
_EDGE_SPACE = re.compile(r"^\s+|\s+$")

ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape(text: str) -> str:
    """Escape text for one line of Markdown (a paragraph, heading, list item or link text).

    >>> escape("1. *Бұл* <b>сөз</b> &amp; AT&T [x](javascript:y)")
    '1\\\\. \\\\*Бұл\\\\* &lt;b&gt;сөз&lt;/b&gt; &amp;amp; AT&T \\\\[x\\\\](javascript:y)'
    >>> escape("- тізім"), escape("# 1-тарау"), escape("мәтін  ")
    ('\\\\- тізім', '\\\\# 1-тарау', 'мәтін')
    >>> escape("Қазақстан – біртұтас мемлекет (2025 ж.), «Ана тілі»: 64,8%-ға!")
    'Қазақстан – біртұтас мемлекет (2025 ж.), «Ана тілі»: 64,8%-ға!'
    """
    text = _CONTROL.sub(_control_picture, text)
    text = _LAYOUT.sub(" ", text).strip(" ")
    text = _HTML.sub(lambda m: ENTITIES[m.group(0)[0]], text)
    text = _INLINE.sub(r"\\\g<0>", text)
    start = _LINE_START.match(text)
    if start:
        text = text[:start.end()] + "\\" + text[start.end():]
    return _EDGE_SPACE.sub(lambda m: "".join(f"&#x{ord(c):X};" for c in m.group(0)), text)


def _control_picture(m: re.Match) -> str:
    code = ord(m.group(0))
    return "\u2421" if code == 0x7F else chr(0x2400 + code)


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
        parts.append(f'{_safe_token(key)}="{_safe_value(value)}"')
    return "{: " + " ".join(parts) + " }" if parts else ""


# A segment's permalink: the ¶ a reader clicks to cite the paragraph, drawn by CSS (the link has no text,
# so it never enters copied text or the search index). Raw inline HTML, not an empty Markdown link with
# an attr_list: Python-Markdown scans a paragraph's brackets again for every link in it, which made
# the link form cost 0.7 s of CPU per interface language on the seeds, the HTML 0.2 s.
PERMALINK = re.compile(r'<a class="headerlink segment-link" href="#([A-Za-z][\w.:-]*)"[^<>\n]*></a>')


_PERMALINK_LINE = re.compile(r'\n[ \t>]*' + PERMALINK.pattern + r'[ \t]*(?=\n)')


def without_permalinks(markdown: str) -> str:
    """``markdown`` without the permalink lines of its segments (for what is not a web page: TEI, EPUB).

    >>> without_permalinks('Мәтін.\\n> ' + permalink("p3", "сілтеме") + '\\n{: #p3 }')
    'Мәтін.\\n{: #p3 }'
    """
    return _PERMALINK_LINE.sub("", markdown)


def permalink(block_id: str, label: str, lang: str | None = None) -> str:
    """The permalink of segment ``block_id`` (``label``: its accessible name and tooltip).

    >>> permalink("p3", "Осы абзацқа сілтеме")
    '<a class="headerlink segment-link" href="#p3" aria-label="Осы абзацқа сілтеме" title="Осы абзацқа сілтеме"></a>'
    >>> PERMALINK.fullmatch(permalink("p3-1", "сілтеме", "kk")).group(1)
    'p3-1'
    """
    label = html.escape(label)
    language = f' lang="{_safe_token(lang)}"' if lang else ""
    return (f'<a class="headerlink segment-link" href="#{_safe_token(block_id)}" aria-label="{label}" '
            f'title="{label}"{language}></a>')


def _safe_token(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.:-]", "-", str(value))


def _safe_value(value: str) -> str:
    """An attribute value: a token, or a range of print pages ("68–69")."""
    return re.sub(r"[^A-Za-z0-9_.:\u2013-]", "-", str(value))


# A print-page milestone (issue 17): ``[69]`` where page 69 of the printed edition begins, linkable as
# #page-69, opening the paragraph's text (build_edition.write.milestones). Inline HTML, so that a plain
# Markdown build keeps its id; the exports take the pages from the removal log, not from this mark.
# The brackets are character references, so that the text is no citation marker like "[29]" (the
# pipeline wraps those in a span, build_edition.text.presentation) and no Markdown link text; a browser
# shows "[69]".
MILESTONE = re.compile(r'<a class="page-milestone" id="page-(\d+)" href="#page-\1"[^<>\n]*>&#91;\1&#93;</a> ?')


def milestone(number: str, label: str, lang: str | None = None) -> str:
    """The milestone of printed page ``number`` (``label``: its tooltip).

    >>> milestone("69", "69-бет осы жерден басталады")
    '<a class="page-milestone" id="page-69" href="#page-69" title="69-бет осы жерден басталады">&#91;69&#93;</a>'
    >>> MILESTONE.fullmatch(milestone("7", "бет", "kk") + " ").group(1)
    '7'
    """
    number = str(int(number))
    language = f' lang="{_safe_token(lang)}"' if lang else ""
    return (f'<a class="page-milestone" id="page-{number}" href="#page-{number}" '
            f'title="{html.escape(label)}"{language}>&#91;{number}&#93;</a>')


def without_milestones(markdown: str) -> str:
    """``markdown`` without its print-page milestones (what is not a web page marks pages its own way).

    >>> without_milestones('- ' + milestone("9", "бет") + ' Мәтін')
    '- Мәтін'
    """
    if "page-milestone" not in markdown:
        return markdown
    return MILESTONE.sub("", markdown)


# -- Markdown back to text ----------------------------------------------------------------------

_MARKERS = re.compile(r"^(?:#{1,6}[ \t]+|[-+*][ \t]+|\d+[.)][ \t]+|>[ \t]?)+", re.M)
_ATTR = re.compile(r"[ \t]*(?<!\\)\{:[^{}\n]*\}[ \t]*$", re.M)
_ESCAPE = re.compile(r"\\(.)")
_FOOTNOTE_REF = re.compile(r"(?<!\\)\[\^[^\]\s]+\](?!\()")
_LINK = re.compile(r"(?<!\\)!?\[((?:\\.|[^\]\\])*)\]\([^)\s]*\)")
_EMPHASIS = re.compile(r"(?<!\\)(?:\*{1,3}|(?<![\w])_{1,3}|_{1,3}(?![\w]))")
# the writer's language spans of a passage in another language (`<span lang="ru">…</span>`) and of a
# citation marker (`<span class="citation">\[12\]</span>`, build_edition.text.presentation)
_LANGUAGE_SPAN = re.compile(r'<span (?:lang="[a-z]{2,3}"|class="citation")>|</span>')


def plain_text(markdown: str) -> str:
    """What a reader sees of a chunk written by the writer: no block markers, attr_lists or escapes.

    >>> plain_text('## 1\\\\. Кіріспе {: #p7 }')
    '1. Кіріспе'
    >>> plain_text('- \\\\*бір\\\\* &amp; «екі»\\n  {: #p8 .marked }')
    '*бір* & «екі»'
    >>> plain_text('**Ескерту:** [сілтеме](a.md#p1) мәтін[^1]')
    'Ескерту: сілтеме мәтін'
    >>> plain_text('МЕМЛЕКЕТТІК <span lang="ru">управление и служба</span> <span class="citation">\\\\[12\\\\]</span> {: #p2 }')
    'МЕМЛЕКЕТТІК управление и служба [12]'
    >>> plain_text('Мәтін.\\n' + permalink("p3", "сілтеме") + '\\n{: #p3 }')
    'Мәтін.'
    """
    text = _LANGUAGE_SPAN.sub("", PERMALINK.sub("", markdown))
    text = _ATTR.sub("", text)
    text = _MARKERS.sub("", text)
    text = " ".join(line.strip() for line in text.split("\n") if line.strip())
    # Markup an editor may write (the writer escapes all of these when they are text)
    text = _FOOTNOTE_REF.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    return html.unescape(_ESCAPE.sub(r"\1", text))
