# The two commands: `make run` and `make test`. Everything else is a step of theirs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint openapi openapi-check install clean bench fuzz

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/crm serve

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/lint-imports

openapi: $(STAMP)
	$(BIN)/crm openapi

openapi-check: $(STAMP)
	$(BIN)/crm openapi --check

test: lint openapi-check
	$(BIN)/pytest -p no:cacheprovider -n 2 --dist loadgroup

fuzz: $(STAMP)
	CRM_FUZZ_EXAMPLES=500 $(BIN)/pytest -p no:cacheprovider tests/contract/test_conformance.py

bench: $(STAMP)
	@echo "No benchmarks yet: they arrive with the contacts issue."

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
