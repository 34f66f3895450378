# Two entry points for a fresh machine with python3 (3.11+) and make:
#   make demo   set up .venv and show the shipped demo library
#   make test   set up .venv and run lint, format check, type check and the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NOTES := notes
# pytest processes for `make test` (pytest-xdist): one more than the cores, because most of the
# suite's time is podnotes subprocesses and waits (2 cores: 3 workers ~70 s, 2 workers ~85 s).
# WORKERS=0 runs it in one process.
WORKERS ?= $(shell echo $$(( $$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1) + 1 )))

.PHONY: setup demo test lint typecheck bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -qq --disable-pip-version-check -e '.[dev]'
	$(BIN)/python -m compileall -q src  # an editable install has no bytecode; start-up wants it
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/podnotes --notes-dir $(NOTES) list
	$(BIN)/podnotes --notes-dir $(NOTES) takeaways

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/python -m pytest -q -n $(WORKERS) --dist worksteal

bench: $(STAMP)
	$(BIN)/python -m pip install -qq --disable-pip-version-check -e '.[dev,bench]'
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist
