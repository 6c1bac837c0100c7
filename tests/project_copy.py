"""Throw-away copies of the project (seeds + catalogue) and the CLI run on them in a subprocess.

Used by the reliability tests (hostile inputs, atomic and reproducible builds), which must never touch
the real content/.
"""
from __future__ import annotations


import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SMALL_SEEDS = ("004",)          # the smallest real seed (a web page, 22 KB) keeps subprocess builds quick


def make_project(dest: Path, seeds: tuple[str, ...] = SMALL_SEEDS) -> Path:
    """A project at ``dest`` with copies of the real seeds whose names start with ``seeds`` and their
    catalogue entries (comments and all other entries dropped)."""
    (dest / "seeds").mkdir(parents=True)
    catalog = yaml.safe_load((ROOT / "seeds" / "catalog.yml").read_text(encoding="utf-8"))
    catalog["documents"] = [e for e in catalog["documents"] if e["source"].startswith(seeds)]
    assert len(catalog["documents"]) == len(seeds)
    for entry in catalog["documents"]:
        shutil.copyfile(ROOT / "seeds" / entry["source"], dest / "seeds" / entry["source"])
    (dest / "seeds" / "catalog.yml").write_text(yaml.safe_dump(catalog, allow_unicode=True, sort_keys=False),
                                                encoding="utf-8")
    return dest


def seed_path(project: Path, prefix: str = "004") -> Path:
    return next((project / "seeds").glob(f"{prefix}_*.txt"))


def build_command(project: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "build_edition", "--root", str(project), "--quiet", "build", *extra]


def run_build(project: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`build-edition --root <project> build`, as a user runs it."""
    return subprocess.run(build_command(project, *extra), capture_output=True, text=True, cwd=project,
                          env={**os.environ, **(env or {})}, timeout=900)


def snapshot(folder: Path) -> dict[str, bytes] | None:
    """Every file under ``folder`` with its bytes (None when the folder does not exist)."""
    if not folder.exists():
        return None
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def reading_chunks(files: dict[str, bytes]) -> list[bytes]:
    """The text chunks of the pages of a content/ snapshot (each ends with its `{: #p<line> ... }`), without
    the apparatus; stripped, since a page's last paragraph keeps the file's line end only when no apparatus
    follows it."""
    pages = [v for k, v in sorted(files.items()) if re.fullmatch(r"[\w-]+/\d\d-[^/]*\.md", k)]
    return [chunk.strip() for page in pages for chunk in page.split(b"\n\n") if re.search(rb"\{: #p\d", chunk)]
