# Lainaamo: everything runs from the virtualenv in .venv, installed from the lock files.
#
#   make run      the demo on http://127.0.0.1:8000 (SQLite in var/, demo data loaded)
#   make test     lint, migration and deploy checks, then the suite on SQLite and on PostgreSQL
#   make lint | fmt | bench | messages | compilemessages

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PYTEST_ARGS ?=
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# Production settings for `check --deploy`; the key is thrown away after the check.
PRODUCTION_ENV = env -u DATABASE_URL -u DEBUG DJANGO_ENV=production \
	SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	ALLOWED_HOSTS=example.org SITE_URL=https://example.org

.PHONY: help venv venv-dev run test check test-sqlite test-postgres lint fmt bench messages \
	compilemessages

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))

# --- virtualenv: a stamp per lock file, so a changed lock installs again ---------------------

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-runtime: requirements.lock | $(BIN)/python
	$(BIN)/pip install --require-hashes -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --require-hashes -r requirements-dev.lock
	touch $@

venv: $(VENV)/.installed-runtime
venv-dev: $(VENV)/.installed-dev

var:
	mkdir -p var

# --- the demo -----------------------------------------------------------------------------

run: venv | var
	@# Compiled catalogues are needed for fi and sv; without gettext, use those already built.
	@if command -v msgfmt >/dev/null; then $(MAKE) --no-print-directory compilemessages; fi
	$(MANAGE) migrate --noinput
	STATIC_MANIFEST=1 $(MANAGE) collectstatic --noinput
	$(MANAGE) load_demo
	@echo
	@echo "Lainaamo: http://127.0.0.1:8000/"
	@if $(MANAGE) help demo_logins >/dev/null 2>&1; then $(MANAGE) demo_logins; fi
	@echo
	@# Hashed static file names are only used with DEBUG off.
	STATIC_MANIFEST=1 DEBUG=0 $(BIN)/gunicorn config.wsgi --bind 127.0.0.1:8000 \
		--workers 2 --threads 4

# --- tests ----------------------------------------------------------------------------------

test: check test-sqlite test-postgres

check: lint | var
	env -u DATABASE_URL $(MANAGE) makemigrations --check --dry-run
	$(PRODUCTION_ENV) $(MANAGE) check --deploy --fail-level WARNING

# Exit status 5 (no tests collected) fails like any other: a suite that ran nothing passed nothing.
test-sqlite: venv-dev compilemessages | var
	@echo "==> test suite on SQLite"
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: venv-dev compilemessages
	@echo "==> test suite on PostgreSQL"
	scripts/test_postgres.sh $(PYTEST_ARGS)

lint: venv-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: venv-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The figures in the README: on SQLite, then on a throwaway PostgreSQL.
bench: venv-dev | var
	@echo "==> benchmarks on SQLite"
	env -u DATABASE_URL $(BIN)/python bench/run.py $(BENCH_ARGS)
	@echo "==> benchmarks on PostgreSQL"
	scripts/with_postgres.sh $(BIN)/python bench/run.py $(BENCH_ARGS)

# --- translations ---------------------------------------------------------------------------

messages: venv
	$(MANAGE) makemessages -l fi -l sv -l en --no-obsolete -e py,html,txt \
		-i staticfiles -i var -i bench

compilemessages: venv
	$(MANAGE) compilemessages -i .venv -i staticfiles -i var
