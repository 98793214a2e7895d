# Two commands on a fresh machine: `make run` and `make test`. Each creates .venv when missing
# and installs what it needs (again only when pyproject.toml changes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run
PORT ?= 8000

.PHONY: run test lint bench clean system

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP) $(RUN_STAMP)

# serving needs only the package itself, not the development tools
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUN_STAMP)

## The web app on http://127.0.0.1:8000/ (SQLite in your data folder; PORT=8080 for another port).
run: $(RUN_STAMP)
	$(BIN)/isohold serve --port $(PORT)

## Lint, type-check, layer rules and the whole test suite (browser tests use Debian's chromium;
## desktop-notification tests run a private D-Bus session bus).
test: lint system
	$(BIN)/python -m pytest --cov=isohold --cov-report=term:skip-covered

SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
# reports: WeasyPrint's Pango and a font; poppler-utils (pdftoppm) and zbar-tools (zbarimg) let
# the tests look at the PDFs and read the handout's QR code; faketime starts a command's clock on
# a chosen working day (tests/support/clocks.py); deploy/ is checked by docker-compose, caddy and
# systemd-analyze (tests/deploy), and openssl makes the TLS tests' certificates
APT := chromium dbus-daemon libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils \
	zbar-tools faketime docker-compose caddy systemd openssl
system:
	@missing="$$(for p in $(APT); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done)"; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; fi

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

## Benchmarks: print figures (no pass/fail). bench/api.py drives the server with Debian's wrk,
## installed here only (`make test` never needs it).
bench: $(STAMP)
	@dpkg -s wrk >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python bench/plan.py
	$(BIN)/python bench/log.py
	$(BIN)/python bench/api.py
	$(BIN)/python bench/timer.py
	$(BIN)/python bench/force.py
	$(BIN)/python bench/clinic.py
	$(BIN)/python bench/clinic_load.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
