"""Compile the LaTeX build of the book to a PDF, and cut one PDF per chapter out of it.

Usage: python tools/book_pdf.py _build/latex --out _build/pdf

1. latexmk runs xelatex (and xdvipdfmx) until every cross-reference is resolved.
2. The LaTeX log is read: an undefined reference or citation, a character missing from its
   font, or text running into the margin by more than ``HBOX_TOLERANCE_PT`` fails the build,
   as a Sphinx warning does.
3. ``book.pdf`` is copied to the output folder as ``nnbook.pdf``, and each numbered chapter
   (``chapters.json``, written by tools/book_latex.py) is cut out of it with qpdf, followed
   by the bibliography.
   A chapter's PDF is a run of the book's pages, so its chapter, section, equation and figure
   numbers, its page numbers and its "Cite this chapter" box are those of the book.  The
   file names are those the site links (tools/book_downloads.py).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from book_downloads import BOOK_PDF, chapter_pdf

#: Overfull lines (text into the margin) up to this width pass: a fraction of a character.
HBOX_TOLERANCE_PT = 3.0
#: Overfull pages (content taller than the text block) up to this height pass: about a line.
VBOX_TOLERANCE_PT = 20.0

_PROBLEMS = (
    (r"LaTeX Warning: (Reference|Hyper reference) `[^']*' on page \S+ undefined", "reference"),
    (r"LaTeX Warning: Citation `[^']*' on page \S+ undefined", "citation"),
    (r"LaTeX Warning: There were undefined references", "reference"),
    (r"LaTeX Warning: Label\(s\) may have changed", "unsettled labels"),
    (r"Missing character: There is no .*", "missing character"),
)


def log_problems(log: str) -> list[str]:
    """The lines of a LaTeX log that must fail the build."""
    problems = []
    for pattern, kind in _PROBLEMS:
        problems += [f"{kind}: {m.group(0)}" for m in re.finditer(pattern, log)]
    for m in re.finditer(r"Overfull \\([hv])box \(([\d.]+)pt too (?:wide|high)\)([^\n]*)", log):
        limit = HBOX_TOLERANCE_PT if m.group(1) == "h" else VBOX_TOLERANCE_PT
        if float(m.group(2)) > limit:
            problems.append(f"overfull {m.group(1)}box beyond {limit} pt: {m.group(0)}")
    return problems


def outline(pdf: Path) -> list[tuple[int, str, int]]:
    """The PDF's bookmarks as (depth, title, first page counted from 1), in order."""
    done = subprocess.run(
        ["qpdf", "--json", "--json-key=outlines", str(pdf)],
        check=True,
        capture_output=True,
        text=True,
    )
    rows: list[tuple[int, str, int]] = []

    def walk(items: list[dict], depth: int) -> None:
        for item in items:
            rows.append((depth, item["title"], item["destpageposfrom1"]))
            walk(item.get("kids", []), depth + 1)

    walk(json.loads(done.stdout)["outlines"], 0)
    return rows


def chapter_pages(
    rows: list[tuple[int, str, int]], titles: list[str], n_pages: int
) -> dict[str, tuple[int, int]]:
    """First and last page of each chapter title, and of the bibliography (key ``""``).

    A chapter runs to the page before the next bookmark at its depth or above (the next
    chapter or part); the bibliography is the last bookmark at chapter depth.
    """
    depth = min(d for d, t, _ in rows if t in titles)
    ranges = {}
    for i, (d, title, first) in enumerate(rows):
        if d != depth or (title not in titles and i != _last_at(rows, depth)):
            continue
        after = [p for dd, _, p in rows[i + 1 :] if dd <= depth]
        last = (after[0] - 1) if after else n_pages
        ranges[title if title in titles else ""] = (first, max(first, last))
    missing = [t for t in titles if t not in ranges]
    if missing or "" not in ranges:
        raise ValueError(f"book_pdf: no bookmark for {missing or 'the bibliography'}")
    return ranges


def _last_at(rows: list[tuple[int, str, int]], depth: int) -> int:
    return max(i for i, (d, _, _) in enumerate(rows) if d == depth)


def clear(out: Path) -> None:
    """Remove the PDFs of an earlier build from ``out``; not its folders, where a translated
    edition keeps its own (``ja/``: tools/book_ja.py)."""
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("*.pdf"), out / "chapters.json"]:
        old.unlink(missing_ok=True)


def compile_latex(latex_dir: Path) -> None:
    env = dict(os.environ, LATEXOPTS="-interaction=nonstopmode -halt-on-error")
    # the latexmkrc that Sphinx writes makes -xelatex run xelatex, then xdvipdfmx
    done = subprocess.run(
        ["latexmk", "-xelatex", "book.tex"], cwd=latex_dir, env=env, capture_output=True
    )
    if done.returncode != 0:
        sys.stdout.write(done.stdout.decode(errors="replace")[-4000:])
        raise SystemExit(f"book_pdf: xelatex failed; see {latex_dir / 'book.log'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("latex_dir", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    compile_latex(args.latex_dir)
    log = (args.latex_dir / "book.log").read_text(errors="replace")
    problems = log_problems(log)
    for problem in problems:
        print(problem)
    if problems:
        print(f"book_pdf: {len(problems)} LaTeX problems in {args.latex_dir / 'book.log'}")
        return 1
    book = args.latex_dir / "book.pdf"
    chapters = json.loads((args.latex_dir / "chapters.json").read_text())
    n_pages = int(
        subprocess.run(
            ["qpdf", "--show-npages", str(book)], check=True, capture_output=True, text=True
        ).stdout
    )
    ranges = chapter_pages(outline(book), [c["title"] for c in chapters], n_pages)
    clear(args.out)
    shutil.copy(book, args.out / BOOK_PDF)
    bib = "{}-{}".format(*ranges[""])
    for chapter in chapters:
        pages = "{}-{}".format(*ranges[chapter["title"]])
        target = args.out / chapter_pdf(chapter["docname"])
        subprocess.run(
            ["qpdf", "--empty", "--pages", str(book), f"{pages},{bib}", "--", str(target)],
            check=True,
        )
    # what check_pdf.py needs to know about the cut, beside the PDFs
    manifest = [dict(c, pages=ranges[c["title"]]) for c in chapters]
    (args.out / "chapters.json").write_text(json.dumps(manifest, indent=1) + "\n")
    size = sum(f.stat().st_size for f in args.out.glob("*.pdf")) / 2**20
    print(
        f"book_pdf: {BOOK_PDF} ({n_pages} pages) and {len(chapters)} chapter PDFs in {args.out}"
        f" ({size:.1f} MiB in all), {time.perf_counter() - start:.0f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
