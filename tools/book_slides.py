"""Render the figures for slides that the executed chapters queued, in parallel.

While the book's chapters execute (tools/book_execute.py), each animated figure writes its SVG
and its player page into the slides folder and pickles its drawing into the queue
(``NNBOOK_SLIDES_QUEUE``, see :mod:`nnbook.animation.slides`) instead of drawing every step at
slide size itself.  This script renders each queued figure's GIF and PNG key frames, one figure
per worker process, removes the job once its files are written, and typesets the captions of
the player pages to SVG (tools/typeset_math.js), so that they open offline with no script
from anywhere.  The Makefile runs it after the chapters execute and before Sphinx copies the
slides folder into the site.

Usage::

    python tools/book_slides.py --queue _build/slides-queue --out _build/site-extra/slides
"""

from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def render(job_path: Path, out: Path) -> tuple[str, float, int]:
    """Run in a worker: render one queued job; its name, seconds and bytes written."""
    from nnbook.animation.slides import render_job

    start = time.perf_counter()
    job = pickle.loads(job_path.read_bytes())
    written = render_job(job, out)
    job_path.unlink()  # done: a later build renders it again only if a chapter queues it
    return job.fig_id, time.perf_counter() - start, sum(p.stat().st_size for p in written)


def render_queue(queue: Path, out: Path, jobs: int, log=sys.stdout) -> int:
    """Render every job in ``queue`` into ``out``, ``jobs`` at a time; the number rendered."""
    todo = sorted(queue.glob("*.pickle")) if queue.is_dir() else []
    if not todo:
        return 0
    start, cpu = time.perf_counter(), 0.0
    with ProcessPoolExecutor(min(jobs, len(todo)), mp_context=get_context("spawn")) as pool:
        for fig_id, seconds, size in pool.map(render, todo, [out] * len(todo)):
            cpu += seconds
            print(f"book_slides: {fig_id} {seconds:.1f} s, {size / 1e6:.2f} MB", file=log)
    wall = time.perf_counter() - start
    print(f"book_slides: {len(todo)} figures, {cpu:.1f} s of rendering in {wall:.1f} s", file=log)
    return len(todo)


def typeset(out: Path, log=sys.stdout) -> None:
    """Typeset the captions of the player pages in ``out`` (those not yet typeset)."""
    pages = sorted(str(p) for p in out.glob("*.html"))
    if pages:
        node = subprocess.run(
            ["node", str(ROOT / "tools" / "typeset_math.js"), *pages],
            capture_output=True,
            text=True,
        )
        print(node.stdout.strip(), file=log)
        if node.returncode != 0:
            raise SystemExit(f"book_slides: typesetting failed: {node.stderr.strip()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queue", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    parser.add_argument("--jobs", type=int, default=cores or 1)
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error(f"--jobs must be at least 1, got {args.jobs}")
    render_queue(args.queue, args.out, args.jobs)
    if args.out.is_dir():
        typeset(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
