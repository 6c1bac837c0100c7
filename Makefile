# Two entry points for everyone: `make site` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TEST_DEPS := $(VENV)/.test-dependencies
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1
export PYTHONHASHSEED := 0

.PHONY: site serve test test-fast checks eval residue lint bench bench-search bench-lighthouse clean

# The virtualenv with the package and its runtime dependencies. `python3 -m venv` needs Debian's
# python3-venv; without it, virtualenv (if installed) is used instead.
$(BIN)/build-edition: pyproject.toml
	@echo "Installing into $(VENV)/ (the first run downloads the dependencies and takes a few minutes)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); $(PYTHON) -m virtualenv $(VENV); } || { \
	  echo "error: cannot create $(VENV)/: install the venv module (Debian/Ubuntu: sudo apt-get install python3-venv)" \
	       "or virtualenv (pip install virtualenv), then rerun make" >&2; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# Test dependencies (pytest, Playwright's Python API...) on top of the package.
$(TEST_DEPS): $(BIN)/build-edition
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

site: $(BIN)/build-edition
	$(BIN)/build-edition build
	$(BIN)/mkdocs build --strict
	@echo
	@echo "Site built in $(CURDIR)/site/"
	@echo "Open it with 'make serve' at http://127.0.0.1:$(PORT)/ (search and page links need a web server)."

# Serves the built site as it is published (no rebuild on change; run `make site` again).
serve: site
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory site

# The static checks: the package's layers (import-linter, [tool.importlinter] in pyproject.toml) and ruff.
checks: $(TEST_DEPS)
	$(BIN)/lint-imports --no-logo
	$(BIN)/ruff check build_edition tests bench

# Everything: the checks, then every test, one pytest worker per core (at most 4: each worker builds its
# own test site).
test: checks
	$(BIN)/python -m tests.setup_browsers
	$(BIN)/python -m pytest -n auto --maxprocesses 4

# A developer's own loop: the checks, unit tests and doctests; no site build, no project copy, no browser
# (the `slow` and `browser` markers, see pyproject.toml).
test-fast: checks
	$(BIN)/python -m pytest -m "not slow and not browser"

# CER on the gold passages, then on unseen documents (clean texts damaged like the seeds) and with
# each gold seed left out of the evidence (build_edition/tools/unseen.py)
eval: $(BIN)/build-edition
	$(BIN)/build-edition eval --gold ../shared/gold/dev.jsonl
	@echo
	$(BIN)/build-edition eval --unseen --gold ../shared/gold/dev.jsonl

residue: $(BIN)/build-edition
	$(BIN)/build-edition residue

# The pull-request gate on content/ (CONTRIBUTING.md "Linter messages"): errors fail it; the reviewed,
# accepted findings of the source are in lint-baseline.yml. On GitHub Actions findings are also annotations.
lint: $(BIN)/build-edition
	$(BIN)/build-edition lint

# Time and memory of the pipeline (per pass, per document, whole), the rebuilds, mkdocs build, site and
# search index sizes, the heaviest page, and synthetic corpora of BENCH_SCALES times the seeds, as one
# table (build_edition/bench.py). Builds in a temporary folder only.
BENCH_SCALES ?= 10,50
bench: $(BIN)/build-edition
	$(BIN)/build-edition bench --scales $(BENCH_SCALES)

# Search benchmark over ../shared/gold/search-dev.jsonl and bench/search-queries.jsonl: recall@5,
# latency after the last keystroke (CPU ×4), bytes of a first query; builds the site if it has no index.
bench-search: $(TEST_DEPS)
	$(BIN)/python -m tests.setup_browsers
	@test -f site/pagefind/pagefind.js || $(MAKE) site
	$(BIN)/python bench/search_bench.py --site site

# Lighthouse mobile performance of the longest book chapter served with gzip (bench/lighthouse_bench.py):
# the median score of 3 runs and its metrics. A measurement, not a test: it depends on the machine's load.
bench-lighthouse: $(BIN)/build-edition
	npm ci --prefix bench/lighthouse --ignore-scripts --no-audit --no-fund
	@test -f site/index.html || $(MAKE) site
	$(BIN)/python bench/lighthouse_bench.py --site site

clean:
	rm -rf site .pytest_cache .ruff_cache .grimp_cache .import_linter_cache
