# Two commands for a fresh machine:
#   make run   — set up, ingest corpus/ into ./kb_data if it is empty, show what is in it
#   make test  — set up (Python packages and the Debian packages the tests need), run the tests
VENV ?= .venv
PY := $(VENV)/bin/python
KB := $(VENV)/bin/kb

.PHONY: setup system-deps test run eval bench

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	$(PY) -m pip install -q --no-deps -e .
	touch $@

system-deps:
	bash scripts/system_deps.sh

test: setup system-deps
	$(PY) -m pytest

run: setup
	@if [ -z "$$($(KB) docs 2>/dev/null)" ]; then $(KB) ingest corpus/; fi
	$(KB) docs
	@echo "next: $(KB) tasks --unit 应急局 --role lead    |    $(KB) export -o 任务分工表.xlsx"

eval: setup
	$(PY) bench/eval_extract.py

bench: setup
	$(PY) bench/bench_ingest.py
