"""Measuring tools: evaluation against the gold, benchmarks, synthetic corpora."""
