"""nnbook: the tested code behind the chapters of the book.

Every algorithm a chapter teaches lives here, is shown in the chapter from this source,
and is checked by ``tests/``.  One module per idea:

- :mod:`nnbook.runtime` -- seeds and the device (CPU or CUDA);
- :mod:`nnbook.data` -- synthetic regression data, splits, scikit-learn's digits;
- :mod:`nnbook.models` -- the multi-layer perceptron (with dropout and batch-norm options);
- :mod:`nnbook.training` -- the training loop (``fit``, regression and classification);
- :mod:`nnbook.metrics`, :mod:`nnbook.classification` -- regression and classification
  metrics (scikit-learn's), probabilities, easiest and hardest examples;
- :mod:`nnbook.logistic` -- logistic regression trained three ways;
- :mod:`nnbook.plots`, :mod:`nnbook.classplots`, :mod:`nnbook.optimplots` -- the figures;
- :mod:`nnbook.tables` -- tables of computed numbers for the chapters;
- :mod:`nnbook.optim` -- SGD, Adagrad, RMSprop, Adam, AdamW from their equations;
- :mod:`nnbook.testproblems`, :mod:`nnbook.trajectories`, :mod:`nnbook.optimstudy` --
  optimizer test surfaces, animated trajectories, and the optimizer experiments;
- :mod:`nnbook.layers` -- dropout and batch normalization (hand-written backward);
- :mod:`nnbook.dropoutstudy`, :mod:`nnbook.bnstudy` -- the dropout and batch-norm chapters'
  graphs and Monte-Carlo dropout;
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
