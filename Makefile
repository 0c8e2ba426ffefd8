# Two commands do all set-up on a fresh machine:
#   make book   create .venv, install the pinned versions and TeX, build the PDFs and _build/html
#               (English at its root, the Japanese edition in _build/html/ja)
#   make test   same install, then ruff, pytest, the PDFs, the strict book build and its checks
# and two more build one output each:
#   make pdf            the book and each chapter as PDFs, in _build/pdf (and ja/)
#   make book-students  the site without the solutions, in _build/students/html
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements-lock.txt
STAMP := $(VENV)/.installed-stamp
# Sphinx warnings are errors; -n also reports every broken cross-reference.
JB_STRICT := -W -n --keep-going
# While the chapters execute, each animated figure saves its files "for slides" (player page,
# GIF, key frames, SVG) here and links them (nnbook/animation/slides.py); html_extra_path in
# _config.yml copies the folder into the site.  Only the book's build sets it: a reader
# running a chapter gets no files and no wait.  The figures only queue their drawing
# (NNBOOK_SLIDES_QUEUE); tools/book_slides.py renders the GIFs and key frames in parallel once
# the chapters have executed, and typesets the player pages' captions for offline use.
SLIDES := NNBOOK_SLIDES_DIR=$(CURDIR)/_build/site-extra/slides \
	NNBOOK_SLIDES_QUEUE=$(CURDIR)/_build/slides-queue
RENDER_SLIDES := $(BIN)/python tools/book_slides.py --queue _build/slides-queue \
	--out _build/site-extra/slides $(if $(JOBS),--jobs $(JOBS))
JB := $(SLIDES) $(BIN)/jupyter-book
# Before Sphinx reads the pages, the chapters its cache lacks execute side by side, one per
# usable core (JOBS=n to choose), into the cache Sphinx then reads: tools/book_execute.py.
EXECUTE := $(SLIDES) $(BIN)/python tools/book_execute.py $(if $(JOBS),--jobs $(JOBS))

.PHONY: install book test lint pytest book-strict pdf pdf-check book-students browser-check \
	translations lock clean site-en site-ja

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

# The Japanese edition (tools/book_ja.py): the English build's executions, the prose from
# locales/ja/LC_MESSAGES/book/<page>.po, into _build/html/ja.
JA := $(BIN)/python tools/book_ja.py

# What every build starts with: the cache guard, then the chapters the cache lacks, executed
# side by side.
PREPARE := $(BIN)/python tools/book_cache.py && $(EXECUTE)
# The site serves the PDFs as pdf/ (copied once they and the site are built: the PDFs are
# built beside the site, not before it).
SITE_PDF = if [ -d $(PDF_DIR) ]; then rm -rf _build/html/pdf && cp -r $(PDF_DIR) _build/html/pdf; fi
# Once the chapters have executed, the two sites and the two PDFs are four builds that share
# nothing but the execution cache (each Sphinx has its own doctrees and output folder): they
# run side by side, each one's output shown when it ends.
SIDE_BY_SIDE := $(MAKE) --no-print-directory --output-sync=target

book: $(STAMP) $(MATHJAX)
	bash tools/install_tex.sh
	$(PREPARE)
	$(SIDE_BY_SIDE) -j4 site-en site-ja $(PDF) $(PDF_JA)
	$(SITE_PDF)

# The two sites, once the chapters are executed (ALL=--all: every page read again).
site-en:
	$(RENDER_SLIDES)
	$(JB) build . $(JB_STRICT) $(ALL)

site-ja:
	$(JA) build $(ALL)

test: lint pytest translations pdf book-strict pdf-check book-students browser-check

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

pytest: $(STAMP) $(MATHJAX)
	$(BIN)/python -m pytest

# --all re-reads every page (its cached execution is reused), so a warning in a page that
# did not change since the last build is reported again instead of hidden.
book-strict: $(STAMP) $(MATHJAX)
	$(PREPARE)
	$(SIDE_BY_SIDE) -j2 site-en site-ja ALL=--all
	$(SITE_PDF)

# Every message of the English pages has its Japanese translation, none fuzzy, markup kept:
# a prose change must update locales/ja in the same commit.  (After one: $(JA) update, then
# tools/po_edit.py show <page> --todo and fill.)  The pages are executed first (side by side,
# cached), as for the book: Sphinx would otherwise execute them one after another.
translations: $(STAMP) $(MATHJAX)
	$(PREPARE)
	$(JA) check

# The book as one PDF and one PDF per chapter, with xelatex from Debian's packages
# (tools/install_tex.sh).  The LaTeX build (tools/book_sphinx.py: jupyter-book's, with
# doctrees of its own) reuses the executions of the HTML build (or makes them); check_latex:
# every figure has an image; book_pdf: compile, fail on the LaTeX warnings that matter, cut
# the chapters; check_pdf: pages, titles, no "??", fonts embedded, images.
# Then the same for the Japanese edition ($(JA) pdf: _build/ja/latex, $(PDF_DIR)/ja).
# (MathJax only because _config.yml names its folder: Sphinx warns when it is missing.)
LATEX := _build/latex
PDF_DIR := _build/pdf
PDF := $(PDF_DIR)/nnbook.pdf
PDF_JA := $(PDF_DIR)/ja/nnbook.pdf
# What the PDF is made of.  When nothing here is newer than it, there is nothing to do (the
# LaTeX builder writes the whole book every time: 12 s).  The executions change only with
# their page or with the cache key, whose file tools/book_cache.py rewrites when it changes.
PDF_INPUTS := _config.yml _toc.yml references.bib _build/.nnbook-cache-key \
	$(shell find book tools -type f -not -path '*/__pycache__/*')
# A recipe that fails leaves no target behind, so that the next make tries again.
.DELETE_ON_ERROR:

pdf: $(STAMP) $(MATHJAX)
	bash tools/install_tex.sh
	$(PREPARE)
	$(SIDE_BY_SIDE) -j2 $(PDF) $(PDF_JA)

$(PDF): $(PDF_INPUTS)
	$(BIN)/python tools/book_sphinx.py
	$(BIN)/python tools/check_latex.py $(LATEX)/book.tex
	$(BIN)/python tools/book_pdf.py $(LATEX) --out $(PDF_DIR)
	$(BIN)/python tools/check_pdf.py $(PDF_DIR) --tex $(LATEX)/book.tex

# (not the .mo files: every Japanese build compiles them again)
$(PDF_JA): $(PDF_INPUTS) $(shell find locales -type f -not -name '*.mo')
	$(JA) pdf --pdf-out $(PDF_DIR)/ja

# The PDF numbers chapters, sections, figures and equations as the site does.
pdf-check: pdf book-strict
	$(BIN)/python tools/check_pdf.py $(PDF_DIR) --tex $(LATEX)/book.tex --html _build/html
	$(BIN)/python tools/check_pdf.py $(PDF_DIR)/ja --tex _build/ja/latex/book.tex \
	  --html _build/html/ja --language ja

# The students' edition: the same site without the solutions (for setting homework), from the
# executions of the main build; checked against it (every solution there, none here).
book-students: book-strict
	$(SLIDES) $(BIN)/python tools/book_students.py --out _build/students
	$(BIN)/python tools/check_students.py _build/students/html book --site _build/html

# Every page in headless Chromium: console errors, failed or non-local requests, MathJax,
# dark-mode figures, animation stepping.  Screenshots go to _build/screenshots (not committed).
browser-check: pdf book-strict
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
