"""nnbook: the tested code behind the chapters of the book.

Every algorithm a chapter teaches lives here, is shown in the chapter from this source,
and is checked by ``tests/``.  One module per idea:

- :mod:`nnbook.runtime` -- seeds and the device (CPU or CUDA);
- :mod:`nnbook.data` -- synthetic regression data, splits, scikit-learn's digits;
- :mod:`nnbook.models` -- the multi-layer perceptron;
- :mod:`nnbook.training` -- the training loop (``fit``) and ``predict``;
- :mod:`nnbook.metrics` -- regression metrics;
- :mod:`nnbook.plots` -- the book's figures;
- :mod:`nnbook.autodiff` -- a scalar automatic-differentiation engine, reverse and forward mode;
- :mod:`nnbook.derivatives` -- Jacobians by either mode, and finite differences;
- :mod:`nnbook.compgraph`, :mod:`nnbook.graphfigure`, :mod:`nnbook.player` -- animated
  computation graphs.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("nnbook")
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
