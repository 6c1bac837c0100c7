"""MkDocs hook: reproducible dates in the built site.

MkDocs stamps every page with the build date (the sitemap's ``<lastmod>``, the gzip header of
sitemap.xml.gz) unless ``SOURCE_DATE_EPOCH`` is set. The edition never takes that date from the clock:
when the variable is not set, it is the commit date of the last git commit that touched the docs folder
(content/), else of HEAD, and outside git the newest date in the catalogue. Two builds of the same
inputs therefore give the same bytes.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path


def on_config(config, **kwargs):
    if "SOURCE_DATE_EPOCH" not in os.environ:
        project = Path(config.config_file_path).resolve().parent
        os.environ["SOURCE_DATE_EPOCH"] = str(edition_timestamp(Path(config.docs_dir), project))
    return config


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
    from build_edition.catalog import load_catalog
    from build_edition.errors import EditionError

    try:
        entries = load_catalog(catalog)
    except EditionError:
        return None
    dates = []
    for entry in entries:
        parts = entry.date.split("-") if entry.date[:4].isdigit() else []
        if parts:
            numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
            dates.append(dt.datetime(*numbers, tzinfo=dt.timezone.utc))
    return int(max(dates).timestamp()) if dates else None
