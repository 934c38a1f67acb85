# SPDX-License-Identifier: AGPL-3.0-or-later
# Two commands: `make run` serves the portal with demo data; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test install system-packages lint typecheck layers check migrate demo openapi messages clean-var

$(PY):
	@scripts/ensure_python.sh $(PYTHON) $(VENV)

# Reinstall only when pyproject.toml changes (idempotent, offline-friendly after the first run).
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

system-packages:
	@scripts/ensure_system_packages.sh

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

run: install
	@scripts/run.sh $(PORT)

test: install system-packages
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check src tests bench conftest.py
	$(VENV)/bin/ruff format --check src tests bench conftest.py

typecheck: install
	$(VENV)/bin/mypy src/motcua

layers: install
	$(VENV)/bin/lint-imports

check: lint typecheck layers

openapi: install
	$(PY) scripts/export_openapi.py > src/motcua/api/openapi.json

messages: install
	$(PY) manage.py makemessages -l vi --no-location --ignore=.venv --ignore=var --ignore='*/tests/*'
	$(PY) manage.py compilemessages -l vi --ignore=.venv --ignore=var

clean-var:
	rm -rf var/motcua.sqlite3* var/static
