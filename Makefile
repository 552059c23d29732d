# Two commands: `make reproduce` (set up, build data/, run the notebooks, write figures/)
# and `make test` (set up, run the tests). Everything runs in .venv with the locked versions.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
CORPUS ?=
METADATA ?=
FIGURES_OUT ?= figures-custom

.PHONY: setup data figures reproduce test lint format lab clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

data: setup
	$(BIN)/python -m analysis build data/raw --out data --no-progress --strict

ifeq ($(strip $(CORPUS)),)
figures: data
	$(BIN)/python -m analysis notebooks
else
figures: setup
	$(BIN)/python -m analysis build $(CORPUS) --out $(FIGURES_OUT)/data $(if $(strip $(METADATA)),--metadata $(METADATA))
	NEWS_DATA_DIR=$(abspath $(FIGURES_OUT))/data NEWS_FIGURES_DIR=$(abspath $(FIGURES_OUT)) $(BIN)/python -m analysis notebooks
endif

reproduce: figures

test: lint
	$(BIN)/python -m pytest

# ruff (configured in pyproject.toml): lint and format check of the package, tests and benchmarks
lint: setup
	$(BIN)/ruff check analysis tests benchmarks
	$(BIN)/ruff format --check analysis tests benchmarks

format: setup
	$(BIN)/ruff check --fix analysis tests benchmarks
	$(BIN)/ruff format analysis tests benchmarks

lab: setup
	$(BIN)/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
