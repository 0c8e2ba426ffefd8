"""Experiments of the optimizers chapter: gradient noise, schedules, a learning-rate sweep and
a multi-seed comparison.  Taught in "Optimizers" (``book/optimizers.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import torch
from torch import nn

from .runtime import seed_everything
from .training import History, NonFiniteLossError, fit

__all__ = [
    "compare_optimizers",
    "gradient_noise",
    "lr_schedule",
    "sweep_learning_rates",
]

OptimizerFactory = Callable[..., torch.optim.Optimizer]


def gradient_noise(
    model: nn.Module,
    loss_fn: nn.Module,
    X: torch.Tensor,
    y: torch.Tensor,
    batch_sizes: Sequence[int],
    *,
    draws: int = 200,
    seed: int = 0,
) -> dict[int, float]:
    r"""How far a mini-batch gradient is from the full-batch gradient, per batch size.

    For each batch size :math:`B`, ``draws`` mini-batches are drawn without replacement and
    the root-mean-square relative error :math:`\sqrt{\overline{\|g_B - g\|^2}} / \|g\|` is
    returned; for independent examples it falls like :math:`1/\sqrt{B}`.
    """
    if any(not 1 <= b <= len(X) for b in batch_sizes):
        raise ValueError(f"every batch size must be in 1 .. {len(X)}, got {list(batch_sizes)}")

    def grad(idx) -> torch.Tensor:
        model.zero_grad()
        loss_fn(model(X[idx]), y[idx]).backward()
        return torch.cat([p.grad.reshape(-1) for p in model.parameters()]).clone()

    full = grad(slice(None))
    g = torch.Generator().manual_seed(seed)
    out = {}
    for b in batch_sizes:
        errors = [
            (grad(torch.randperm(len(X), generator=g)[:b]) - full).square().sum()
            for _ in range(draws)
        ]
        out[b] = (torch.stack(errors).mean().sqrt() / full.norm()).item()
    model.zero_grad()
    return out


def lr_schedule(
    make_scheduler: Callable[[torch.optim.Optimizer], torch.optim.lr_scheduler.LRScheduler],
    epochs: int,
    lr: float = 0.1,
) -> list[float]:
    """The learning rate a torch scheduler sets in each of ``epochs`` epochs (base rate ``lr``)."""
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr)
    scheduler = make_scheduler(opt)
    lrs = []
    for _ in range(epochs):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()  # the order torch expects: optimizer.step() before scheduler.step()
        scheduler.step()
    return lrs


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
