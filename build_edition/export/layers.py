"""Placing a paragraph's logged emendations in its text, including repairs made on top of repairs.

One word is often repaired by several passes in turn (000: ``к�-`` / ``рін  ге ні`` → ``к�рін  ге ні``
by the hyphenation pass → ``к�рінгені`` by the split-word pass → ``көрінгені`` by the broken-letter
pass). Only the last form is in the text, so the emendations are undone from the last pass to the
first: each is found in the text as it stood right after it was made (the later repairs undone) and
becomes a node whose corrected content is what it covers and whose original is its ``before``. An
earlier repair then lies either inside a later one's original form (it is nested in that ``sic``)
or around later ones (they are nested in its ``corr``):

>>> text = "көрінгені"
>>> rows = [{"before": "к�-\\nрін", "after": "к�рін", "rule": "join_hyphenated_words", "line": 1, "column": 1},
...         {"before": "к�рін  ге ні", "after": "к�рінгені", "rule": "join_split_words", "line": 1, "column": 1},
...         {"before": "�", "after": "ө", "rule": "restore_broken_letters", "line": 1, "column": 2}]
>>> nodes, missing = place_all(text, rows, [], 1)
>>> [(n.row["rule"], n.final) for n in nodes], missing
([('join_split_words', (0, 9)), ('restore_broken_letters', (1, 2))], [])
>>> render(nodes[0].sic)
'<choice><sic>к�-/рін</sic><corr>к�рін</corr></choice>  ге ні'
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .inline import Inline, Span, estimate_offset


@dataclass
class Node:
    row: dict
    sic: list = field(default_factory=list)      # pieces: str or Node (earlier repairs inside the original form)
    corr: list = field(default_factory=list)     # pieces: str or Node (later repairs inside the corrected form)
    final: tuple[int, int] | None = None         # range in the paragraph's text (nodes outside any sic)


def surface(pieces: list) -> str:
    """The text as it stood before the repairs in ``pieces`` were made (their original forms)."""
    return "".join(p if isinstance(p, str) else surface(p.sic) for p in pieces)


def _lengths(pieces: list) -> list[int]:
    return [len(p) if isinstance(p, str) else len(surface(p.sic)) for p in pieces]


def _wrap(pieces: list, start: int, end: int, node: Node) -> bool:
    """Put the surface range [start, end) of ``pieces`` under ``node``; False where it would cut a node."""
    spans, offset = [], 0
    for length in _lengths(pieces):
        spans.append((offset, offset + length))
        offset += length
    for piece, (p_start, p_end) in zip(pieces, spans):
        if isinstance(piece, Node) and p_end > p_start and p_start <= start and end <= p_end:
            return _wrap(piece.sic, start - p_start, end - p_start, node)    # inside a later repair's original
        if isinstance(piece, Node) and p_start < end and start < p_end and not (start <= p_start and p_end <= end):
            return False                                                       # would cut a node in two
    before, covered, after = [], [], []
    for piece, (p_start, p_end) in zip(pieces, spans):
        if isinstance(piece, Node):
            (covered if start <= p_start and p_end <= end and p_end > p_start else
             before if p_end <= start else after).append(piece)
            continue
        cut_start, cut_end = min(max(start - p_start, 0), len(piece)), min(max(end - p_start, 0), len(piece))
        if piece[:cut_start]:
            before.append(piece[:cut_start])
        if piece[cut_start:cut_end]:
            covered.append(piece[cut_start:cut_end])
        if piece[cut_end:]:
            after.append(piece[cut_end:])
    node.corr = covered
    node.sic = [node.row.get("before", "")]
    pieces[:] = before + [node] + after
    return True


def place_all(text: str, rows: list[dict], seed_lines: list[str], first_line: int) -> tuple[list[Node], list[dict]]:
    """The emendation nodes of a paragraph outside any ``sic`` (with their range in ``text``), and the
    logged rows that could not be placed (a deletion, or text an editor has changed since). ``rows``
    are in the order the changes were made, the order of the log (``Document.edit`` appends)."""
    pieces: list = [text]
    missing = []
    for row in reversed(rows):
        after = row.get("after", "")
        if not after.strip():
            missing.append(row)
            continue
        now = surface(pieces)
        estimate = estimate_offset(seed_lines, first_line, int(row.get("line", first_line)), int(row.get("column", 1)))
        candidates = []
        at = now.find(after)
        while at >= 0:
            candidates.append(at)
            at = now.find(after, at + 1)
        for at in sorted(candidates, key=lambda a: (abs(a - estimate), a)):
            trial = _copy(pieces)
            if _wrap(trial, at, at + len(after), Node(row)):
                pieces[:] = trial
                break
        else:
            missing.append(row)
    nodes: list[Node] = []

    def finals(items: list, offset: int) -> int:
        for piece in items:
            if isinstance(piece, str):
                offset += len(piece)
            else:
                nodes.append(piece)
                start = offset
                offset = finals(piece.corr, offset)
                piece.final = (start, offset)
        return offset
    finals(pieces, 0)
    missing.sort(key=lambda r: (r.get("line", 0), r.get("column", 0)))
    return nodes, missing


def _copy(pieces: list) -> list:
    return [p if isinstance(p, str) else Node(p.row, _copy(p.sic), _copy(p.corr)) for p in pieces]


def render(pieces: list) -> str:
    """A readable form of pieces (for tests): nodes as choice/sic/corr, line ends as "/"."""
    return "".join(p.replace("\n", "/") if isinstance(p, str)
                   else f"<choice><sic>{render(p.sic)}</sic><corr>{render(p.corr)}</corr></choice>" for p in pieces)


def add_emendations(inline: Inline, emendations: list[dict], seed_lines: list[str], first_line: int) -> list[dict]:
    """Add a span for each emendation placed in the text; return those not placed."""
    nodes, missing = place_all(inline.text, emendations, seed_lines, first_line)
    for node in nodes:
        inline.add(Span(node.final[0], node.final[1], "emendation", {"node": node}))
    return missing
