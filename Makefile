# Two commands for a fresh machine:
#   make run   — set up what the app needs, ingest corpus/ into ./kb_data if it is empty, start the app
#   make test  — add the test requirements and the Debian packages the tests need, run the tests
# Set-up is two steps with a stamp each, so `make run` never installs the test stack (torch,
# sentence-transformers, playwright: about 2 GB) and `make test` after it only adds that.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c  # a pip failure is not hidden by the filter after it
VENV ?= .venv
PY := $(VENV)/bin/python
KB := $(VENV)/bin/kb
PORT ?= 8501
# test processes (pytest-xdist, one file per process at a time): the suite is mostly single-
# threaded models and child processes, so two processes on two cores take about 60 % of the time
TEST_WORKERS ?= 2
RUNTIME_STAMP := $(VENV)/.runtime-installed
TEST_STAMP := $(VENV)/.test-installed
# one line per package pip fetches or installs, no bars (readable in CI logs too)
PIP := $(PY) -m pip install --progress-bar off --disable-pip-version-check

.PHONY: setup setup-test system-deps test run eval bench

setup: $(RUNTIME_STAMP)

setup-test: $(TEST_STAMP)

$(RUNTIME_STAMP): requirements.txt requirements-ocr.txt pyproject.toml
	@echo "[1/3] 虚拟环境 $(VENV) (virtualenv)"
	@test -x $(PY) || python3 -m venv $(VENV)
	@echo "[2/3] 运行所需的包 requirements.txt + requirements-ocr.txt (runtime packages)"
	@$(PIP) -r requirements.txt -r requirements-ocr.txt 2>&1 | { grep --line-buffered -E '^(Collecting|Successfully|ERROR)' || true; }
	@echo "[3/3] 本项目 policykb (editable)"
	@$(PIP) -q --no-deps -e .
	@touch $@

$(TEST_STAMP): $(RUNTIME_STAMP) requirements-dev.txt requirements-milvus.txt
	@echo "[test] 测试所需的包 requirements-dev.txt (test packages: pytest, pytest-xdist, playwright, torch CPU, sentence-transformers, icalendar, Milvus Lite)"
	@$(PIP) -r requirements-dev.txt 2>&1 | { grep --line-buffered -E '^(Collecting|Successfully|ERROR)' || true; }
	@touch $@

system-deps:
	bash scripts/system_deps.sh

test: setup-test system-deps
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile

# One `kb docs`: its list both says whether the KB is empty (then corpus/ is ingested, which
# lists each file) and is shown. The file watcher is off (it would crawl .venv and the KB for
# changes a user never makes); the viewer toolbar leaves out the developer menu.
run: setup
	@docs="$$($(KB) docs)" || exit 1; \
	if [ -z "$$docs" ]; then $(KB) ingest corpus/; else echo "$$docs"; fi
	@echo "starting the app: open http://localhost:$(PORT) (Ctrl-C stops it)"
	$(PY) -m streamlit run app.py --server.headless true --server.address localhost \
		--server.port $(PORT) --server.fileWatcherType none --browser.gatherUsageStats false \
		--client.toolbarMode viewer

eval: setup-test
	$(PY) bench/eval_extract.py
	$(PY) bench/eval_search.py
	$(PY) bench/eval_qa.py

bench: setup-test system-deps
	$(PY) bench/bench_ingest.py
	$(PY) bench/bench_search.py
	$(PY) bench/bench_formats.py
	$(PY) bench/bench_app.py
