"""Enrichment that needs the ids: abbreviations, names, continuations, uncertain readings, foreign passages."""
