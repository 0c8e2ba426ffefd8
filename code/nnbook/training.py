"""The training loop: the six steps every PyTorch training loop repeats.

Taught in "Training a network" (``book/training-loop.md``, section ``sec-training-loop``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from .runtime import get_device

__all__ = ["History", "NonFiniteLossError", "evaluate_loss", "fit", "predict"]


class NonFiniteLossError(ValueError):
    """The loss became NaN or infinite: training diverged."""


@dataclass
class History:
    """What ``fit`` records: the loss on the whole training and test sets after each epoch."""

    train_loss: list[float] = field(default_factory=list)
    test_loss: list[float] = field(default_factory=list)
    device: str = "cpu"


def fit(
    model: nn.Module,
    X_train: torch.Tensor,
    y_train: torch.Tensor,
    X_test: torch.Tensor | None = None,
    y_test: torch.Tensor | None = None,
    *,
    epochs: int = 100,
    lr: float = 1e-2,
    batch_size: int = 32,
    loss_fn: nn.Module | None = None,
    optimizer: Callable[..., torch.optim.Optimizer] = torch.optim.Adam,
    seed: int = 0,
    device: str | torch.device | None = None,
) -> History:
    """Train ``model`` on mini-batches and record the loss after every epoch.

    Each mini-batch goes through the six steps of the loop below.  After each epoch the
    model is put in evaluation mode and its loss on the *whole* training set (and test set,
    if given) is recorded, so the two curves are measured the same way.  The shuffling of
    the mini-batches and any randomness inside the model (dropout) are seeded by ``seed``.

    Parameters
    ----------
    model
        The network; moved to ``device``.
    X_train, y_train
        Training inputs and targets, with the same number of rows.
    X_test, y_test
        Optional held-out set, evaluated (never trained on) after every epoch.
    epochs
        Passes over the training set, at least 1.
    lr
        Learning rate handed to ``optimizer``, finite and > 0.
    batch_size
        Rows per mini-batch, at least 1.
    loss_fn
        The loss; ``nn.MSELoss()`` when ``None``.
    optimizer
        Called as ``optimizer(model.parameters(), lr=lr)``; ``torch.optim.Adam`` by default.
    seed
        Seeds the mini-batch order and the model's own randomness.
    device
        Where to train; CUDA when present and ``None`` is given (see :func:`get_device`).

    Raises
    ------
    NonFiniteLossError
        (a ``ValueError``) when the loss becomes NaN or infinite; the message names the epoch.
    """
    _check_arguments(X_train, y_train, X_test, y_test, epochs, lr, batch_size)
    loss_fn = nn.MSELoss() if loss_fn is None else loss_fn
    device = get_device(device)
    model.to(device)
    torch.manual_seed(seed)
    loader = DataLoader(
        TensorDataset(X_train.to(device), y_train.to(device)),
        batch_size=batch_size,
        shuffle=True,
        generator=torch.Generator().manual_seed(seed),
    )
    opt = optimizer(model.parameters(), lr=lr)
    history = History(device=str(device))
    for epoch in range(1, epochs + 1):
        model.train()  # 1. training mode: dropout on, batch norm uses batch statistics
        for xb, yb in loader:
            opt.zero_grad()  # 2. forget the gradients of the previous step
            y_pred = model(xb)  # 3. forward pass
            _check_target_shape(y_pred, yb)
            loss = loss_fn(y_pred, yb)  # 4. loss of this mini-batch
            if not torch.isfinite(loss):
                raise NonFiniteLossError(
                    f"the loss became {loss.item()} in epoch {epoch}; training diverged "
                    f"(is the learning rate lr={lr} too large?)"
                )
            loss.backward()  # 5. backward pass: d loss / d parameter, for every parameter
            opt.step()  # 6. update every parameter from its gradient
        history.train_loss.append(evaluate_loss(model, X_train, y_train, loss_fn))
        if X_test is not None:
            history.test_loss.append(evaluate_loss(model, X_test, y_test, loss_fn))
    model.eval()
    return history


def predict(model: nn.Module, X: torch.Tensor) -> torch.Tensor:
    """The model's output for ``X`` in evaluation mode, without recording gradients, on the CPU."""
    device = next(model.parameters()).device
    model.eval()  # dropout off, batch norm uses its running statistics
    with torch.no_grad():
        return model(X.to(device)).cpu()


def evaluate_loss(model: nn.Module, X: torch.Tensor, y: torch.Tensor, loss_fn: nn.Module) -> float:
    """The loss of ``model`` on the whole of ``(X, y)`` in evaluation mode."""
    y_pred = predict(model, X)
    _check_target_shape(y_pred, y)
    return loss_fn(y_pred, y.cpu()).item()


def _check_target_shape(y_pred: torch.Tensor, y: torch.Tensor) -> None:
    # A (n, 1) prediction against a (n,) target broadcasts to (n, n) in MSELoss: a silently
    # wrong loss.  Floating-point targets must match the prediction's shape exactly.
    if y.is_floating_point() and y_pred.shape != y.shape:
        raise ValueError(
            f"target shape {tuple(y.shape)} differs from the model's output shape "
            f"{tuple(y_pred.shape)}; reshape y (e.g. y.reshape(-1, 1))"
        )


def _check_arguments(X_train, y_train, X_test, y_test, epochs, lr, batch_size) -> None:
    for name, t in (("X_train", X_train), ("y_train", y_train)):
        if not isinstance(t, torch.Tensor):
            raise TypeError(f"{name} must be a torch.Tensor, got {type(t).__name__}")
    if (X_test is None) != (y_test is None):
        raise ValueError("give both X_test and y_test, or neither")
    pairs = [("X_train", "y_train", X_train, y_train)]
    if X_test is not None:
        pairs.append(("X_test", "y_test", X_test, y_test))
    for xname, yname, X, y in pairs:
        if len(X) != len(y):
            raise ValueError(f"{xname} has {len(X)} rows but {yname} has {len(y)}")
        if len(X) == 0:
            raise ValueError(f"{xname} is empty")
        if X.is_floating_point() and not torch.isfinite(X).all():
            raise ValueError(f"{xname} contains NaN or infinite values")
    if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 1:
        raise ValueError(f"epochs must be an integer >= 1, got {epochs!r}")
    if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not math.isfinite(lr) or lr <= 0:
        raise ValueError(f"Invalid learning rate: lr={lr!r} (must be finite and > 0)")
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be an integer >= 1, got {batch_size!r}")
