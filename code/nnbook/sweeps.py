"""Training over a grid: a learning-rate sweep scored on validation data, and a comparison
of optimizers over several seeds.

Taught in "Optimizers" (``book/optimizers.md``); the sweep is how the book chooses a setting
without touching the test set.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import torch
from torch import nn

from .runtime import seed_everything
from .training import History, NonFiniteLossError, fit

__all__ = ["compare_optimizers", "sweep_learning_rates"]

OptimizerFactory = Callable[..., torch.optim.Optimizer]


def sweep_learning_rates(
    make_model: Callable[[], nn.Module],
    candidates: Mapping[str, tuple[OptimizerFactory, Sequence[float]]],
    X_train: torch.Tensor,
    y_train: torch.Tensor,
    X_val: torch.Tensor,
    y_val: torch.Tensor,
    *,
    seed: int = 0,
    **fit_kwargs,
) -> dict[str, dict[float, float]]:
    """Final validation accuracy of each optimizer at each of its candidate learning rates.

    The choice is made on a validation set carved out of the training data, never on the
    test set, so that the test accuracy reported afterwards is not tuned to it.  A run that
    diverges scores 0.
    """
    results: dict[str, dict[float, float]] = {}
    for name, (optimizer, lrs) in candidates.items():
        results[name] = {}
        for lr in lrs:
            seed_everything(seed)
            try:
                h = fit(make_model(), X_train, y_train, X_val, y_val, lr=lr, optimizer=optimizer,
                        seed=seed, **fit_kwargs)  # fmt: skip
                results[name][lr] = h.test_accuracy[-1]
            except NonFiniteLossError:  # diverged
                results[name][lr] = 0.0
    return results


def compare_optimizers(
    make_model: Callable[[], nn.Module],
    choices: Mapping[str, tuple[OptimizerFactory, float]],
    X_train: torch.Tensor,
    y_train: torch.Tensor,
    X_test: torch.Tensor,
    y_test: torch.Tensor,
    *,
    seeds: Sequence[int] = (0, 1, 2),
    **fit_kwargs,
) -> dict[str, list[History]]:
    """Train a fresh model per optimizer and seed; the seed fixes initial weights and batches."""
    if len(seeds) < 1:
        raise ValueError("seeds must name at least one seed")
    out: dict[str, list[History]] = {}
    for name, (optimizer, lr) in choices.items():
        out[name] = []
        for seed in seeds:
            seed_everything(seed)
            out[name].append(fit(make_model(), X_train, y_train, X_test, y_test, lr=lr,
                                 optimizer=optimizer, seed=seed, **fit_kwargs))  # fmt: skip
    return out
