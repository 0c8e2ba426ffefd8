"""Execute the book's notebooks side by side, before Sphinx reads them.

Jupyter Book 1 executes each notebook when Sphinx reads its page, one after another, while
the other cores idle: ``jupyter-book build`` has no ``-j``, ``sphinx-build -j`` falls back
to serial (a warning, an error under ``-W``) because two extensions Jupyter Book adds are
not parallel-read-safe, and jupyter-cache's SQLite database races when several Sphinx
processes write to it.  This script fills the same cache beforehand (``execute_notebooks:
cache`` in _config.yml): it reads every page of the table of contents as myst-nb does (its
reader and configuration, so the same cache key), skips the pages already cached, and
executes the others in a pool of worker processes, the longest first (the times recorded
by the last run, or on a fresh clone those of ``tools/book_execution_seconds.json``).  Only
this process writes to the cache, one notebook at a time.  Sphinx then finds every notebook
cached and executes none.

The figures for slides that the chapters queue (``NNBOOK_SLIDES_QUEUE``, see
tools/book_slides.py) are rendered by the same pool as soon as their chapter has executed:
queued behind the chapters, they take the cores that the last chapters leave idle.

Each kernel is given one thread for torch, OpenMP and BLAS (unless the environment sets
them): several kernels with a thread per core each would fight for the cores, and a fixed
count makes the numbers independent of the machine's cores and of how many chapters run
at once.  A failing cell fails the script (exit status 1) naming the page, the cell and
its line; the pages that did execute are cached all the same.

Usage (the Makefile runs it after tools/book_cache.py, before ``jupyter-book build``)::

    python tools/book_execute.py [--root .] [--build _build] [--jobs N]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import sys
import tempfile
import time
import traceback
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from multiprocessing import get_context
from pathlib import Path, PurePosixPath

import book_slides
import nbformat

#: Where the last run recorded each page's execution seconds (outside the folders that
#: tools/book_cache.py drops, so that a re-execution still knows which pages are long).
TIMES_FILE = ".nnbook-execution-seconds.json"
#: The seconds each page took in a cold build on 2 cores, for a build that has not timed them
#: yet (a fresh clone executing the pages in the table of contents' order started the
#: longest last, and one core idled for 28 s).  Only their order matters.
DEFAULT_TIMES = Path(__file__).with_name("book_execution_seconds.json")
#: Thread counts each kernel gets, unless the environment sets them.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclasses.dataclass
class Page:
    """One notebook to execute: its source, its notebook as myst-nb reads it, its options."""

    path: Path
    notebook: nbformat.NotebookNode
    timeout: int | None
    allow_errors: bool
    in_temp: bool


def sphinx_config(root: Path) -> dict:
    """The Sphinx configuration Jupyter Book makes of ``root/_config.yml``."""
    from jupyter_book.config import get_final_config

    config, _ = get_final_config(
        user_yaml=root / "_config.yml",
        sourcedir=root,
        cli_config={"latex_individualpages": False},
    )
    return config


def _parser_configs(config: dict):
    """myst-parser's and myst-nb's configurations, from the ``myst_*`` and ``nb_*`` keys."""
    from myst_nb.core.config import NbParserConfig
    from myst_parser.config.main import MdParserConfig

    def make(cls, prefix):
        names = {field.name for field in dataclasses.fields(cls)}
        return cls(
            **{
                k[len(prefix) :]: v
                for k, v in config.items()
                if k.startswith(prefix) and k[len(prefix) :] in names
            }
        )

    return make(MdParserConfig, "myst_"), make(NbParserConfig, "nb_")


def read_pages(root: Path, config: dict) -> list[Page]:
    """The notebooks of the table of contents that myst-nb would execute in cache mode."""
    from myst_nb.core.nb_to_tokens import nb_node_to_dict
    from myst_nb.core.read import create_nb_reader
    from sphinx_external_toc.parsing import parse_toc_yaml

    md_config, nb_config = _parser_configs(config)
    suffixes = [".md", ".ipynb", *nb_config.custom_formats]
    pages = []
    for docname in parse_toc_yaml(root / "_toc.yml").keys():
        path = next(
            (root / f"{docname}{s}" for s in suffixes if (root / f"{docname}{s}").is_file()), None
        )
        if path is None:
            continue
        path = path.resolve()
        text = path.read_text(encoding="utf-8")
        reader = create_nb_reader(str(path), md_config, nb_config, text)
        if reader is None:  # a plain Markdown page
            continue
        notebook = reader.read(text)
        # As myst_nb.sphinx_.Parser.parse does before it asks the cache: kernel aliases and
        # the page's own options (front matter), which decide the cache key and execution.
        kernelspec = notebook.metadata.get("kernelspec", {})
        for pattern, alias in nb_config.kernel_rgx_aliases.items():
            if kernelspec.get("name") is not None and re.fullmatch(pattern, kernelspec["name"]):
                kernelspec["name"] = alias
                break
        options = nb_config
        if nb_config.metadata_key in notebook.metadata:
            overrides = nb_node_to_dict(notebook.metadata[nb_config.metadata_key])
            overrides.pop("output_folder", None)
            options = nb_config.copy(**overrides)
        if options.execution_mode != "cache" or any(
            PurePosixPath(path.as_posix()).match(p) for p in options.execution_excludepatterns
        ):
            continue
        pages.append(
            Page(
                path,
                notebook,
                options.execution_timeout,
                options.execution_allow_errors,
                options.execution_in_temp,
            )
        )
    return pages


def cache_path(root: Path, build: Path, config: dict) -> Path:
    """The folder myst-nb keeps its jupyter-cache in (``execute.cache`` in _config.yml)."""
    configured = config.get("nb_execution_cache_path") or ""
    # myst_nb.sphinx_ext: unset means next to the HTML output folder, i.e. in the build folder
    return (root / configured) if configured else (build / ".jupyter_cache")


def failing_cell(notebook: nbformat.NotebookNode) -> int | None:
    """Index of the cell that stopped the execution: the one with an error output, else the
    last one that started (a timeout)."""
    started = None
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        if any(output.output_type == "error" for output in cell.get("outputs", [])):
            return index
        if cell.get("execution_count") is not None:
            started = index
    return started


def longest_first(pages: list, seconds: dict[str, float], name=str) -> list:
    """``pages`` ordered by the seconds they took last time, longest first, so that no long
    page starts last and keeps one worker busy while the others idle; a page never timed
    comes first (it may be long), the order of the table of contents breaking ties."""
    return sorted(pages, key=lambda page: -seconds.get(name(page), float("inf")))


def _execute(page: Page) -> tuple[str, float, str | None]:
    """Run in a worker: the executed notebook (JSON), the seconds, and the error or None."""
    from jupyter_cache.executors.utils import single_nb_execution
    from jupyter_client.manager import KernelManager

    try:
        with tempfile.TemporaryDirectory() as temp, tempfile.TemporaryDirectory() as sockets:
            cwd = temp if page.in_temp else str(page.path.parent)
            # the kernel talks to us over Unix sockets in a private folder: no TCP port open
            # to other local users (ipykernel warns about plain-text TCP)
            kernel = KernelManager(
                kernel_name=page.notebook.metadata.get("kernelspec", {}).get("name", "python3"),
                transport="ipc",
                ip=str(Path(sockets) / "kernel"),
            )
            try:
                result = single_nb_execution(
                    page.notebook,
                    cwd=cwd,
                    timeout=page.timeout,
                    allow_errors=page.allow_errors,
                    meta_override=True,
                    km=kernel,
                )
            finally:  # a kernel manager we pass in is ours to shut down, not nbclient's
                if kernel.has_kernel:
                    kernel.shutdown_kernel(now=True)
    except Exception:  # a dead kernel, a kernel that does not start...
        return "", 0.0, traceback.format_exc()
    error = None
    if result.err is not None:
        index = failing_cell(result.nb)
        where = "a code cell"
        if index is not None:
            code = [i for i, cell in enumerate(result.nb.cells) if cell.cell_type == "code"]
            where = f"code cell {code.index(index) + 1} of {len(code)}"
            lines = result.nb.metadata.get("source_map")
            where = (f"line {lines[index]}, " if lines else "") + where
        message = _ANSI.sub("", str(result.err))  # the traceback's colours
        error = f"{where} failed: {type(result.err).__name__}\n{message}"
    return nbformat.writes(result.nb), result.time, error


def execute(root: Path, build: Path, jobs: int, out=sys.stdout) -> int:
    """Execute the pages the cache lacks, ``jobs`` at a time; return the exit status."""
    from jupyter_cache import get_cache

    config = sphinx_config(root)
    if config.get("nb_execution_mode") != "cache":
        print("book_execute: execute_notebooks is not 'cache': Sphinx executes the pages", file=out)
        return 0
    cache = get_cache(str(cache_path(root, build, config)))
    pages = read_pages(root, config)
    todo = []
    for page in pages:
        try:
            cache.match_cache_notebook(page.notebook)
        except KeyError:
            todo.append(page)
    times_file = build / TIMES_FILE
    times = json.loads(DEFAULT_TIMES.read_text()) if DEFAULT_TIMES.is_file() else {}
    if times_file.is_file():
        times.update(json.loads(times_file.read_text()))
    if not todo:
        print(f"book_execute: all {len(pages)} notebooks are cached", file=out)
        return 0

    def name(page: Page) -> str:
        return page.path.relative_to(root.resolve()).as_posix()

    todo = longest_first(todo, times, name)
    workers = max(1, min(jobs, len(todo)))
    for variable in THREAD_VARIABLES:
        os.environ.setdefault(variable, "1")  # inherited by the workers and their kernels
    print(
        f"book_execute: executing {len(todo)} of {len(pages)} notebooks, {workers} at a time,"
        f" {os.environ['OMP_NUM_THREADS']} thread(s) each",
        file=out,
        flush=True,
    )
    failures, seconds, start = [], 0.0, time.perf_counter()
    slides = _slide_folders()
    # "spawn": the workers share nothing with this process's open SQLite connection.
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        running: dict = {pool.submit(_execute, page): page for page in todo}
        rendering: set[Path] = set()
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                page = running.pop(future)
                if isinstance(page, Path):  # a figure for slides
                    fig_id, took, _ = future.result()
                    print(f"book_execute: slides of {fig_id} in {took:.1f} s", file=out)
                    continue
                seconds += _record(future.result(), page, cache, times, failures, out, name)
                if slides is not None:
                    for job in sorted(slides[0].glob("*.pickle")):
                        if job not in rendering:
                            rendering.add(job)
                            running[pool.submit(book_slides.render, job, slides[1])] = job
    build.mkdir(parents=True, exist_ok=True)
    times_file.write_text(json.dumps(times, indent=1, sort_keys=True) + "\n")
    print(
        f"book_execute: {seconds:.1f} s of execution in {time.perf_counter() - start:.1f} s",
        file=out,
    )
    for failure in failures:
        print(f"book_execute: {failure}", file=out)
    return 1 if failures else 0


def _slide_folders() -> tuple[Path, Path] | None:
    """The queue of figures for slides and the folder for their files, if the build set them."""
    from nnbook.animation.slides import QUEUE_ENV, SLIDES_ENV

    queue, folder = os.environ.get(QUEUE_ENV), os.environ.get(SLIDES_ENV)
    return (Path(queue), Path(folder)) if queue and folder else None


def _record(result, page: Page, cache, times: dict, failures: list, out, name) -> float:
    """Cache one executed page (or note its failure); its seconds."""
    from jupyter_cache.base import CacheBundleIn

    executed, took, error = result
    if error is not None:
        failures.append(f"{name(page)}: {error}")
        print(f"book_execute: {name(page)} FAILED after {took:.1f} s", file=out)
        return took
    cache.cache_notebook_bundle(
        CacheBundleIn(
            nbformat.reads(executed, nbformat.NO_CONVERT),
            str(page.path),
            data={"execution_seconds": took},
        ),
        check_validity=False,
        overwrite=True,
    )
    times[name(page)] = round(took, 1)
    print(f"book_execute: {name(page)} executed in {took:.1f} s", file=out, flush=True)
    return took


def _usable_cores() -> int:
    """The cores this process may run on (``taskset`` narrows them), or all of them."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--build", type=Path, default=None, help="default: ROOT/_build")
    parser.add_argument(
        "--jobs",
        type=int,
        default=_usable_cores(),
        help="notebooks executed at once (default: the usable cores)",
    )
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error(f"--jobs must be at least 1, got {args.jobs}")
    build = args.build if args.build is not None else args.root / "_build"
    return execute(args.root, build, args.jobs)


if __name__ == "__main__":
    raise SystemExit(main())
