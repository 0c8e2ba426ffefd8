"""Figures of the optimizers chapter.  Like :mod:`nnbook.plots`, each returns a closed Figure.

Taught in "Optimizers" (``book/optimizers.md``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .training import History

__all__ = [
    "plot_comparison",
    "plot_gradient_noise",
    "plot_per_step",
    "plot_schedules",
    "plot_sweep",
]


def plot_per_step(
    curves: Mapping[str, Sequence[float]],
    *,
    ylabel: str,
    log: bool = True,
    xlabel: str = "step",
    drawstyle: str = "default",
) -> Figure:
    """One curve per name against the step; a curve that ends early ended (diverged)."""
    fig, ax = plt.subplots()
    for j, (name, values) in enumerate(curves.items()):
        values = np.asarray(values, dtype=np.float64)
        ax.plot(np.arange(len(values)), values, color=f"C{j}", label=name, drawstyle=drawstyle)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend()
    plt.close(fig)
    return fig


def plot_gradient_noise(noise: Mapping[int, float]) -> Figure:
    """Relative error of the mini-batch gradient against the batch size, with 1/sqrt(B)."""
    b = np.array(sorted(noise), dtype=np.float64)
    err = np.array([noise[int(k)] for k in b])
    fig, ax = plt.subplots()
    ax.loglog(b, err, "o-", color="C0", label="measured")
    ax.loglog(b, err[0] * np.sqrt(b[0] / b), "--", color="0.4", label=r"$\propto 1/\sqrt{B}$")
    ax.set_xlabel("batch size $B$")
    ax.set_ylabel(r"$\|g_B - g\| \,/\, \|g\|$ (RMS)")
    ax.legend()
    plt.close(fig)
    return fig


def plot_schedules(schedules: Mapping[str, Sequence[float]]) -> Figure:
    """Learning rate per epoch for each schedule (constant within an epoch)."""
    return plot_per_step(
        schedules, ylabel="learning rate", log=False, xlabel="epoch", drawstyle="steps-post"
    )


def plot_comparison(histories: Mapping[str, Sequence[History]]) -> Figure:
    """Mean test loss per epoch over seeds, with a band of one standard deviation."""
    fig, ax = plt.subplots()
    for j, (name, runs) in enumerate(histories.items()):
        losses = np.array([h.test_loss for h in runs], dtype=np.float64)
        epochs = np.arange(1, losses.shape[1] + 1)
        mean = losses.mean(axis=0)
        std = losses.std(axis=0, ddof=1) if len(runs) > 1 else np.zeros_like(mean)
        ax.plot(epochs, mean, color=f"C{j}", label=name)
        ax.fill_between(epochs, mean - std, mean + std, color=f"C{j}", alpha=0.2, lw=0)
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("test loss (cross-entropy)")
    ax.legend()
    plt.close(fig)
    return fig


def plot_sweep(
    xs: Sequence[float], curves: Mapping[str, Sequence[float]], *, xlabel: str, ylabel: str
) -> Figure:
    """One line per name of a metric against a swept setting (log-scaled, e.g. a learning rate)."""
    fig, ax = plt.subplots()
    for j, (name, values) in enumerate(curves.items()):
        if len(values) != len(xs):
            raise ValueError(f"{name!r} has {len(values)} values for {len(xs)} settings")
        ax.plot(xs, values, "o-", color=f"C{j}", label=name)
    ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend()
    plt.close(fig)
    return fig
