"""Inline content of one block (paragraph, heading, list item) as plain text plus annotation spans.

A block of the rendered page becomes its reading text and a list of spans over it: names of the
index (``persName``/``orgName``/``placeName``), foreign passages, abbreviations, emphasis, editorial
notes (points), page breaks and removed furniture (points), and the logged emendations, each
placed where its corrected form stands in the text. The spans are then nested into a tree and
written as TEI; a span that would cross another's boundary is left out (and counted), never
written as broken XML.

The logs give an emendation's position in the SEED (line, column); the paragraph's text is the
seed's lines with the repairs applied, so the position is estimated from the seed's line lengths
and the emendation is put on the nearest occurrence of its corrected form:

>>> estimate_offset(["ab", "cd-", "ef"], 1, 2, 3)
5
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

ENTITY_HREF = re.compile(r"(?:^|/)entities/([a-z0-9][a-z0-9_-]*)(?:\.md|/)?(?:#.*)?$")
NAME_ELEMENTS = {"person": "persName", "organisation": "orgName", "place": "placeName"}
# nesting preference when two spans cover the same text: the outer first
RANK = {"name": 0, "ref": 0, "foreign": 1, "hi": 2, "code": 2, "abbr": 3, "emendation": 4}


@dataclass
class Span:
    start: int
    end: int
    kind: str
    attrs: dict = field(default_factory=dict)
    seq: int = 0
    children: list = field(default_factory=list)


@dataclass
class Inline:
    text: str
    spans: list[Span]
    dropped: list[Span] = field(default_factory=list)    # spans left out (crossing another)

    def add(self, span: Span) -> None:
        span.seq = len(self.spans)
        self.spans.append(span)


def footnote_texts(body) -> dict[str, str]:
    """Footnote id → its text, from the footnote list Python-Markdown renders at the end of a page."""
    notes = {}
    for li in body.xpath('.//div[contains(concat(" ", @class, " "), " footnote ")]//li[@id]'):
        for back in li.xpath('.//a[contains(@class, "footnote-backref")]'):
            back.drop_tree()
        notes[li.get("id").removeprefix("fn:")] = " ".join(li.text_content().split())
    return notes


def flatten(element, notes: dict[str, str], entities: dict[str, dict], site_url: str) -> Inline:
    """The element's text and its spans (the element's own tag is not a span)."""
    out = Inline("", [])
    parts: list[str] = []
    length = 0

    def walk(node) -> None:
        nonlocal length
        if node.text:
            parts.append(node.text)
            length += len(node.text)
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            start = length
            classes = (child.get("class") or "").split()
            if tag == "sup" and (child.get("id") or "").startswith("fnref:"):
                key = child.get("id").removeprefix("fnref:")
                out.add(Span(start, start, "note", {"text": notes.get(key, ""), "n": child.text_content().strip()}))
            elif tag == "br":
                out.add(Span(start, start, "lb"))
            elif tag in ("details", "script", "style") or "headerlink" in classes:
                pass
            else:
                walk(child)
                span = _span_of(child, tag, start, length, entities, site_url)
                if span is not None:
                    out.add(span)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)

    walk(element)
    out.text = "".join(parts)
    return out


def _span_of(node, tag: str, start: int, end: int, entities: dict[str, dict], site_url: str) -> Span | None:
    if tag == "a" and node.get("href"):
        m = ENTITY_HREF.search(node.get("href"))
        if m:
            entity = entities.get(m.group(1), {})
            element = NAME_ELEMENTS.get(entity.get("type", ""), "name")
            return Span(start, end, "name", {"element": element, "ref": f"{site_url}entities/{m.group(1)}/"})
        href = node.get("href")
        if href.startswith(("http://", "https://", "mailto:")):
            return Span(start, end, "ref", {"target": href})
        return None                     # links inside the site (continuations, anchors): text only
    if tag == "span" and node.get("lang"):
        return Span(start, end, "foreign", {"lang": node.get("lang")})
    if tag == "abbr" and node.get("title"):
        return Span(start, end, "abbr", {"expan": node.get("title")})
    if tag in ("em", "i"):
        return Span(start, end, "hi", {"rend": "italic"})
    if tag in ("strong", "b"):
        return Span(start, end, "hi", {"rend": "bold"})
    if tag in ("sub", "sup"):
        return Span(start, end, "hi", {"rend": "subscript" if tag == "sub" else "superscript"})
    if tag == "code":
        return Span(start, end, "code")
    return None


# -- placing the logs ---------------------------------------------------------------------------

def estimate_offset(seed_lines: list[str], first_line: int, line: int, column: int) -> int:
    """Estimated offset in a paragraph's text of seed position (line, column), the paragraph starting
    at seed line ``first_line`` (lines joined by one space, their outer spaces stripped)."""
    offset = 0
    for number in range(first_line, line):
        if 0 < number <= len(seed_lines):
            offset += len(seed_lines[number - 1].strip()) + 1
    return max(0, offset + column - 1)


def snap_to_space(text: str, estimate: int) -> int:
    """The position of the word boundary nearest to ``estimate`` (a page break never splits a word)."""
    if not text:
        return 0
    estimate = min(max(estimate, 0), len(text))
    spaces = [m.start() for m in re.finditer(r"\s", text)]
    if not spaces:
        return len(text) if estimate > len(text) / 2 else 0
    return min(spaces, key=lambda s: (abs(s - estimate), s))


# -- nesting ------------------------------------------------------------------------------------

def nest(inline: Inline) -> Span:
    """The spans as a tree under a root span; crossing spans go to ``inline.dropped``."""
    root = Span(0, len(inline.text), "root")
    order = sorted(inline.spans, key=lambda s: (s.start, -s.end, RANK.get(s.kind, 5) if s.end > s.start else 9, s.seq))
    stack = [root]
    for span in order:
        while len(stack) > 1 and stack[-1].end <= span.start:     # closed before (a point at its end goes after)
            stack.pop()
        if span.end > stack[-1].end:
            inline.dropped.append(span)
            continue
        stack[-1].children.append(span)
        if span.end > span.start:
            stack.append(span)
    return root
