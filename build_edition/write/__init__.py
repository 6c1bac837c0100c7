"""Documents become the Markdown of content/: pages, landing and home pages, enrichment, labels, navigation."""
