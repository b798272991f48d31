# Kundenakte — `make run` to start, `make test` to test. Everything installs into .venv.
# Django 5.2 runs on Python 3.11 to 3.13: take the first of these that really runs and is in
# range (a pyenv shim may exist without its version being active), or set PYTHON=... yourself.
PYTHON_CANDIDATES := python3.11 python3.12 python3.13 python3
IN_RANGE := import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))
ifeq ($(origin PYTHON),undefined)
PYTHON := $(firstword $(foreach p,$(PYTHON_CANDIDATES),$(shell $(p) -c '$(IN_RANGE)' >/dev/null 2>&1 && echo $(p))))
endif
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/kundenakte_test

.PHONY: run install migrate demo test test-postgres test-browser lint typecheck migrations-check \
	format bench bench-import messages clean

$(STAMP): requirements.txt requirements-dev.txt
	@test -n "$(PYTHON)" && $(PYTHON) -c '$(IN_RANGE)' 2>/dev/null || { \
	  echo "Kundenakte needs Python 3.11, 3.12 or 3.13 (what Django 5.2 supports)."; \
	  echo "Tried: $(or $(PYTHON),$(PYTHON_CANDIDATES)) — none runs as one of those."; \
	  echo "Install Python 3.13 (apt install python3.13, pyenv install 3.13 or python.org)"; \
	  echo "or name an interpreter: make PYTHON=/path/to/python3.12"; exit 1; }
	@echo "Using $(PYTHON) ($$($(PYTHON) -c 'import sys; print(sys.version.split()[0])'))"
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

messages: $(STAMP)
	DEBUG=1 $(MANAGE) compilemessages --ignore=.venv >/dev/null

migrate: install messages
	DEBUG=1 $(MANAGE) migrate --no-input

run: migrate
	DEBUG=1 $(MANAGE) load_demo --if-empty
	DEBUG=1 $(MANAGE) load_demo_documents --if-empty
	@echo ""
	@echo "  Kundenakte läuft auf http://127.0.0.1:8000 — Anmeldung: demo / demo"
	@echo ""
	@# The worker runs imports and other background tasks; it stops with the server.
	DEBUG=1 $(MANAGE) db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  DEBUG=1 $(MANAGE) runserver 127.0.0.1:8000

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	$(VENV)/bin/mypy

# A model change without its migration fails here instead of on the next developer's machine.
migrations-check: install
	DEBUG=1 $(MANAGE) makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: lint typecheck migrations-check messages
	$(VENV)/bin/pytest

test-postgres: install messages
	DATABASE_URL=$(PG_TEST_URL) $(VENV)/bin/pytest

bench: install messages
	$(PY) -m bench

# The customer import of issue #13 alone (preview and import of 100,000 customers per database).
bench-import: install messages
	$(PY) -m bench.imports

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .mypy_cache
