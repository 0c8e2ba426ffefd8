"""The book's figures.  Plotting code lives here so chapter cells stay about the idea.

Every function returns a closed ``matplotlib.figure.Figure``: a notebook displays it once,
and ``myst_nb.glue`` can place it as a numbered figure.
"""

from __future__ import annotations

from collections.abc import Callable

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.figure import Figure
from torch import nn

from .training import History, predict

__all__ = [
    "plot_fit_1d",
    "plot_loss_curves",
    "plot_parity",
    "plot_step_size_error",
    "plot_uncertainty_band",
    "use_book_style",
]

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


def plot_loss_curves(history: History, *, log: bool = True, title: str | None = None) -> Figure:
    """Training and test loss per epoch, as recorded by :func:`nnbook.training.fit`."""
    if not history.train_loss:
        raise ValueError("history has no recorded epochs")
    fig, ax = plt.subplots()
    epochs = np.arange(1, len(history.train_loss) + 1)
    ax.plot(epochs, history.train_loss, label="training set", color="C0")
    if history.test_loss:
        ax.plot(epochs, history.test_loss, label="test set", color="C1")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss (MSE)")
    if log:
        ax.set_yscale("log")
    if title:
        ax.set_title(title)
    ax.legend()
    plt.close(fig)
    return fig


def plot_parity(y_true, y_pred, *, title: str | None = None) -> Figure:
    """Predicted against true values, with the line y_pred = y on which a perfect model lies."""
    y_true = _flat(y_true)
    y_pred = _flat(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true has shape {y_true.shape} but y_pred has shape {y_pred.shape}")
    fig, ax = plt.subplots(figsize=(3.8, 3.6))
    lo = min(y_true.min(), y_pred.min())
    hi = max(y_true.max(), y_pred.max())
    pad = 0.05 * (hi - lo)
    ax.plot([lo - pad, hi + pad], [lo - pad, hi + pad], color="0.4", lw=1, label="y_pred = y")
    ax.scatter(y_true, y_pred, s=12, alpha=0.6, color="C0", label="test points")
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_ylim(lo - pad, hi + pad)
    ax.set_aspect("equal")
    ax.set_xlabel("true y")
    ax.set_ylabel("predicted y")
    if title:
        ax.set_title(title)
    ax.legend(loc="upper left")
    plt.close(fig)
    return fig


def plot_fit_1d(
    model: nn.Module,
    X: torch.Tensor,
    y: torch.Tensor,
    *,
    true_fn: Callable[[np.ndarray], np.ndarray] | None = None,
) -> Figure:
    """Data of a one-feature regression, with the model's prediction as a curve."""
    if X.ndim != 2 or X.shape[1] != 1:
        raise ValueError(f"plot_fit_1d needs one input feature, X has shape {tuple(X.shape)}")
    fig, ax = plt.subplots()
    ax.scatter(_flat(X), _flat(y), s=10, alpha=0.5, color="C0", label="data")
    grid = torch.linspace(float(X.min()), float(X.max()), 400, dtype=X.dtype)[:, None]
    if true_fn is not None:
        ax.plot(grid[:, 0], true_fn(grid[:, 0].numpy()), color="0.3", ls="--", label="true f(x)")
    ax.plot(grid[:, 0], _flat(predict(model, grid)), color="C1", lw=2, label="network")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend()
    plt.close(fig)
    return fig


def plot_step_size_error(hs, errors) -> Figure:
    """Error of a finite-difference derivative against the step h, on log-log axes."""
    hs = _flat(hs)
    errors = _flat(errors)
    if hs.shape != errors.shape or (hs <= 0).any():
        raise ValueError("hs and errors must have the same length, and every h must be > 0")
    fig, ax = plt.subplots()
    # an exact zero cannot be drawn on a log axis: show it at the bottom of the float64 range
    ax.loglog(hs, np.maximum(errors, 1e-17), "o-", color="C0")
    ax.set_xlabel("step h")
    ax.set_ylabel("|central difference - exact|")
    plt.close(fig)
    return fig


def plot_uncertainty_band(X, y, grid, mean, std, *, true_fn=None) -> Figure:
    """A one-feature regression's mean prediction with a band of two standard deviations."""
    grid, mean, std = _flat(grid), _flat(mean), _flat(std)
    if not grid.shape == mean.shape == std.shape:
        raise ValueError("grid, mean and std must have the same length")
    fig, ax = plt.subplots()
    ax.fill_between(grid, mean - 2 * std, mean + 2 * std, color="C1", alpha=0.25,
                    lw=0, label="mean ± 2 std")  # fmt: skip
    ax.plot(grid, mean, color="C1", lw=2, label="MC-dropout mean")
    if true_fn is not None:
        ax.plot(grid, true_fn(grid), color="0.3", ls="--", label="true f(x)")
    ax.scatter(_flat(X), _flat(y), s=10, alpha=0.6, color="C0", label="training data")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend(fontsize=8)
    plt.close(fig)
    return fig


def _flat(a) -> np.ndarray:
    if isinstance(a, torch.Tensor):
        a = a.detach().cpu().numpy()
    return np.asarray(a, dtype=np.float64).reshape(-1)
