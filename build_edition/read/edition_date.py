"""The edition's date: what dates the site's files (the sitemap's ``<lastmod>``, the gzip header,
the EPUBs' modification date) when ``SOURCE_DATE_EPOCH`` is not set — never the clock, so that the
same inputs give the same bytes. The site build (build_edition/site/policy_hook.py) and the edition
build, which makes the downloads ahead of it (build_edition/export/cache.py), take it from here.
"""
from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from build_edition.core.errors import EditionError
from build_edition.read.catalog import load_catalog


def edition_timestamp(docs_dir: Path, project: Path) -> int:
    """Seconds since the epoch that date the edition: git, then the catalogue, then 0 (never the clock)."""
    stamp = _git_timestamp(docs_dir)
    if stamp is None:
        stamp = catalogue_timestamp(project / "seeds" / "catalog.yml")
    return stamp or 0


def _git_timestamp(docs_dir: Path) -> int | None:
    for args in (["--", "."], []):          # the docs folder's last commit, else the repository's
        try:
            run = subprocess.run(["git", "log", "-1", "--format=%ct", *args], cwd=docs_dir, capture_output=True,
                                 text=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            return None
        if run.returncode != 0:
            return None
        if run.stdout.strip().isdigit():
            return int(run.stdout.strip())
    return None


def catalogue_timestamp(catalog: Path) -> int | None:
    """Midnight UTC of the newest document date in the catalogue ("2026-02" counts as 2026-02-01)."""
    try:
        entries = load_catalog(catalog)
    except EditionError:
        return None
    dates = []
    for entry in entries:
        parts = entry.date.split("-") if entry.date[:4].isdigit() else []
        if parts:
            numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
            dates.append(dt.datetime(*numbers, tzinfo=dt.UTC))
    return int(max(dates).timestamp()) if dates else None
