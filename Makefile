# Two commands for a fresh machine:
#   make run   — set up, ingest corpus/ into ./kb_data if it is empty, start the app on localhost
#   make test  — set up (Python packages and the Debian packages the tests need), run the tests
VENV ?= .venv
PY := $(VENV)/bin/python
KB := $(VENV)/bin/kb
PORT ?= 8501

.PHONY: setup system-deps test run eval bench

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-ocr.txt requirements-milvus.txt requirements-dev.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	$(PY) -m pip install -q --no-deps -e .
	touch $@

system-deps:
	bash scripts/system_deps.sh

test: setup system-deps
	$(PY) -m pytest

# The file watcher is off (it would crawl .venv and the KB for changes a user never makes);
# the viewer toolbar leaves out the developer menu.
run: setup
	@if [ -z "$$($(KB) docs 2>/dev/null)" ]; then $(KB) ingest corpus/; fi
	$(KB) docs
	@echo "starting the app: open http://localhost:$(PORT) (Ctrl-C stops it)"
	$(PY) -m streamlit run app.py --server.headless true --server.address localhost \
		--server.port $(PORT) --server.fileWatcherType none --browser.gatherUsageStats false \
		--client.toolbarMode viewer

eval: setup
	$(PY) bench/eval_extract.py
	$(PY) bench/eval_search.py
	$(PY) bench/eval_qa.py

bench: setup system-deps
	$(PY) bench/bench_ingest.py
	$(PY) bench/bench_search.py
	$(PY) bench/bench_formats.py
