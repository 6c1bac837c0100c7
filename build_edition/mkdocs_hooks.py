"""MkDocs hooks: the navigation comes from content/_nav.yml, written by the pipeline with the document outline."""
from __future__ import annotations

from pathlib import Path

import yaml


def on_config(config, **kwargs):
    nav_file = Path(config["docs_dir"]) / "_nav.yml"
    if nav_file.exists() and not config.get("nav"):
        config["nav"] = yaml.safe_load(nav_file.read_text(encoding="utf-8"))
    return config
