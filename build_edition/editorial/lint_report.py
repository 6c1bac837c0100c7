"""How `build-edition lint` reports: the reviewed baseline, GitHub annotations, the exit status.

**The baseline** (``lint-baseline.yml`` beside ``mkdocs.yml``) lists findings that were looked at and
accepted: the author's own abbreviations and misprints, quotations the original leaves open, residue an
editor reviewed and the restoration cannot fix yet. Each entry names the page, the check, the
paragraph id and the word or sign, never a line number, so it survives edits elsewhere on the page;
``reason`` says why it is accepted. An accepted finding is not reported again; a new one is. Only
findings about the text can be accepted (see ``ACCEPTABLE``): a broken link, a duplicated id, a deleted
generated section, a conflict or invalid front matter always fail. ``build-edition lint
--write-baseline`` records the current findings, keeping the reasons already written; review the
diff before committing it.

**On GitHub** (``--github``, or automatically when ``GITHUB_ACTIONS=true``) every finding is also
printed as a workflow command (``::error file=…,line=…,title=…::…``), which GitHub shows on the
changed lines of the pull request.
"""
from __future__ import annotations

import datetime as _dt
import os
import sys
from pathlib import Path

import yaml

from build_edition.core.errors import EditionError
from build_edition.editorial.lint import DEFAULT_CAP, ERROR, Finding, Linter, capped, lint_targets

BASELINE_FILE = "lint-baseline.yml"
ACCEPTABLE = frozenset({"residue", "unbalanced", "abbreviation", "suspicious-word", "footnote", "missing-id",
                        "deleted-id"})
HEADER = """\
# Reviewed findings of `build-edition lint` that are accepted as they are (build_edition/lint_report.py).
# An entry names the page (inside content/), the check (code), the paragraph id and the word or sign
# (item); `reason` says why it stays. Accepted findings are not reported again; anything new is.
# `build-edition lint --write-baseline` rewrites this file from the current findings, keeping reasons:
# review its diff like any other change. Errors about structure (links, ids, conflicts) cannot be accepted.
"""


def _key(rel: str, finding: Finding) -> tuple[str, str, str, str]:
    return (rel, finding.code, finding.anchor, finding.item)


class Baseline:
    def __init__(self, path: Path | None):
        self.path = path
        self.entries: dict[tuple[str, str, str, str], dict] = {}
        self.used: set[tuple[str, str, str, str]] = set()
        if path is None or not path.is_file():
            return
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise EditionError("the lint baseline is not valid YAML", file=str(path),
                               line=(mark.line + 1) if mark else 1,
                               hint="fix it, or write it again with build-edition lint --write-baseline") from None
        if not isinstance(data, list) or not all(isinstance(e, dict) and "file" in e and "code" in e for e in data):
            raise EditionError("the lint baseline must be a list of entries with file, code, id and item",
                               file=str(path), hint="write it again with build-edition lint --write-baseline")
        for entry in data:
            key = (str(entry["file"]), str(entry["code"]), str(entry.get("id") or ""), str(entry.get("item") or ""))
            self.entries[key] = entry

    def accepts(self, rel: str, finding: Finding) -> bool:
        key = _key(rel, finding)
        if finding.code in ACCEPTABLE and key in self.entries:
            self.used.add(key)
            return True
        return False

    def stale(self, linted: set[str]) -> int:
        """Entries of the linted files that no longer match any finding (fixed since)."""
        return sum(1 for key in self.entries if key[0] in linted and key not in self.used)

    def render(self, findings: list[tuple[str, Finding]]) -> str:
        today = _dt.date.today().isoformat()
        rows = {}
        for rel, finding in findings:
            if finding.code not in ACCEPTABLE:
                continue
            key = _key(rel, finding)
            old = self.entries.get(key, {})
            rows[key] = {"file": rel, "code": finding.code, "id": finding.anchor, "item": finding.item,
                         "reason": old.get("reason") or f"accepted {today}: {finding.en}"}
        return HEADER + (yaml.safe_dump([rows[k] for k in sorted(rows)], allow_unicode=True, sort_keys=False,
                                        width=120) if rows else "[]\n")


def _relative(finding: Finding, content: Path) -> str:
    try:
        return Path(finding.file).resolve().relative_to(content.resolve()).as_posix()
    except ValueError:
        return finding.file


def annotation(finding: Finding) -> str:
    """A GitHub workflow command that puts the finding on the line of the pull request's diff."""
    def escape(text: str, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    level = "error" if finding.level == ERROR else "warning"
    return (f"::{level} file={escape(finding.file, True)},line={finding.line},"
            f"title={escape('lint: ' + finding.code, True)}::{escape(finding.kk + ' — ' + finding.en)}")


def main(content: Path, paths: list[Path], cap: int | None = DEFAULT_CAP, out=None, baseline: Path | None = None,
         github: bool | None = None, write_baseline: bool = False) -> int:
    out = out or sys.stdout
    if github is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
    linter = Linter(content, cap)
    targets = lint_targets(linter, paths)
    found = linter.run(targets)
    accepted = Baseline(baseline)
    with_rel = [(_relative(f, linter.content), f) for f in found]
    if write_baseline:
        if baseline is None:
            raise EditionError("no baseline file to write", hint="give one with --baseline <file>")
        kept = [(r, f) for r, f in with_rel if f.code in ACCEPTABLE]
        baseline.write_text(accepted.render(kept), encoding="utf-8")
        print(f"wrote {baseline}: {len(kept)} accepted finding(s); review the diff before committing it", file=out)
        found = [f for _, f in with_rel if f.code not in ACCEPTABLE]
        with_rel = [(_relative(f, linter.content), f) for f in found]
    shown = capped([f for r, f in with_rel if not accepted.accepts(r, f)], cap)
    for finding in shown:
        print(annotation(finding) if github else finding, file=out)
    errors = sum(f.level == ERROR for f in shown)
    warnings = len(shown) - errors
    summary = f"{errors} error(s), {warnings} warning(s)"
    stale = accepted.stale(set(targets))
    if accepted.used or stale:
        summary += f" ({len(accepted.used)} accepted in {baseline.name}"
        summary += f"; {stale} entr{'y' if stale == 1 else 'ies'} no longer found there)" if stale else ")"
    print(summary, file=out)
    return 1 if errors else 0
