# Run `make help` to see what each target does.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run setup migrate demo test e2e bench lint format check-migrations clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-18s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
		{ echo "The portal needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)." \
		  "Install a newer Python or run: make PYTHON=python3.12 ..."; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv and install the pinned requirements (only when they changed)

migrate: setup ## Apply database migrations
	$(MANAGE) migrate --no-input

demo: migrate ## Load the demo content (safe to repeat)
	$(MANAGE) load_demo_content

run: demo ## Set everything up and serve the site at http://127.0.0.1:8000/
	@echo
	@echo "  The portal is at http://$(HOST):$(PORT)/ and its admin at http://$(HOST):$(PORT)/admin/"
	@echo "  To make a staff login, run:  $(BIN)/python manage.py createsuperuser"
	@echo
	$(MANAGE) runserver $(HOST):$(PORT)

bench: setup ## Measure pages, search, submissions and throughput on a large data set of its own
	@command -v wrk >/dev/null || { echo "make bench needs wrk: apt-get install wrk"; exit 1; }
	$(BIN)/python bench/run.py

lint: setup ## Check code style with ruff (lint and format)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup ## Fix what ruff can fix and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-migrations: setup ## Fail if a model change has no migration
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run

test: lint check-migrations ## Lint, check migrations and run the test suite (browser tests too, with Chromium)
	$(BIN)/pytest

e2e: setup ## Run only the browser tests (needs /usr/bin/chromium: apt-get install chromium)
	$(BIN)/pytest tests/e2e

clean: ## Remove the virtualenv, caches and the local SQLite database
	rm -rf $(VENV) .pytest_cache .ruff_cache .coverage htmlcov db.sqlite3
