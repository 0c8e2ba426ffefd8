# Two commands do all set-up on a fresh machine:
#   make book   create .venv, install the pinned versions, build _build/html
#   make test   same install, then ruff, pytest and the strict book build
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements-lock.txt
STAMP := $(VENV)/.installed-stamp
# Sphinx warnings are errors; -n also reports every broken cross-reference.
JB_STRICT := -W -n --keep-going

.PHONY: install book test lint pytest book-strict book-latex lock clean

install: $(STAMP)

$(STAMP): pyproject.toml $(LOCK)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(LOCK) -e '.[book,test]'
	@touch $@

book: $(STAMP)
	$(BIN)/python tools/book_cache.py
	$(BIN)/jupyter-book build . $(JB_STRICT)

test: lint pytest book-strict book-latex

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

pytest: $(STAMP)
	$(BIN)/python -m pytest

# --all re-reads every page (its cached execution is reused), so a warning in a page that
# did not change since the last build is reported again instead of hidden.
book-strict: $(STAMP)
	$(BIN)/python tools/book_cache.py
	$(BIN)/jupyter-book build . $(JB_STRICT) --all

# The LaTeX sources (no TeX needed): figures must come with an image a PDF can show.  Reuses
# the executions and environment of the HTML build, so it takes seconds.
book-latex: book-strict
	$(BIN)/jupyter-book build . --builder latex $(JB_STRICT)
	$(BIN)/python tools/check_latex.py _build/latex/book.tex

# Regenerate the lock after changing pyproject.toml (torch stays at the local CPU wheel).
lock:
	rm -rf /tmp/nnbook-lock-venv
	$(PYTHON) -m venv /tmp/nnbook-lock-venv
	/tmp/nnbook-lock-venv/bin/pip install --quiet torch==2.13.0 -e '.[book,test]'
	{ sed -n '1,3p' $(LOCK); /tmp/nnbook-lock-venv/bin/pip freeze --exclude-editable \
	  | sed 's/^torch==2.13.0+cpu$$/torch==2.13.0/'; } > $(LOCK).new
	mv $(LOCK).new $(LOCK)

clean:
	rm -rf _build
