"""Line-level three-way merge (diff3) of a base text, an edited text and a new text.

The merge of the edition (:mod:`build_edition.editorial.merge`) uses it for generated files that have
no segment ids (landing pages, the home page, logs, navigation); it knows nothing of the page format.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass
class LineConflict:
    base: list[str]
    edit: list[str]
    new: list[str]
    line: int         # 1-based line in the edited file where the region starts


def merge_lines(base: str, edit: str, new: str, prefer: str | None = None) -> tuple[str, list[LineConflict]]:
    """diff3 on lines: changes of both sides apply when they touch different regions of the base.

    Overlapping (or adjacent) regions changed differently are conflicts; ``prefer`` settles them
    ("keep-edit", "take-new" or "both" = git-style conflict markers). A hand-written diff3 on top of
    difflib: the maintained Python implementation (merge3) is GPL, this project is MIT.

    >>> merge_lines("a\\nb\\nc\\nd\\n", "A\\nb\\nc\\nd\\n", "a\\nb\\nc\\nD\\n")[0]
    'A\\nb\\nc\\nD\\n'
    >>> text, conflicts = merge_lines("a\\nb\\n", "x\\nb\\n", "y\\nb\\n")
    >>> [(c.edit, c.new) for c in conflicts]
    [(['x\\n'], ['y\\n'])]
    """
    if edit == base or edit == new:
        return new, []
    if new == base:
        return edit, []
    b = base.splitlines(keepends=True)
    e = edit.splitlines(keepends=True)
    n = new.splitlines(keepends=True)
    hunks = []   # (base_start, base_end, side, replacement)
    for side, other in (("edit", e), ("new", n)):
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, b, other, autojunk=False).get_opcodes():
            if tag != "equal":
                hunks.append((i1, i2, side, other[j1:j2]))
    hunks.sort(key=lambda h: (h[0], h[1], h[2]))
    groups: list[list] = []
    for h in hunks:
        if groups and h[0] <= groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], h[1])
            groups[-1][2].append(h)
        else:
            groups.append([h[0], h[1], [h]])
    out: list[str] = []
    conflicts: list[LineConflict] = []
    pos = 0
    offset = 0   # edit-side line shift, for conflict line numbers
    for lo, hi, group in groups:
        out.extend(b[pos:lo])
        sides = {h[2] for h in group}

        def apply(side: str, lo: int = lo, hi: int = hi, group: list = group) -> list[str]:
            result, p = [], lo
            for i1, i2, s, repl in group:
                if s == side:
                    result.extend(b[p:i1])
                    result.extend(repl)
                    p = i2
            return result + b[p:hi]

        version_e, version_n = apply("edit"), apply("new")
        if sides == {"edit"} or version_e == version_n:
            chosen = version_e
        elif sides == {"new"}:
            chosen = version_n
        else:
            conflicts.append(LineConflict(b[lo:hi], version_e, version_n, lo + offset + 1))
            if prefer == "take-new":
                chosen = version_n
            elif prefer == "both":
                chosen = (["<<<<<<< редактор / edit\n"] + _ended(version_e) + ["=======\n"] + _ended(version_n)
                          + [">>>>>>> жаңа нұсқа / new output\n"])
            else:
                chosen = version_e
        offset += len(version_e) - (hi - lo)
        out.extend(chosen)
        pos = hi
    out.extend(b[pos:])
    return "".join(out), conflicts


def _ended(lines: list[str]) -> list[str]:
    if lines and not lines[-1].endswith("\n"):
        return lines[:-1] + [lines[-1] + "\n"]
    return lines
