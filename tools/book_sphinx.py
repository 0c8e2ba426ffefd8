"""The book's Sphinx builds, as Jupyter Book's command line runs them, each with its own doctrees.

``jupyter-book build`` keeps the doctrees of every builder in ``_build/.doctrees``, and its
LaTeX and HTML configurations differ (sphinx-jupyterbook-latex sets ``numfig_secnum_depth``
for LaTeX), so each of ``make book``'s two builds found the configuration changed and read
every page again: an unchanged book spent 12 s re-reading its pages for the site after the
PDF.  :func:`build` runs Jupyter Book's Sphinx as its command line does (``jupyter-book build
. --builder latex -W -n --keep-going``: the same configuration, the same execution cache,
strict) with a doctree folder given by the caller and, for LaTeX, the numbering settings given
from the start (:func:`secnum_overrides`), so that every build stays incremental.  The English
PDF's LaTeX (``make pdf``) is built here; tools/book_ja.py builds the Japanese edition's site,
catalogs and LaTeX with it.

Usage (``make pdf``)::

    python tools/book_sphinx.py [--all]    # the English LaTeX in _build/latex
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The build folder's subfolder holding the English LaTeX build's doctrees (tools/book_cache.py
#: drops it with the execution cache).
DOCTREES = ".doctrees-latex"


def secnum_overrides(root: Path = ROOT) -> dict:
    """The numbering settings of a LaTeX build (the English PDF's and the Japanese one's).

    sphinx-jupyterbook-latex numbers per section for LaTeX (depth 2) once the builder is set
    up, after Sphinx has compared the configuration with the saved one: given from the start,
    a LaTeX build does not read every page again each time.  tools/book_latex.py numbers as
    the site does from ``book_site_secnum_depth``.
    """
    import yaml

    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    site = config["sphinx"]["config"]["numfig_secnum_depth"]
    return {"numfig_secnum_depth": 2, "book_site_secnum_depth": site}


def build(
    out: Path,
    builder: str,
    doctrees: Path,
    overrides: dict | None = None,
    *,
    root: Path = ROOT,
    force_all: bool = False,
    fresh: bool = False,
) -> int:
    """Build ``root``'s book with ``builder`` into ``out``, strict; Sphinx's exit status.

    ``overrides`` are added to the configuration; ``force_all`` writes every page again,
    ``fresh`` also reads every page again.
    """
    from jupyter_book.sphinx import build_sphinx

    return build_sphinx(
        root,
        out,
        path_config=str(root / "_config.yml"),
        noconfig=True,
        confoverrides={
            # as jupyter-book's command line sets them for a book with a table of contents
            "external_toc_path": str(root / "_toc.yml"),
            "latex_individualpages": False,
            "nitpicky": True,
            **(secnum_overrides(root) if builder == "latex" else {}),
            **(overrides or {}),
        },
        doctreedir=doctrees,
        builder=builder,
        force_all=force_all,
        freshenv=fresh,
        warningiserror=True,
        keep_going=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--all", action="store_true", help="read every page again")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    latex = build(
        root / "_build" / "latex", "latex", root / "_build" / DOCTREES, root=root, fresh=args.all
    )
    return 1 if latex else 0


if __name__ == "__main__":
    raise SystemExit(main())
