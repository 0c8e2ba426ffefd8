"""Classification figures: decision surfaces, hidden units, confusion matrices, galleries.

Used in "Classification" (``book/classification.md``).  Each function returns a closed
``Figure``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.figure import Figure
from sklearn.metrics import ConfusionMatrixDisplay
from torch import nn

from ..classification import predict_proba

__all__ = [
    "plot_confusion_matrix",
    "plot_decision_surface",
    "plot_gallery",
    "plot_hidden_units",
    "surface_grid",
]


def surface_grid(
    fn: Callable[[torch.Tensor], np.ndarray], X, *, resolution: int = 120, margin: float = 0.5
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Evaluate ``fn`` on a ``resolution`` x ``resolution`` grid covering the points ``X``.

    ``fn`` maps a float tensor of shape ``(m, 2)`` (the dtype of ``X``) to ``m`` values.
    Returns ``xx, yy, zz``, each of shape ``(resolution, resolution)``, with
    ``zz[i, j] = fn([xx[i, j], yy[i, j]])``.
    """
    X = torch.as_tensor(X)
    _check_2d_inputs(X)
    lo = X.min(dim=0).values.double().numpy() - margin
    hi = X.max(dim=0).values.double().numpy() + margin
    xx, yy = np.meshgrid(
        np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution)
    )
    grid = torch.as_tensor(np.column_stack([xx.ravel(), yy.ravel()]), dtype=X.dtype)
    zz = np.asarray(fn(grid), dtype=np.float64).reshape(xx.shape)
    return xx, yy, zz


def plot_decision_surface(model: nn.Module, X, y, *, title: str | None = None) -> Figure:
    """A binary classifier's probability of class 1 over the plane, with its 0.5 contour.

    The model takes two inputs and outputs one logit (or two); the data ``X`` (shape
    ``(n, 2)``) are drawn on top, coloured by their label ``y``.
    """
    _check_2d_model(model)
    xx, yy, zz = surface_grid(lambda g: _binary_proba(model, g), X)
    fig, ax = plt.subplots(figsize=(4.6, 3.8))
    _draw_surface(ax, fig, xx, yy, zz, "P(class 1)")
    ax.contour(xx, yy, zz, levels=[0.5], colors="k", linewidths=1.5)
    _draw_points(ax, X, y)
    if title:
        ax.set_title(title)
    plt.close(fig)
    return fig


def plot_hidden_units(model: nn.Module, X, y) -> Figure:
    """One panel per unit of the last hidden layer: its output over the plane.

    ``model`` is an :class:`nnbook.models.MLP` with two inputs; its ``features`` method gives
    the hidden layer's output.
    """
    _check_2d_model(model)
    n_units = model.features(torch.zeros(1, 2, dtype=next(model.parameters()).dtype)).shape[1]
    fig, axes = plt.subplots(1, n_units, figsize=(2.4 * n_units, 2.6), squeeze=False)
    for j, ax in enumerate(axes[0]):
        xx, yy, zz = surface_grid(lambda g, j=j: _no_grad(model.features, g)[:, j], X)
        ax.contourf(xx, yy, zz, levels=10, cmap="viridis", rasterized=True)  # see _draw_surface
        _draw_points(ax, X, y, legend=False, size=8)
        ax.set_title(f"hidden unit {j + 1}")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_aspect("equal")
    plt.close(fig)
    return fig


def plot_confusion_matrix(cm: np.ndarray) -> Figure:
    """The confusion matrix with its counts; rows are true classes, columns predictions."""
    fig, ax = plt.subplots(figsize=(4.6, 4.2))
    ConfusionMatrixDisplay(np.asarray(cm)).plot(ax=ax, colorbar=False, cmap="Blues")
    ax.grid(False)
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    plt.close(fig)
    return fig


def plot_gallery(
    images, y_true, proba: np.ndarray, indices: Sequence[int], *, rows: int = 1
) -> Figure:
    """8 x 8 digit images with their true label, predicted label and probabilities."""
    images = np.asarray(images, dtype=np.float64)
    if images.ndim != 2 or images.shape[1] != 64:
        raise ValueError(f"images must have shape (n, 64), got {images.shape}")
    y_true = np.asarray(y_true).reshape(-1)
    cols = -(-len(indices) // rows)
    fig, axes = plt.subplots(rows, cols, figsize=(1.9 * cols, 2.3 * rows), squeeze=False)
    for ax in axes.ravel():
        ax.axis("off")
    for ax, i in zip(axes.ravel(), indices, strict=False):
        t, p = int(y_true[i]), int(np.argmax(proba[i]))
        ax.imshow(images[i].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(
            f"true {t}: P={proba[i, t]:.2f}\npredicted {p}: P={proba[i, p]:.2f}", fontsize=8
        )
    plt.close(fig)
    return fig


def _binary_proba(model: nn.Module, grid: torch.Tensor) -> np.ndarray:
    proba = predict_proba(model, grid)
    if proba.shape[1] != 2:
        raise ValueError(
            f"a decision surface needs a binary classifier, got {proba.shape[1]} classes"
        )
    return proba[:, 1]


def _no_grad(fn: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor) -> np.ndarray:
    with torch.no_grad():
        return fn(x).double().cpu().numpy()


def _draw_surface(ax, fig, xx, yy, zz, label: str) -> None:
    # The filled bands are rasterized (embedded as a PNG): as vector paths they follow every
    # grid cell and weigh 3-6 times more.  Lines, points and text stay vectors.
    filled = ax.contourf(
        xx, yy, zz, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.8, rasterized=True
    )
    fig.colorbar(filled, ax=ax, label=label)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.grid(False)


def _draw_points(ax, X, y, *, legend: bool = True, size: int = 18) -> None:
    X = np.asarray(torch.as_tensor(X).double())
    y = np.asarray(torch.as_tensor(y).double()).reshape(-1)
    for label, marker, color in ((0, "o", "C0"), (1, "s", "C3")):
        pts = X[y == label]
        ax.scatter(
            pts[:, 0],
            pts[:, 1],
            s=size,
            marker=marker,
            c=color,
            edgecolors="k",
            linewidths=0.5,
            label=f"class {label}",
        )
    if legend:
        ax.legend(loc="upper right", fontsize=8)


def _check_2d_inputs(X: torch.Tensor) -> None:
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"a surface plot needs 2-D inputs, X has shape {tuple(X.shape)}")


def _check_2d_model(model: nn.Module) -> None:
    n_inputs = getattr(model, "n_inputs", None)
    if n_inputs is None:
        first = next((m for m in model.modules() if isinstance(m, nn.Linear)), None)
        n_inputs = first.in_features if first is not None else None
    if n_inputs != 2:
        raise ValueError(f"a surface plot needs a model with 2 inputs, this one has {n_inputs}")
