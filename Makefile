# Engage Portal — `make run` to use it, `make test` to check it. `make help` lists every target.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8050
# The demo runs as at the board paper's date; `make run PORTAL_TODAY=` uses the real date.
PORTAL_TODAY ?= 2024-02-27
export PORTAL_TODAY

.PHONY: help install run demo test test-fast browser-deps screenshots bench lint clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the portal with its test tools

run: $(STAMP) ## Migrate, load the demo, serve on http://127.0.0.1:8050 with worker and beat
	$(BIN)/portal db upgrade
	$(BIN)/portal demo
	$(BIN)/portal serve --host $(HOST) --port $(PORT)

demo: $(STAMP) ## Migrate and load the demo without serving
	$(BIN)/portal db upgrade
	$(BIN)/portal demo

browser-deps: ## Chromium and chromedriver from Debian's packages, axe-core from npm (for browser tests)
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "Install Debian's chromium and chromium-driver for the browser tests"; fi; \
	fi
	@if [ ! -f .cache/npm/node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null; then \
	  npm install --silent --no-audit --no-fund --prefix .cache/npm axe-core@4 >/dev/null; fi

test: $(STAMP) browser-deps ## Run the whole suite (PostgreSQL and Redis too when CI=true)
	PORTAL_TODAY= $(BIN)/python -m pytest -q

test-fast: $(STAMP) ## Run the suite without the browser and worker tests
	PORTAL_TODAY= $(BIN)/python -m pytest -q -m "not browser and not worker"

screenshots: $(STAMP) browser-deps ## Regenerate docs/screenshots/ (every page for every role, headless Chromium)
	$(BIN)/python scripts/screenshots.py

bench: $(STAMP) browser-deps ## Speed figures: ingest, page callbacks, first render, load (JSON in bench-results/)
	$(BIN)/python -m bench

lint: $(STAMP) ## ruff
	$(BIN)/ruff check .

clean: ## Remove the virtualenv, caches and the local instance data
	rm -rf $(VENV) .cache .pytest_cache .ruff_cache instance *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
