"""Kazakh digital edition: restore damaged Kazakh texts and write a curated Markdown edition."""

__version__ = "0.1.0"
