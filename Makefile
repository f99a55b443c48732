# Two commands do everything on a fresh Debian machine with Python >= 3.11:
#   make demo   install, then run the whole cycle on the Cầu Giấy sample
#   make test   install, then run the whole test suite (OCR, LibreOffice, Prefect, PostgreSQL)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup system demo test lint bench clean

setup: system $(STAMP)

system:
	bash scripts/install-system.sh

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[all,test]"
	touch $(STAMP)

demo: setup
	$(BIN)/chitieu demo

test: setup
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -n logical --dist loadfile -m "not alone"
	$(BIN)/python -m pytest -q -m alone

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: setup
	for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) outputs/* .pytest_cache
