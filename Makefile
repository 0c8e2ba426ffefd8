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
# While the chapters execute, each animated figure saves its GIF and SVG "for slides" here and
# links them (nnbook/player.py); html_extra_path in _config.yml copies the folder into the
# site.  Only the book's build sets it: a reader running a chapter does not wait for GIFs.
SLIDES := NNBOOK_SLIDES_DIR=$(CURDIR)/_build/site-extra/slides
JB := $(SLIDES) $(BIN)/jupyter-book
# Before Sphinx reads the pages, the chapters its cache lacks execute side by side, one per
# usable core (JOBS=n to choose), into the cache Sphinx then reads: tools/book_execute.py.
EXECUTE := $(SLIDES) $(BIN)/python tools/book_execute.py $(if $(JOBS),--jobs $(JOBS))

.PHONY: install book test lint pytest book-strict book-latex browser-check lock clean

install: $(STAMP)

$(STAMP): pyproject.toml $(LOCK)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(LOCK) -e '.[book,test]'
	@touch $@

# MathJax is served with the site (pinned in package-lock.json, installed from the npm
# registry), so that math renders with no network and from file://.  Not in _static/:
# Jupyter Book would add every .js file there to every page.
MATHJAX := _mathjax/mathjax/tex-mml-chtml.js

$(MATHJAX): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf _mathjax && mkdir -p _mathjax/mathjax/output
	cd node_modules/mathjax && cp -r LICENSE es5/tex-mml-chtml.js es5/input es5/ui es5/a11y \
	  es5/sre es5/adaptors $(CURDIR)/_mathjax/mathjax/
	cp -r node_modules/mathjax/es5/output/chtml _mathjax/mathjax/output/

book: $(STAMP) $(MATHJAX)
	$(BIN)/python tools/book_cache.py
	$(EXECUTE)
	$(JB) build . $(JB_STRICT)

test: lint pytest book-strict book-latex browser-check

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

pytest: $(STAMP)
	$(BIN)/python -m pytest

# --all re-reads every page (its cached execution is reused), so a warning in a page that
# did not change since the last build is reported again instead of hidden.
book-strict: $(STAMP) $(MATHJAX)
	$(BIN)/python tools/book_cache.py
	$(EXECUTE)
	$(JB) build . $(JB_STRICT) --all

# The LaTeX sources (no TeX needed): figures must come with an image a PDF can show.  Reuses
# the executions and environment of the HTML build, so it takes seconds.
book-latex: book-strict
	$(JB) build . --builder latex $(JB_STRICT)
	$(BIN)/python tools/check_latex.py _build/latex/book.tex

# Every page in headless Chromium: console errors, failed or non-local requests, MathJax,
# dark-mode figures, animation stepping.  Screenshots go to _build/screenshots (not committed).
browser-check: book-strict
	bash tools/install_chromium.sh
	$(BIN)/python tools/browser_check.py _build/html --screenshots _build/screenshots

# Regenerate the lock after changing pyproject.toml (torch stays at the local CPU wheel).
lock:
	rm -rf /tmp/nnbook-lock-venv
	$(PYTHON) -m venv /tmp/nnbook-lock-venv
	/tmp/nnbook-lock-venv/bin/pip install --quiet torch==2.13.0 -e '.[book,test]'
	{ sed -n '1,3p' $(LOCK); /tmp/nnbook-lock-venv/bin/pip freeze --exclude-editable \
	  | sed 's/^torch==2.13.0+cpu$$/torch==2.13.0/'; } > $(LOCK).new
	mv $(LOCK).new $(LOCK)

clean:
	rm -rf _build _mathjax node_modules
