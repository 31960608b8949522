# The whole set-up on a fresh machine: `make site`, `make test`, `make serve`.
# Everything is installed from the hashed lock files in requirements/ (`make lock` writes
# them from the ranges in pyproject.toml).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
SITE_STAMP := $(VENV)/.site
STAMP := $(VENV)/.installed
# Lock files: site.txt for building (runtime + spaCy model), test.txt adds the test extra.
SITE_LOCK := requirements/site.txt
TEST_LOCK := requirements/test.txt
UV := $(BIN)/uv
UV_COMPILE := $(UV) pip compile pyproject.toml --quiet --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command 'make lock' $(LOCK_FLAGS)
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test chromium lock quality bench clean

$(VENV)/bin/python:
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "error: '$(PYTHON) -m venv' failed:" \
	  "install Python 3.11 or later with venv (Debian: apt-get install python3-venv)" >&2; exit 1; }

# The project itself without build isolation: its build backend (setuptools) is in the lock.
$(SITE_STAMP): $(SITE_LOCK) pyproject.toml | $(VENV)/bin/python
	$(PIP) --require-hashes -r $(SITE_LOCK)
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

$(STAMP): $(TEST_LOCK) pyproject.toml | $(VENV)/bin/python
	$(PIP) --require-hashes -r $(TEST_LOCK)
	$(PIP) --no-deps --no-build-isolation -e .
	touch $(SITE_STAMP) $@

site: $(SITE_STAMP)
	$(BIN)/mkdocs build --strict

serve: $(SITE_STAMP)
	$(BIN)/mkdocs serve --dirty

# Chromium first: a missing browser stops `make test` at once, not in the middle of the run.
test: chromium $(STAMP)
	$(BIN)/python -m pytest -q

chromium:
	@sh .ci/chromium

# Regenerate both lock files from pyproject.toml's ranges (site.txt is constrained by
# test.txt, so the two agree). Versions already locked are kept unless a range excludes
# them; `make lock LOCK_FLAGS=--upgrade` takes the newest versions the ranges allow.
lock: | $(VENV)/bin/python
	$(PIP) 'uv>=0.9,<1'
	$(UV_COMPILE) --extra model --extra test -o $(TEST_LOCK)
	$(UV_COMPILE) --extra model -c $(TEST_LOCK) -o $(SITE_LOCK)

quality: $(STAMP)
	$(BIN)/python benchmarks/quality.py

clean:
	rm -rf site docs/news .digest-cache
