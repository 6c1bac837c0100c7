# Two entry points for everyone: `make site` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONHASHSEED := 0

.PHONY: site serve test eval residue lint bench bench-search clean

$(BIN)/build-edition: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

site: $(BIN)/build-edition
	$(BIN)/build-edition build
	$(BIN)/mkdocs build --strict
	@echo "Site built: open $(CURDIR)/site/index.html (or run 'make serve' for http://127.0.0.1:8000/)"

serve: site
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(BIN)/build-edition
	$(BIN)/python -m tests.setup_browsers
	$(BIN)/python -m pytest

eval: $(BIN)/build-edition
	$(BIN)/build-edition eval --gold ../shared/gold/dev.jsonl

residue: $(BIN)/build-edition
	$(BIN)/build-edition residue

# Search benchmark over ../shared/gold/search-dev.jsonl and bench/search-queries.jsonl: recall@5,
# latency after the last keystroke (CPU ×4), bytes of a first query; builds the site if it has no index.
bench-search: $(BIN)/build-edition
	$(BIN)/python -m tests.setup_browsers
	@test -f site/pagefind/pagefind.js || $(MAKE) site
	$(BIN)/python bench/search_bench.py --site site

clean:
	rm -rf site .pytest_cache
