"""Reading the input: the catalogue (seeds/catalog.yml), its per-document overrides, seeds decoded into Documents."""
