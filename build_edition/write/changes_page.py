"""The changelog of editorial corrections: content/changes.md and content/.edition/corrections.jsonl.

A correction is a difference between what the pipeline generates and what content/ holds, kept by
the merge (:mod:`build_edition.editorial.merge`): an edited paragraph, a paragraph an editor added, one an
editor deleted. The list is therefore a function of the repository state, not of who ran which
build when. Dates come from git (the commit that last touched the paragraph's lines, via
``git blame``), never from the clock: a correction not committed yet is marked as such, and
outside a git checkout the date is "unknown".
"""
from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import subprocess
from pathlib import Path

import yaml

from build_edition.store.page_format import CHANGES_PAGE, front_matter_data, split_front
from build_edition.text import markdown as md
from build_edition.text.markdown import plain_text
from build_edition.write.labels import format_date_kk

PAGE = CHANGES_PAGE
PAGE_TITLE = "Редакциялық түзетулер"
UNCOMMITTED = "uncommitted"
UNKNOWN = "unknown"
CONTEXT_WORDS = 5

# -- dates from git -----------------------------------------------------------------------------

class GitDates:
    """Commit dates of lines in content/ files (``git blame``), cached per file."""

    def __init__(self, content: Path):
        self.content = content.resolve()
        self._blame: dict[str, list[str]] = {}
        self.top = self._git("rev-parse", "--show-toplevel", cwd=self.content)
        self.top = self.top.strip() if self.top else None

    def _git(self, *args: str, cwd: Path | None = None) -> str | None:
        try:
            run = subprocess.run(["git", *args], cwd=cwd or self.top, capture_output=True, text=True,
                                 encoding="utf-8", check=False, timeout=60)
        except (OSError, subprocess.SubprocessError):
            return None
        return run.stdout if run.returncode == 0 else None

    def _path(self, rel: str) -> str:
        return (self.content / rel).relative_to(self.top).as_posix()

    def lines(self, rel: str) -> list[str]:
        """The date (YYYY-MM-DD) or UNCOMMITTED for every line of a content/ file."""
        if rel in self._blame:
            return self._blame[rel]
        dates: list[str] = []
        out = self._git("blame", "--porcelain", "--", self._path(rel)) if self.top else None
        if out is not None:
            stamp: dict[str, int] = {}
            commit_date: dict[str, str] = {}
            boundary: set[str] = set()
            sha = ""
            for line in out.split("\n"):
                head = re.match(r"^([0-9a-f]{40}) \d+ \d+", line)
                if head:
                    sha = head.group(1)
                elif line.startswith("committer-time "):
                    stamp[sha] = int(line.split()[1])
                elif line.startswith("committer-tz ") and sha in stamp:
                    commit_date[sha] = _local_date(stamp[sha], line.split()[1])
                elif line == "boundary":
                    boundary.add(sha)      # a shallow clone's oldest commit: the line may be older
                elif line.startswith("\t"):
                    if set(sha) == {"0"}:
                        dates.append(UNCOMMITTED)
                    else:
                        dates.append(UNKNOWN if sha in boundary else commit_date.get(sha, UNKNOWN))
        elif self.top:
            dates = []   # not tracked yet: every line is uncommitted (lines() beyond the end say so)
        self._blame[rel] = dates
        return dates

    def of_lines(self, rel: str, first: int, last: int) -> str:
        """The latest commit date among the lines, UNCOMMITTED if any is not committed, or UNKNOWN."""
        if not self.top:
            return UNKNOWN
        dates = self.lines(rel)
        span = dates[first - 1:last] if first else []
        if not span:
            return UNCOMMITTED
        if UNCOMMITTED in span:
            return UNCOMMITTED
        known = [d for d in span if d != UNKNOWN]
        return max(known) if known else UNKNOWN

    def of_file(self, rel: str) -> str:
        """For a deletion (no line left to blame): the file's last commit, or UNCOMMITTED if changed since."""
        if not self.top:
            return UNKNOWN
        path = self._path(rel)
        if self._git("diff", "--quiet", "HEAD", "--", path) is None:
            return UNCOMMITTED
        out = self._git("log", "-1", "--format=%ct %cd", "--date=format:%z", "--", path)
        if not out or not out.strip():
            return UNCOMMITTED
        stamp, tz = out.split()
        return _local_date(int(stamp), tz)


def _local_date(stamp: int, tz: str) -> str:
    sign = -1 if tz.startswith("-") else 1
    offset = dt.timedelta(hours=int(tz[1:3]), minutes=int(tz[3:5])) * sign
    return dt.datetime.fromtimestamp(stamp, dt.timezone(offset)).date().isoformat()


class NoDates:
    """Dates for trees outside git (tests, scratch builds)."""

    def of_lines(self, rel: str, first: int, last: int) -> str:
        return UNKNOWN

    def of_file(self, rel: str) -> str:
        return UNKNOWN


def date_of(record, dates) -> str:
    if record.kind == "deletion":
        return dates.of_file(record.source_file)
    return dates.of_lines(record.source_file, *record.source_lines)


def date_label(value: str) -> str:
    if value == UNCOMMITTED:
        return "әлі енгізілмеген"
    if value == UNKNOWN:
        return "күні белгісіз"
    return format_date_kk(value)


