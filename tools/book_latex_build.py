"""The English LaTeX build, with a doctree folder of its own.

``jupyter-book build`` keeps the doctrees of every builder in ``_build/.doctrees``, and its
LaTeX and HTML configurations differ (sphinx-jupyterbook-latex sets ``numfig_secnum_depth``
for LaTeX), so each of ``make book``'s two builds found the configuration changed and read
every page again: an unchanged book spent 12 s re-reading its pages for the site after the
PDF.  This runs Jupyter Book's Sphinx as its command line does (``jupyter-book build .
--builder latex -W -n --keep-going``: the same configuration, the same execution cache,
strict) with the doctrees in ``_build/.doctrees-latex`` and the LaTeX numbering settings
given from the start (:func:`secnum_overrides`), so that either build stays incremental.

Usage (``make pdf``)::

    python tools/book_latex_build.py [--all]
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The build folder's subfolder holding this build's doctrees (tools/book_cache.py drops it
#: with the execution cache).
DOCTREES = ".doctrees-latex"


def secnum_overrides(root: Path = ROOT) -> dict:
    """The numbering settings of a LaTeX build (this one and the Japanese edition's).

    sphinx-jupyterbook-latex numbers per section for LaTeX (depth 2) once the builder is set
    up, after Sphinx has compared the configuration with the saved one: given from the start,
    a LaTeX build does not read every page again each time.  tools/book_latex.py numbers as
    the site does from ``book_site_secnum_depth``.
    """
    import yaml

    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    site = config["sphinx"]["config"]["numfig_secnum_depth"]
    return {"numfig_secnum_depth": 2, "book_site_secnum_depth": site}


def build(root: Path = ROOT, fresh: bool = False) -> int:
    """Build ``root/_build/latex`` (every page read again if ``fresh``); return Sphinx's exit
    status."""
    from jupyter_book.sphinx import build_sphinx

    return build_sphinx(
        root,
        root / "_build" / "latex",
        path_config=str(root / "_config.yml"),
        noconfig=True,
        # as jupyter-book's command line sets them for a book with a table of contents
        confoverrides={
            "external_toc_path": str(root / "_toc.yml"),
            "latex_individualpages": False,
            "nitpicky": True,
            **secnum_overrides(root),
        },
        doctreedir=root / "_build" / DOCTREES,
        builder="latex",
        freshenv=fresh,
        warningiserror=True,
        keep_going=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--all", action="store_true", help="read every page again")
    args = parser.parse_args(argv)
    return 1 if build(args.root.resolve(), args.all) else 0


if __name__ == "__main__":
    raise SystemExit(main())
