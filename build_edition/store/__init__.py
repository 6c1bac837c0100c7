"""The formats of content/ on disk: the page format, data files, segment-id registry, translations, atomic output."""
