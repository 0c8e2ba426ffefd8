r"""Logistic regression trained three ways, from primitive to idiomatic PyTorch.

All three minimise the binary cross-entropy of one neuron,

.. math::

    \hat p = \sigma(w^\top x + b), \qquad
    L = -\frac{1}{n} \sum_{i=1}^{n} \bigl[ y_i \log \hat p_i + (1 - y_i) \log (1 - \hat p_i) \bigr],

by full-batch gradient descent from the same initial parameters, so they must end at the same
parameters (the tests check it to the last bits in float64).  Taught in "Classification"
(``book/classification.md``, section ``sec-class-three-ways``).
"""

from __future__ import annotations

import torch
from torch import nn

__all__ = [
    "bce_naive",
    "train_logistic_manual",
    "train_logistic_optim",
    "train_logistic_sequential",
]

Result = tuple[torch.Tensor, torch.Tensor, list[float]]


def bce_naive(z: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    r"""The textbook formula :math:`-[y \log \sigma(z) + (1-y) \log(1 - \sigma(z))]`, averaged.

    Deliberately naive: for a large :math:`|z|` the sigmoid rounds to exactly 0 or 1 and a
    logarithm becomes :math:`-\infty`.  ``nn.BCEWithLogitsLoss`` computes the same quantity
    as :math:`\max(z, 0) - z y + \log(1 + e^{-|z|})`, which never overflows.
    """
    p = torch.sigmoid(z)
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()


def _initial(n_features: int, seed: int, dtype: torch.dtype) -> tuple[torch.Tensor, torch.Tensor]:
    # the same small random start for all three versions
    g = torch.Generator().manual_seed(seed)
    return 0.1 * torch.randn(1, n_features, generator=g, dtype=dtype), torch.zeros(1, dtype=dtype)


def train_logistic_manual(
    X: torch.Tensor, y: torch.Tensor, lr: float, steps: int, seed: int = 0
) -> Result:
    """Version 1: parameters are plain tensors; we update them ourselves under ``no_grad``."""
    w, b = _initial(X.shape[1], seed, X.dtype)
    w.requires_grad_()
    b.requires_grad_()
    losses = []
    for _ in range(steps):
        z = X @ w.T + b  # the logit of every row, shape (n, 1)
        loss = nn.functional.binary_cross_entropy_with_logits(z, y)
        loss.backward()
        with torch.no_grad():  # the update itself must not become part of the graph
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad = None  # gradients accumulate: clear them before the next backward
        b.grad = None
        losses.append(loss.item())
    return w.detach(), b.detach(), losses


def train_logistic_sequential(
    X: torch.Tensor, y: torch.Tensor, lr: float, steps: int, seed: int = 0
) -> Result:
    """Version 2: the model is ``nn.Sequential(nn.Linear)``; the update is still ours."""
    model = _linear_model(X, seed)
    loss_fn = nn.BCEWithLogitsLoss()
    losses = []
    for _ in range(steps):
        loss = loss_fn(model(X), y)
        loss.backward()
        with torch.no_grad():
            for p in model.parameters():
                p -= lr * p.grad
        model.zero_grad()
        losses.append(loss.item())
    return model[0].weight.detach(), model[0].bias.detach(), losses


def train_logistic_optim(
    X: torch.Tensor, y: torch.Tensor, lr: float, steps: int, seed: int = 0
) -> Result:
    """Version 3: ``torch.optim.SGD`` does the update: the loop structure of later chapters."""
    model = _linear_model(X, seed)
    loss_fn = nn.BCEWithLogitsLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model[0].weight.detach(), model[0].bias.detach(), losses


def _linear_model(X: torch.Tensor, seed: int) -> nn.Sequential:
    model = nn.Sequential(nn.Linear(X.shape[1], 1)).to(X.dtype)
    w, b = _initial(X.shape[1], seed, X.dtype)
    with torch.no_grad():
        model[0].weight.copy_(w)
        model[0].bias.copy_(b)
    return model
