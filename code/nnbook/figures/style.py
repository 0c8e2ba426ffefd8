"""The book's figure style, in one place: matplotlib settings and reproducible SVG output.

:func:`use_book_style` is called at the top of every chapter; :data:`SVG_METADATA` is what
every SVG the package writes (static figures and animations) is saved with, so that two builds
write the same bytes.
"""

from __future__ import annotations

import matplotlib as mpl

__all__ = ["SVG_METADATA", "use_book_style"]

#: Fixed in every build so that the SVG files are byte-identical from build to build.
SVG_METADATA = {"Date": None}


def use_book_style() -> None:
    """Set the book's matplotlib style and make notebook figures reproducible SVG (and PNG).

    ``svg.hashsalt`` fixes the ids matplotlib writes into an SVG, and the metadata date is
    dropped, so two builds write the same bytes.
    """
    mpl.rcParams.update(
        {
            "figure.figsize": (5.5, 3.6),
            "figure.dpi": 100,
            "figure.constrained_layout.use": True,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "font.size": 10,
            "svg.hashsalt": "nnbook",
            "svg.fonttype": "path",  # text as outlines: the same glyphs on every machine
        }
    )
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing to configure
        return
    if get_ipython() is not None:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        # SVG for HTML; PNG too, for builders that cannot show SVG (LaTeX/PDF)
        set_matplotlib_formats("svg", "png", metadata=SVG_METADATA)
