# The two commands: `make run` and `make test`. Everything else is a step of theirs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TS_SDK := clients/sdk/typescript
PY_SDK := clients/sdk/python
TS_SDK_DEPS := $(TS_SDK)/node_modules/.installed
TS_SDK_DIST := $(TS_SDK)/dist/index.js
WEB := clients/web
WEB_DEPS := $(WEB)/node_modules/.installed
MOBILE := clients/mobile
MOBILE_DEPS := $(MOBILE)/node_modules/.installed
# Node.js 20 or newer, with npm: the web app and the TypeScript SDK need it.
HAVE_NODE = command -v npm >/dev/null 2>&1 && node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' 2>/dev/null
NODE_HINT = Node.js 20+ with npm is needed for the web app: https://nodejs.org/en/download (or your package manager: apt-get install nodejs npm)

.PHONY: run test lint openapi openapi-check install clean bench fuzz sdk sdk-python sdk-typescript sdk-test web web-test mobile-deps mobile-test

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# Builds the web app when Node.js 20+ is there (the API then serves it at /), else
# serves the API alone and says how to get Node.js.
run: $(STAMP)
	@if $(HAVE_NODE); then \
	  $(MAKE) --no-print-directory web; \
	else \
	  echo "NOTE: serving the API only. $(NODE_HINT), then \`make run\` again for the web app."; \
	fi
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

# The TypeScript SDK's own tests (node's test runner) run first; pytest stays the last
# runner, and its suite checks that both SDKs are generated from the current contract.
test: lint openapi-check sdk-test web-test mobile-test
	$(BIN)/pytest -p no:cacheprovider -n 2 --dist loadgroup

# Regenerates both SDKs from openapi/openapi.json (after an API change: `make openapi sdk`).
sdk: sdk-python sdk-typescript

sdk-python: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/openapi-python-client generate --path openapi/openapi.json \
	  --config openapi/sdk-python.yaml --custom-template-path openapi/sdk-python-templates \
	  --output-path $(PY_SDK) --overwrite --meta uv
	rm -rf $(PY_SDK)/.ruff_cache

sdk-typescript: $(TS_SDK_DEPS)
	cd $(TS_SDK) && npm run --silent generate && npm run --silent build

# Exact versions from the SDK's package-lock.json; `npm ci` only when it changed.
$(TS_SDK_DEPS): $(TS_SDK)/package.json $(TS_SDK)/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "Node.js 20+ and npm are needed for the TypeScript SDK" >&2; exit 1; }
	cd $(TS_SDK) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The SDK's build, which the web app installs as a package (file:../sdk/typescript).
