# Kundenakte — `make run` to start, `make test` to test. Everything installs into .venv.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/kundenakte_test

.PHONY: run install migrate demo test test-postgres test-browser lint format bench messages clean

$(STAMP): requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
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
	DEBUG=1 $(MANAGE) runserver 127.0.0.1:8000

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: lint messages
	$(VENV)/bin/pytest

test-postgres: install messages
	DATABASE_URL=$(PG_TEST_URL) $(VENV)/bin/pytest

bench: install messages
	$(PY) -m bench

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
