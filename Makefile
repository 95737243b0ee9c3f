# The two commands a fresh clone needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: run test lint eval bench train-ner clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@ $(STAMP)

run: $(STAMP)
	$(VENV)/bin/jnews-extract extract --format table src/jnews_extract/data/sample_article.txt

lint: $(DEVSTAMP)
	$(VENV)/bin/ruff check src tests tools
	$(VENV)/bin/ruff format --check src tests tools
	$(VENV)/bin/mypy

test: lint
	$(VENV)/bin/pytest -q --durations=15 --nbmake --nbmake-timeout=900 tests notebooks

eval: $(DEVSTAMP)
	$(PY) tools/make_evaluation.py

bench: $(DEVSTAMP)
	$(PY) tools/bench.py

train-ner: $(DEVSTAMP)
	$(PY) tools/train_ner.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache
