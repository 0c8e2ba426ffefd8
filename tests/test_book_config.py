"""The real _config.yml keeps the build strict: a failing cell or a warning fails it."""

import shutil

import pytest
from book_build import ROOT, build, page


def _book(tmp_path, *cells):
    shutil.copy(ROOT / "_config.yml", tmp_path / "_config.yml")
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")  # named by _config.yml
    (tmp_path / "_mathjax").mkdir()  # html_static_path (the Makefile fills it with MathJax)
    (tmp_path / "tools").mkdir()  # the local Sphinx extension _config.yml loads
    shutil.copy(ROOT / "tools" / "book_fixes.py", tmp_path / "tools" / "book_fixes.py")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: page\n")
    (tmp_path / "page.md").write_text(page("Page", *cells))
    return build(tmp_path)


@pytest.mark.slow
def test_a_clean_page_builds(tmp_path):
    done = _book(tmp_path, "print(1 + 1)")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


@pytest.mark.slow
@pytest.mark.parametrize(
    "cell, reason",
    [
        ("1 / 0", "ZeroDivisionError"),
        ("import warnings\nwarnings.warn('stale API')", "stderr was found in the cell outputs"),
        ("import sys\nprint('oops', file=sys.stderr)", "stderr was found in the cell outputs"),
    ],
)
def test_errors_and_warnings_in_cells_fail_the_build(tmp_path, cell, reason):
    done = _book(tmp_path, cell)
    assert done.returncode != 0
    assert reason in done.stdout + done.stderr
