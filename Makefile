# Two commands on a fresh machine: `make run` and `make test`. Each creates .venv when missing
# and installs what it needs (again only when pyproject.toml changes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## The web app on http://127.0.0.1:8000/ (SQLite in your data folder).
run: $(STAMP)
	$(BIN)/isohold serve

## Lint, type-check, layer rules and the whole test suite.
test: lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

## Benchmarks: print figures (no pass/fail).
bench: $(STAMP)
	$(BIN)/python bench/plan.py
	$(BIN)/python bench/log.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
