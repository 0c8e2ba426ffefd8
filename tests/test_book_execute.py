"""The chapters execute side by side before Sphinx reads them (tools/book_execute.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from book_build import ROOT, build, copy_config, load_tool, page

book_execute = load_tool("book_execute")

# Each page says it started, then waits for the other page to start: if the two pages ran one
# after the other, the first would wait in vain and fail.
RENDEZVOUS = """\
import os, pathlib, time
pathlib.Path("started-{me}").touch()
deadline = time.monotonic() + 120
while not pathlib.Path("started-{other}").exists():
    assert time.monotonic() < deadline, "the other page never started: not side by side"
    time.sleep(0.05)
with open("runs.txt", "a") as f:
    print("{me}", os.environ.get("OMP_NUM_THREADS"), os.environ.get("NNBOOK_SLIDES_DIR"), file=f)
print("page {me} ran")"""


def _book(root: Path, pages: dict[str, str], config: str | None = None) -> Path:
    """A book of ``pages`` (name -> MyST text) with the real _config.yml or ``config``."""
    if config is None:
        copy_config(root)
    else:
        (root / "_config.yml").write_text(config)
    names = list(pages)
    chapters = "".join(f"  - file: {name}\n" for name in names[1:])
    toc = f"format: jb-book\nroot: {names[0]}\n" + (f"chapters:\n{chapters}" if chapters else "")
    (root / "_toc.yml").write_text(toc)
    for name, text in pages.items():
        (root / f"{name}.md").write_text(text)
    return root


def _execute(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in book_execute.THREAD_VARIABLES}
    return subprocess.run(
        [sys.executable, ROOT / "tools" / "book_execute.py", "--root", root, *args],
        env=environ | env,
        capture_output=True,
        text=True,
    )


@pytest.mark.slow
def test_pages_execute_side_by_side_and_sphinx_executes_none(tmp_path):
    root = _book(
        tmp_path,
        {
            "first": page("First", RENDEZVOUS.format(me="first", other="second")),
            "second": page("Second", RENDEZVOUS.format(me="second", other="first")),
            "plain": "# Plain\n\nNo code, not a notebook.\n",
        },
    )
    done = _execute(root, "--jobs", "2", NNBOOK_SLIDES_DIR="/slides")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "executing 2 of 2 notebooks, 2 at a time, 1 thread(s) each" in done.stdout
    assert "WARNING" not in done.stderr  # the kernels talk over private Unix sockets, not TCP
    # one thread each, and the kernels see the folder for slides
    runs = sorted((root / "runs.txt").read_text().splitlines())
    assert runs == ["first 1 /slides", "second 1 /slides"]
    assert (root / "_build" / book_execute.TIMES_FILE).is_file()
    # The strict build finds both cached: it executes neither (runs.txt would grow, and the
    # rendezvous would fail) and shows what the workers printed.
    built = build(root)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    assert len((root / "runs.txt").read_text().splitlines()) == 2
    assert "page second ran" in (root / "_build" / "html" / "second.html").read_text()
    again = _execute(root)
    assert again.returncode == 0 and "all 2 notebooks are cached" in again.stdout


@pytest.mark.slow
def test_a_failing_cell_fails_naming_page_cell_and_line(tmp_path):
    bad = page("Bad", "x = 1", "y = 2\n1 / 0")
    line = bad.splitlines().index("y = 2")  # the cell's fence, the line before (from 1)
    root = _book(tmp_path, {"good": page("Good", "open('runs.txt', 'a').write('good\\n')"),
                            "bad": bad})  # fmt: skip
    done = _execute(root, "--jobs", "2")
    assert done.returncode == 1
    assert f"bad.md: line {line}, code cell 2 of 2 failed: CellExecutionError" in done.stdout
    assert "ZeroDivisionError: division by zero" in done.stdout
    # the page that succeeded is cached: only the failing one runs again
    again = _execute(root, "--jobs", "2")
    assert again.returncode == 1 and "executing 1 of 2 notebooks" in again.stdout
    assert (root / "runs.txt").read_text() == "good\n"
    (root / "bad.md").write_text(bad.replace("1 / 0", "1 / 1"))
    assert _execute(root).returncode == 0


@pytest.mark.slow
def test_a_warning_printed_by_a_cell_still_fails_the_strict_build(tmp_path):
    root = _book(tmp_path, {"page": page("Page", "import warnings\nwarnings.warn('stale API')")})
    assert _execute(root).returncode == 0  # executed and cached: the output is the build's
    built = build(root)
    assert built.returncode != 0
    assert "stderr was found in the cell outputs" in built.stdout + built.stderr


def test_nothing_to_do_unless_the_book_caches_executions(tmp_path):
    root = _book(
        tmp_path,
        {"only": page("Only", "open('runs.txt', 'a').write('ran')")},
        config="title: t\nexecute:\n  execute_notebooks: force\n",
    )
    done = _execute(root)
    assert done.returncode == 0 and "Sphinx executes the pages" in done.stdout
    assert not (root / "runs.txt").exists()


def test_jobs_must_be_positive(tmp_path):
    done = _execute(tmp_path, "--jobs", "0")
    assert done.returncode == 2 and "--jobs must be at least 1, got 0" in done.stderr


@pytest.mark.parametrize(
    "times, order",
    [
        ({}, ["a", "b", "c"]),  # nothing timed: the order of the table of contents
        ({"a": 1.0, "b": 30.0, "c": 2.0}, ["b", "c", "a"]),
        ({"a": 1.0, "c": 2.0}, ["b", "c", "a"]),  # b is new: it may be long
    ],
)
def test_longest_first(times, order):
    assert book_execute.longest_first(["a", "b", "c"], times) == order


def _cell(count, *output_types):
    cell = nbformat.v4.new_code_cell("pass", execution_count=count)
    cell.outputs = [nbformat.NotebookNode(output_type=kind) for kind in output_types]
    return cell


def test_failing_cell_is_the_one_with_the_error_or_the_last_started():
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# t"),
        _cell(1, "stream"),
        _cell(2, "error"),
        _cell(None),
    ]
    assert book_execute.failing_cell(notebook) == 2
    notebook.cells[2].outputs = []  # a timeout: no error output, execution stopped there
    assert book_execute.failing_cell(notebook) == 2
    notebook.cells = notebook.cells[:1]
    assert book_execute.failing_cell(notebook) is None


def test_a_fresh_clone_knows_every_executed_page_s_seconds():
    # the order on a fresh clone (no timings recorded yet); a new chapter needs its seconds
    pages = book_execute.read_pages(ROOT, book_execute.sphinx_config(ROOT))
    names = {page.path.relative_to(ROOT).as_posix() for page in pages}
    assert names == set(json.loads(book_execute.DEFAULT_TIMES.read_text()))


FIGURE = """\
from nnbook.animation.graph import animate
from nnbook.autodiff import Value
x = Value(2.0)
y = (x * x).tanh()
y.backward()
animate(y)._repr_html_()"""


@pytest.mark.slow
def test_the_figures_for_slides_are_rendered_once_their_chapter_has_executed(tmp_path):
    root = _book(tmp_path, {"graph": page("Graph", FIGURE), "plain": page("Plain", "1 + 1")})
    queue, slides = tmp_path / "queue", tmp_path / "slides"
    env = {"NNBOOK_SLIDES_QUEUE": str(queue), "NNBOOK_SLIDES_DIR": str(slides)}
    done = _execute(root, "--jobs", "2", **env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "book_execute: slides of cg-" in done.stdout
    assert not list(queue.glob("*")) and len(list(slides.glob("*.gif"))) == 1