# -- rendering ----------------------------------------------------------------------------------

def word_diff(before: str, after: str) -> tuple[str, str]:
    """Markdown excerpts of both versions around the changed words (<del>/<ins> mark them).

    >>> word_diff("бір екі үш", "бір екі төрт")
    ('бір екі <del>үш</del>', 'бір екі <ins>төрт</ins>')
    """
    a, b = before.split(), after.split()
    ops = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()]
    keep_a, keep_b = set(), set()
    for tag, i1, i2, j1, j2 in ops:
        if tag != "equal":
            keep_a.update(range(max(0, i1 - CONTEXT_WORDS), min(len(a), i2 + CONTEXT_WORDS)))
            keep_b.update(range(max(0, j1 - CONTEXT_WORDS), min(len(b), j2 + CONTEXT_WORDS)))

    def side(words: list[str], keep: set[int], lo_hi: list[tuple[int, int]], tag: str) -> str:
        changed = set()
        for lo, hi in lo_hi:
            changed.update(range(lo, hi))
        out, last = [], -1
        for i in sorted(keep):
            if last >= 0 and i != last + 1:
                out.append("…")
            elif last < 0 and i > 0:
                out.append("…")
            word = md.escape(words[i])
            out.append(f"<{tag}>{word}</{tag}>" if i in changed else word)
            last = i
        if last >= 0 and last < len(words) - 1:
            out.append("…")
        text = " ".join(out)
        return re.sub(rf"</{tag}> <{tag}>", " ", text)

    spans_a = [(i1, i2) for tag, i1, i2, _, _ in ops if tag != "equal"]
    spans_b = [(j1, j2) for tag, _, _, j1, j2 in ops if tag != "equal"]
    return side(a, keep_a, spans_a, "del") or "—", side(b, keep_b, spans_b, "ins") or "—"


def document_titles(files: dict[str, str]) -> dict[str, str]:
    titles = {}
    for rel, text in files.items():
        if rel.endswith("/index.md") and rel.count("/") == 1:
            try:
                front = front_matter_data(split_front(text))
            except yaml.YAMLError:
                front = None
            if isinstance(front, dict) and front.get("title"):
                titles[rel.split("/")[0]] = str(front["title"])
    return titles


KIND_LABEL = {"edit": "түзетілді", "addition": "қосылды", "deletion": "алынып тасталды"}


def render_changes_page(records, titles: dict[str, str], dates) -> str:
    """The reader-facing list of corrections, per document, in document and reading order."""
    out = ["---", f"title: {PAGE_TITLE}", "generated: true", "---", "", f"# {PAGE_TITLE}", "",
           "Бұл бетте редакторлардың мәтінге қолмен енгізген түзетулері көрсетіледі: әр түзетудің күні, "
           "абзацы, бұрынғы және кейінгі нұсқасы. Бағдарламаның автоматты түзетулері әр құжаттың "
           "`emendations.jsonl` журналында сақталады.", ""]
    if not records:
        out += ["Әзірге редакциялық түзету жоқ.", ""]
        return "\n".join(out)
    out += [f"Барлығы: {len(records)} түзету.", ""]
    by_doc: dict[str, list] = {}
    for record in records:
        by_doc.setdefault(record.doc, []).append(record)
    for doc in sorted(by_doc):
        out += [f"## {md.escape(titles.get(doc, doc))}", ""]
        for record in by_doc[doc]:
            link = record.file + (f"#{record.key}" if record.key and not record.key.startswith("@") else "")
            label = "тақырып" if record.key == "@title" else (record.key or "бет")
            before, after = plain_text(record.before), plain_text(record.after)
            if record.kind == "edit":
                shown_before, shown_after = word_diff(before, after)
            elif record.kind == "addition":
                shown_before, shown_after = "—", f"<ins>{md.escape(after)}</ins>"
            else:
                shown_before, shown_after = f"<del>{md.escape(before)}</del>", "—"
            where = f"[{label}]({link})" if record.file else label
            if record.kind == "addition" and record.key and not record.key.startswith("@"):
                where = f"[{label}]({link}) абзацынан кейін"
            out += [f"- **{date_label(date_of(record, dates))}** · {where} · {KIND_LABEL[record.kind]}",
                    f"    - Бұрын: {shown_before}",
                    f"    - Кейін: {shown_after}", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def corrections_jsonl(records, dates) -> str:
    rows = []
    for record in records:
        row = record.as_dict()
        row["date"] = date_of(record, dates)
        rows.append(json.dumps(row, ensure_ascii=False, sort_keys=True))
    return "".join(r + "\n" for r in rows)


def render_changes_text(records, dates) -> str:
    """Plain text for the terminal (`build-edition changelog`)."""
    lines = []
    for r in records:
        lines.append(f"{date_of(r, dates)}  {r.kind:<9} {r.file}#{r.key}")
        if r.before:
            lines.append(f"    before: {plain_text(r.before)}")
        if r.after:
            lines.append(f"    after:  {plain_text(r.after)}")
    return "\n".join(lines) + ("\n" if lines else "no editorial corrections\n")
