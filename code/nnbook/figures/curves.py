"""Curves: a metric against the epoch, the step, or a swept setting.

One drawing of per-epoch curves (:func:`draw_epochs`) serves the loss curves of every chapter
and the loss-and-accuracy panels of classification; every plot names its own y axis, since
only the chapter knows which loss was minimized.  Like every function of
:mod:`nnbook.figures`, each returns a closed ``Figure``.  Used in "Training a network",
"Classification", "Backpropagation" (finite-difference error), "Optimizers", "Dropout",
"Batch normalization", "Autoencoders" and "Variational autoencoders".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from ..checks import as_flat
from ..training import History

__all__ = [
    "draw_epochs",
    "plot_comparison",
    "plot_gradient_noise",
    "plot_history",
    "plot_loss_curves",
    "plot_per_step",
    "plot_schedules",
    "plot_step_size_error",
    "plot_sweep",
]


def draw_epochs(ax, train, test, ylabel: str, eval_label: str = "test set") -> None:
    """A metric per epoch on ``ax``: the training set, and the evaluation set if recorded
    (``fit`` records whichever set it was given: name it with ``eval_label``)."""
    epochs = np.arange(1, len(train) + 1)
    ax.plot(epochs, train, label="training set", color="C0")
    if test:
        ax.plot(epochs, test, label=eval_label, color="C1")
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)


def plot_loss_curves(
    history: History,
    *,
    ylabel: str,
    log: bool = True,
    title: str | None = None,
    eval_label: str = "test set",
) -> Figure:
    """Training and evaluation loss per epoch, as recorded by :func:`nnbook.training.fit`.

    ``ylabel`` names the loss and its unit (e.g. ``"loss (MSE)"``, ``"negative ELBO (nats)"``)
    and ``eval_label`` the set ``fit`` evaluated on (``"validation set"`` while choosing): the
    figure cannot know which loss or which set ``fit`` was given.
    """
    if not history.train_loss:
        raise ValueError("history has no recorded epochs")
    fig, ax = plt.subplots()
    draw_epochs(ax, history.train_loss, history.test_loss, ylabel, eval_label)
    if log:
        ax.set_yscale("log")
    if title:
        ax.set_title(title)
    ax.legend()
    plt.close(fig)
    return fig


def plot_history(
    history: History,
    *,
    loss_label: str = "loss",
    title: str | None = None,
    eval_label: str = "test set",
) -> Figure:
    """Loss (left) and accuracy (right) per epoch, training and held-out, as ``fit`` records them.

    ``eval_label`` names the set ``fit`` evaluated on (``"validation set"`` while choosing).
    """
    if not history.train_accuracy:
        raise ValueError("history has no accuracy: train with a classification loss")
    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(8, 3.2))
    draw_epochs(ax_loss, history.train_loss, history.test_loss, loss_label, eval_label)
    draw_epochs(ax_acc, history.train_accuracy, history.test_accuracy, "accuracy", eval_label)
    ax_loss.set_yscale("log")
    ax_acc.legend(loc="lower right")
    if title:
        fig.suptitle(title)
    plt.close(fig)
    return fig


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


def plot_schedules(schedules: Mapping[str, Sequence[float]]) -> Figure:
    """Learning rate per epoch for each schedule (constant within an epoch)."""
    return plot_per_step(
        schedules, ylabel="learning rate", log=False, xlabel="epoch", drawstyle="steps-post"
    )


def plot_comparison(
    histories: Mapping[str, Sequence[History]], *, ylabel: str, split: str = "test"
) -> Figure:
    """Mean loss per epoch over seeds, with a band of one standard deviation; ``ylabel``
    names the loss.

    ``split`` is ``"test"`` (the evaluation set's loss) or ``"train"`` (the training loss, what
    an optimizer minimises: a comparison of optimizers can draw it without looking at the
    test set more than once).
    """
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', got {split!r}")
    fig, ax = plt.subplots()
    for j, (name, runs) in enumerate(histories.items()):
        losses = np.array([getattr(h, f"{split}_loss") for h in runs], dtype=np.float64)
        epochs = np.arange(1, losses.shape[1] + 1)
        mean = losses.mean(axis=0)
        std = losses.std(axis=0, ddof=1) if len(runs) > 1 else np.zeros_like(mean)
        ax.plot(epochs, mean, color=f"C{j}", label=name)
        ax.fill_between(epochs, mean - std, mean + std, color=f"C{j}", alpha=0.2, lw=0)
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)
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


def plot_step_size_error(hs, errors) -> Figure:
    """Error of a finite-difference derivative against the step h, on log-log axes."""
    hs = as_flat(hs)
    errors = as_flat(errors)
    if hs.shape != errors.shape or (hs <= 0).any():
        raise ValueError("hs and errors must have the same length, and every h must be > 0")
    fig, ax = plt.subplots()
    # an exact zero cannot be drawn on a log axis: show it at the bottom of the float64 range
    ax.loglog(hs, np.maximum(errors, 1e-17), "o-", color="C0")
    ax.set_xlabel("step h")
    ax.set_ylabel("|central difference - exact|")
    plt.close(fig)
    return fig
