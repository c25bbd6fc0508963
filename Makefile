# The two quick-start commands are `make run` and `make test`; everything else is a helper.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
DEMO_USER ?= demo
DEMO_PASSWORD ?= check-the-quotes-24
# A DEMO_PASSWORD given on the command line or in the environment is set on an existing demo
# account; the default one is only used to create it (an account's own password stands).
DEMO_SET_PASSWORD := $(if $(filter environment command% override,$(origin DEMO_PASSWORD)),--set-password)

.PHONY: run test setup lint bench bench-big clean

$(BIN)/claims-app: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

setup: $(BIN)/claims-app  ## create the virtual environment and install claims_app with its test tools

run: setup  ## migrate the embedded SQLite database, import the seeds, add the demo reviewer, serve
	$(BIN)/claims-app db upgrade
	$(BIN)/claims-app import seeds/
	@$(BIN)/claims-app users create $(DEMO_USER) --role reviewer --password '$(DEMO_PASSWORD)' --if-missing $(DEMO_SET_PASSWORD) --print-login
	$(BIN)/claims-app serve --host $(HOST) --port $(PORT)

test: setup  ## the whole suite, on SQLite and (when reachable) PostgreSQL
	$(BIN)/ruff check claims_app tests benchmarks
	$(BIN)/mypy claims_app
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup  ## ruff over the code, tests and benchmarks; mypy over claims_app (settings in pyproject.toml)
	$(BIN)/ruff check claims_app tests benchmarks
	$(BIN)/mypy claims_app

bench: setup  ## the fast benchmark sizes; figures go to stdout (see BENCHMARKS.md)
	$(BIN)/python benchmarks/run_all.py --quick

bench-big: setup  ## the large sizes (up to a million claims); takes a long time
	$(BIN)/python benchmarks/run_all.py --big

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache *.egg-info
