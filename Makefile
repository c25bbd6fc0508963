# The two quick-start commands are `make run` and `make test`; everything else is a helper.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
DEMO_USER ?= demo
# pytest workers for `make test` (pytest-xdist): one per core of a 2-core machine; 0 runs
# the suite in one process.
PYTEST_WORKERS ?= 2
DEMO_PASSWORD ?= check-the-quotes-24
# A DEMO_PASSWORD given on the command line or in the environment is set on an existing demo
# account; the default one is only used to create it (an account's own password stands).
DEMO_SET_PASSWORD := $(if $(filter environment command% override,$(origin DEMO_PASSWORD)),--set-password)

.PHONY: run test setup axe lint bench bench-big bench-accuracy clean

$(BIN)/claims-app: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

setup: $(BIN)/claims-app  ## create the virtual environment and install claims_app with its test tools

AXE := tests/web/axe/node_modules/axe-core/axe.min.js

$(AXE): tests/web/axe/package.json tests/web/axe/package-lock.json
	cd tests/web/axe && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

axe: $(AXE)  ## axe-core (pinned in tests/web/axe/package-lock.json) for the accessibility tests; needs npm

run: setup  ## migrate the embedded SQLite database, import the seeds, add the demo reviewer, serve
	$(BIN)/claims-app db upgrade
	$(BIN)/claims-app import seeds/
	@$(BIN)/claims-app users create $(DEMO_USER) --role reviewer --password '$(DEMO_PASSWORD)' --if-missing $(DEMO_SET_PASSWORD) --print-login
	CLAIMS_BASE_URL=$${CLAIMS_BASE_URL:-http://$(HOST):$(PORT)/} $(BIN)/claims-app serve --host $(HOST) --port $(PORT)

test: setup axe  ## the whole suite, on SQLite and (when reachable) PostgreSQL
	$(BIN)/ruff check claims_app tests benchmarks
	$(BIN)/mypy claims_app
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: setup  ## ruff over the code, tests and benchmarks; mypy over claims_app (settings in pyproject.toml)
	$(BIN)/ruff check claims_app tests benchmarks
	$(BIN)/mypy claims_app

bench: setup  ## the fast benchmark sizes; figures go to stdout (see BENCHMARKS.md)
	$(BIN)/python benchmarks/run_all.py --quick

bench-big: setup  ## the large sizes (up to a million claims); takes a long time
	$(BIN)/python benchmarks/run_all.py --big

bench-accuracy: setup  ## extraction figures on a PolNeAR checkout: make bench-accuracy POLNEAR=PATH
	@test -n "$(POLNEAR)" || (echo "usage: make bench-accuracy POLNEAR=path/to/PolNeAR" && exit 2)
	$(BIN)/python benchmarks/bench_accuracy.py $(POLNEAR) --split dev

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache *.egg-info
