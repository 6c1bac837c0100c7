"""Build the edition site into a scratch directory without touching content/ or site/.

    .venv/bin/python bench/build_site.py /tmp/search      # → /tmp/search/content, /tmp/search/site

Writes a copy of mkdocs.yml whose docs_dir, site_dir, theme.custom_dir and hooks point at absolute
paths (hook paths are relative to the config file, so a plain copy elsewhere would lose them).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def scratch_config(out: Path) -> Path:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^docs_dir:.*$", f"docs_dir: {out / 'content'}", text)
    text = re.sub(r"(?m)^site_dir:.*$", f"site_dir: {out / 'site'}", text)
    text = re.sub(r"(?m)^(\s*custom_dir:\s*)(\S+)\s*$", lambda m: f"{m.group(1)}{ROOT / m.group(2)}", text)
    # every hook entry: "  - build_edition/xyz.py"
    text = re.sub(r"(?m)^(\s*-\s*)(build_edition/\S+\.py)\s*$", lambda m: f"{m.group(1)}{ROOT / m.group(2)}", text)
    config = out / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def build(out: Path, *, content: bool = True) -> Path:
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    if content:
        subprocess.run([str(bin_dir / "build-edition"), "build", "--content", str(out / "content")],
                       cwd=ROOT, env=env, check=True)
    subprocess.run([str(bin_dir / "mkdocs"), "build", "--quiet", "-f", str(scratch_config(out))],
                   cwd=ROOT, env=env, check=True)
    return out / "site"


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--keep-content"]
    if len(args) != 1:
        sys.exit("usage: build_site.py [--keep-content] OUT_DIR")
    print(build(Path(args[0]), content="--keep-content" not in sys.argv))
