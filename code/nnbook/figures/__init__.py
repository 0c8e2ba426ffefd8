"""Static figures, grouped by the kind of figure they are.

Every function returns a closed ``matplotlib.figure.Figure`` (a notebook displays it once and
``myst_nb.glue`` places it as a numbered figure); the style and the reproducible SVG settings
live in :mod:`nnbook.figures.style`.  Nothing here computes what a chapter teaches: the
numbers come from the top-level modules of :mod:`nnbook`.
"""
