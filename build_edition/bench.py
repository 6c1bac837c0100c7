"""`build-edition bench` (placeholder, filled in below)."""
from __future__ import annotations


def add_arguments(parser) -> None:
    pass


def main(project, args) -> int:
    return 0
