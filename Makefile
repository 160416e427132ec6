# The two commands from the README: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTHON ?= python3

.PHONY: run test install lint format migrations-check bench-gesprekstool bench-kennisplein

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed
	@# A first version of all content without one, so an editor's first change can be compared.
	@$(PY) manage.py createinitialrevisions --comment "Eerste versie." --verbosity 0
	@$(PY) manage.py ensure_dev_editor
	@$(PY) manage.py ensure_dev_professional
	@echo ""
	@echo "  Werken aan Herstel draait op http://127.0.0.1:$(PORT)/"
	@echo "  Beheer (admin):             http://127.0.0.1:$(PORT)/beheer/"
	@echo "  Mijn gesprekken:            http://127.0.0.1:$(PORT)/gesprekstool/mijn/"
	@echo "  Stoppen: Ctrl-C"
	@echo ""
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

bench-gesprekstool: install
	$(PY) bench/gesprekstool.py

bench-kennisplein: install
	$(PY) bench/kennisplein_bench.py
