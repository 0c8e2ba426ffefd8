"""Build the students' edition: the same site without the solutions, for setting homework.

Usage (``make book-students``)::

    python tools/book_students.py [--root .] [--out _build/students]

The site is built by Jupyter Book as ``make book`` builds it (same _config.yml and _toc.yml,
strict: ``-W -n --keep-going``), with these overrides:

- ``hide_solutions`` (sphinx-exercise's option): no solution in the pages (tools/book_fixes.py
  makes it drop gated solutions whole; upstream leaves their content in the page).
- the execution cache of the main build (``_build/.jupyter_cache``), so that nothing is
  executed twice; the Sphinx environment is the edition's own (``<out>/.doctrees``).
- no links to the PDFs (they contain the solutions), no Binder/Colab buttons (they open the
  executed notebooks, solutions included; without them the theme offers no ``.ipynb``
  download either), and the downloadable sources (``_sources/``: the page's ``.md``, and any
  ``.ipynb``) are rewritten without the solutions; the figure files for slides that only a
  solution linked (``slides/``, copied by ``html_extra_path``) are removed.

tools/check_students.py then checks that no solution's text is left anywhere in the edition.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path

#: The title the edition shows, after the book's title.
EDITION = "students' edition"
_FENCE = re.compile(r"^(`{3,}|:{3,})\s*\{(solution|solution-start|solution-end)\}")


def strip_solutions(
    lines: list[str], inside: bool = False, dropped: list[list[str]] | None = None
) -> tuple[list[str], bool]:
    """Lines of MyST Markdown without the solutions; ``inside``: a gated solution is open.

    Handles ``{solution}`` blocks (up to their closing fence) and gated
    ``{solution-start}`` ... ``{solution-end}`` pairs, whose content may run over several
    notebook cells: the state is returned so that the next cell continues it.  The lines of
    each solution are appended to ``dropped``, one list per solution, if it is given.
    """
    kept: list[str] = []
    dropped = [] if dropped is None else dropped
    closing: str | None = None  # the fence that ends the directive being skipped
    after_end = False  # inside the (empty) solution-end directive
    if inside:
        dropped.append([])
    for line in lines:
        stripped = line.strip()
        m = _FENCE.match(stripped) if closing is None else None
        if closing is not None:
            if stripped == closing:
                closing = None
                inside = inside and not after_end
                after_end = False
            elif not after_end:
                dropped[-1].append(line)
        elif m and m.group(2) in ("solution", "solution-start"):
            closing, inside = m.group(1), m.group(2) == "solution-start"
            dropped.append([])
        elif m and m.group(2) == "solution-end":
            closing, after_end = m.group(1), True
        elif inside:
            dropped[-1].append(line)
        else:
            kept.append(line)
    if closing is not None:
        raise ValueError("strip_solutions: a solution directive is not closed")
    return kept, inside


def strip_markdown(text: str) -> str:
    kept, inside = strip_solutions(text.splitlines(keepends=True))
    if inside:
        raise ValueError("strip_markdown: solution-start without solution-end")
    return "".join(kept)


def strip_notebook(notebook: dict) -> dict:
    """A notebook without the solutions: code cells inside a gated solution are dropped."""
    cells, inside = [], False
    for cell in notebook["cells"]:
        source = cell["source"]
        lines = source.splitlines(keepends=True) if isinstance(source, str) else list(source)
        if cell["cell_type"] == "markdown":
            kept, inside = strip_solutions(lines, inside)
            if "".join(kept).strip():
                cells.append(dict(cell, source=kept))
        elif not inside:
            cells.append(cell)
    if inside:
        raise ValueError("strip_notebook: solution-start without solution-end")
    return dict(notebook, cells=cells)


def strip_sources(html: Path) -> int:
    """Rewrite the site's downloadable sources without solutions; return how many changed."""
    changed = 0
    for path in sorted((html / "_sources").rglob("*")):
        if path.suffix == ".md":
            old = path.read_text()
            new = strip_markdown(old)
        elif path.suffix == ".ipynb":
            old = path.read_text()
            new = json.dumps(strip_notebook(json.loads(old)), indent=1, ensure_ascii=False)
        else:
            continue
        if new != old:
            path.write_text(new)
            changed += 1
    return changed


def drop_unlinked_slides(html: Path) -> list[str]:
    """Remove the figure files for slides that no page links (a solution's animation)."""
    slides = html / "slides"
    if not slides.is_dir():
        return []
    pages = "".join(p.read_text(errors="replace") for p in html.rglob("*.html"))
    dropped = [f.name for f in sorted(slides.iterdir()) if f"slides/{f.name}" not in pages]
    for name in dropped:
        (slides / name).unlink()
    return dropped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--out", type=Path, default=Path("_build/students"))
    args = parser.parse_args(argv)
    root, out = args.root.resolve(), args.out.resolve()
    import yaml
    from jupyter_book.sphinx import build_sphinx

    title = yaml.safe_load((root / "_config.yml").read_text())["title"]
    html = out / "html"
    overrides = {
        "external_toc_path": str(root / "_toc.yml"),
        "latex_individualpages": False,
        "nitpicky": True,
        "hide_solutions": True,
        "html_title": f"{title} ({EDITION})",
        "nb_execution_cache_path": str(root / "_build" / ".jupyter_cache"),
        "book_pdf_links": False,
        "html_theme_options": {"launch_buttons": {"binderhub_url": "", "colab_url": ""}},
    }
    status = build_sphinx(
        root,
        html,
        path_config=str(root / "_config.yml"),
        noconfig=True,
        confoverrides=overrides,
        doctreedir=out / ".doctrees",
        warningiserror=True,
        keep_going=True,
    )
    if status != 0:
        print(f"book_students: the build failed ({status})")
        return 1
    shutil.rmtree(html / "pdf", ignore_errors=True)  # html_extra_path copied the PDFs too
    dropped = drop_unlinked_slides(html)
    print(
        f"book_students: {strip_sources(html)} sources without solutions, {len(dropped)}"
        f" figure files for slides of solutions dropped; site in {html}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
