"""Regression figures: predictions against truth, a one-feature fit, an uncertainty band.

Used in "Training a network" (``book/training-loop.md``) and "Dropout" (``book/dropout.md``).
Each function returns a closed ``Figure``.
"""

from __future__ import annotations

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.figure import Figure
from torch import nn

from ..checks import as_flat
from ..training import predict

__all__ = ["plot_fit_1d", "plot_parity", "plot_uncertainty_band"]


def plot_parity(y_true, y_pred, *, title: str | None = None) -> Figure:
    """Predicted against true values, with the line y_pred = y on which a perfect model lies."""
    y_true = as_flat(y_true)
    y_pred = as_flat(y_pred)
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
    ax.scatter(as_flat(X), as_flat(y), s=10, alpha=0.5, color="C0", label="data")
    grid = torch.linspace(float(X.min()), float(X.max()), 400, dtype=X.dtype)[:, None]
    if true_fn is not None:
        ax.plot(grid[:, 0], true_fn(grid[:, 0].numpy()), color="0.3", ls="--", label="true f(x)")
    ax.plot(grid[:, 0], as_flat(predict(model, grid)), color="C1", lw=2, label="network")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend()
    plt.close(fig)
    return fig


def plot_uncertainty_band(X, y, grid, mean, std, *, true_fn=None) -> Figure:
    """A one-feature regression's mean prediction with a band of two standard deviations."""
    grid, mean, std = as_flat(grid), as_flat(mean), as_flat(std)
    if not grid.shape == mean.shape == std.shape:
        raise ValueError("grid, mean and std must have the same length")
    fig, ax = plt.subplots()
    ax.fill_between(grid, mean - 2 * std, mean + 2 * std, color="C1", alpha=0.25,
                    lw=0, label="mean ± 2 std")  # fmt: skip
    ax.plot(grid, mean, color="C1", lw=2, label="MC-dropout mean")
    if true_fn is not None:
        ax.plot(grid, true_fn(grid), color="0.3", ls="--", label="true f(x)")
    ax.scatter(as_flat(X), as_flat(y), s=10, alpha=0.6, color="C0", label="training data")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend(fontsize=8)
    plt.close(fig)
    return fig