$(TS_SDK_DIST): $(TS_SDK_DEPS) $(wildcard $(TS_SDK)/src/*.ts $(TS_SDK)/src/generated/*.ts)
	cd $(TS_SDK) && npm run --silent build

# Exact versions from the web app's package-lock.json, reinstalled when it or the SDK
# changes (npm copies the SDK's build into node_modules: install-links=true).
$(WEB_DEPS): $(WEB)/package.json $(WEB)/package-lock.json $(TS_SDK)/package.json $(wildcard $(TS_SDK)/src/*.ts $(TS_SDK)/src/generated/*.ts) | $(TS_SDK_DIST)
	@$(HAVE_NODE) || { echo "$(NODE_HINT)" >&2; exit 1; }
	cd $(WEB) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The web app (React SPA) into clients/web/dist, which the API serves at /.
web: $(WEB_DEPS)
	cd $(WEB) && npm run --silent build

# The web app's tests: Vitest component tests, then Playwright journeys in Debian's
# chromium against a live API with demo data. Without Node.js they are skipped, except
# under CI=true; chromium is installed with apt-get when it is missing and apt is there.
web-test: $(STAMP)
	@if $(HAVE_NODE); then \
	  if [ ! -x "$${CRM_CHROMIUM:-/usr/bin/chromium}" ] && command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "Installing chromium for the browser tests (apt-get)..."; \
	    { apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }; } || true; \
	  fi; \
	  $(MAKE) --no-print-directory web && cd $(WEB) && node scripts/test.mjs; \
	elif [ "$$CI" = "true" ]; then \
	  echo "Node.js 20+ and npm are missing: CI=true needs the web app's tests" >&2; exit 1; \
	else \
	  echo "SKIPPED: the web app's tests (Node.js 20+ and npm are not installed)"; \
	fi

# Exact versions from the mobile app's package-lock.json, reinstalled when it or the SDK
# changes (like the web app's).
$(MOBILE_DEPS): $(MOBILE)/package.json $(MOBILE)/package-lock.json $(TS_SDK)/package.json $(wildcard $(TS_SDK)/src/*.ts $(TS_SDK)/src/generated/*.ts) | $(TS_SDK_DIST)
	@$(HAVE_NODE) || { echo "$(NODE_HINT)" >&2; exit 1; }
	cd $(MOBILE) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

mobile-deps: $(MOBILE_DEPS)

# The mobile app's tests: jest (jest-expo, Testing Library), then the web export in Debian's
# chromium against a live API with demo data (skipped without chromium, except under CI=true).
# Without Node.js they are skipped, except under CI=true.
mobile-test: $(STAMP)
	@if $(HAVE_NODE); then \
	  $(MAKE) --no-print-directory $(MOBILE_DEPS) && cd $(MOBILE) && node scripts/test.mjs; \
	elif [ "$$CI" = "true" ]; then \
	  echo "Node.js 20+ and npm are missing: CI=true needs the mobile app's tests" >&2; exit 1; \
	else \
	  echo "SKIPPED: the mobile app's tests (Node.js 20+ and npm are not installed)"; \
	fi

# Builds the TypeScript SDK and runs its tests against a live API the tests start
# (uvicorn from .venv on a free port). Without Node.js they are skipped, except under CI=true.
sdk-test: $(STAMP)
	@if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory $(TS_SDK_DEPS) && \
	  cd $(TS_SDK) && npm test --silent; \
	elif [ "$$CI" = "true" ]; then \
	  echo "Node.js 20+ and npm are missing: CI=true needs the TypeScript SDK tests" >&2; exit 1; \
	else \
	  echo "SKIPPED: the TypeScript SDK tests (Node.js 20+ and npm are not installed)"; \
	fi

fuzz: $(STAMP)
	CRM_FUZZ_EXAMPLES=500 $(BIN)/pytest -p no:cacheprovider tests/contract/test_conformance.py

# Seeds PostgreSQL with 1M contacts once (reused while its parameters and generator stay
# the same), then times the contact lists. Not part of `make test`. See bench/README.md.
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/python -m bench.seed --reuse
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# The contacts list over HTTP: `crm serve` against a bare ASGI app on the same SQL
# (bench/floor.py), loaded in turns by wrk (or an asyncio client without it). Seeds as
# `make bench` does. Not part of `make test`. See bench/README.md.
.PHONY: bench-http
BENCH_HTTP_ARGS ?=
bench-http: $(STAMP)
	$(BIN)/python -m bench.seed --reuse
	$(BIN)/python -m bench.http $(BENCH_HTTP_ARGS)

# Seeds PostgreSQL with 200,000 deals and their history once (reused while its parameters
# and generator stay the same), then times the deal board and the forecast and funnel
# reports. Not part of `make test`. See bench/DEALS.md.
.PHONY: bench-deals
BENCH_DEALS_ARGS ?=
bench-deals: $(STAMP)
	$(BIN)/python -m bench.deals_seed --reuse
	$(BIN)/python -m bench.deals_run $(BENCH_DEALS_ARGS)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
	rm -rf $(TS_SDK)/node_modules $(TS_SDK)/dist $(TS_SDK)/dist-test
	rm -rf $(WEB)/node_modules $(WEB)/dist $(WEB)/test-results $(WEB)/e2e/.results
	rm -rf $(MOBILE)/node_modules $(MOBILE)/dist $(MOBILE)/test-results
