"""nnbook.sweeps: learning-rate sweeps and seeded comparisons."""

import pytest
import torch
from torch import nn

import nnbook.optim as optim
from nnbook.data import load_digits_unit, split_to_tensors
from nnbook.models import MLP
from nnbook.sweeps import compare_optimizers, sweep_learning_rates


def _regression(n=64, dtype=torch.float64):
    g = torch.Generator().manual_seed(0)
    X = torch.randn(n, 3, generator=g, dtype=dtype)
    return X, X.sum(1, keepdim=True) + 0.5 * torch.randn(n, 1, generator=g, dtype=dtype)


def test_sweep_scores_a_diverged_run_zero_and_others_by_validation_accuracy():
    X, y = load_digits_unit()
    X_tr, X_va, y_tr, y_va = split_to_tensors(X[:300], y[:300], seed=0)
    kw = dict(epochs=2, batch_size=32, loss_fn=nn.CrossEntropyLoss(), device="cpu")
    result = sweep_learning_rates(
        lambda: MLP(64, (16,), 10), {"SGD": (optim.SGD, [0.1, 1e30])}, X_tr, y_tr, X_va, y_va, **kw
    )
    assert result["SGD"][1e30] == 0.0  # diverged: NonFiniteLossError
    assert 0.0 < result["SGD"][0.1] <= 1.0
    with pytest.raises(ValueError, match="label"):  # other errors are not taken for divergence
        sweep_learning_rates(
            lambda: MLP(64, (16,), 5), {"SGD": (optim.SGD, [0.1])}, X_tr, y_tr, X_va, y_va, **kw
        )


def test_compare_optimizers_one_history_per_seed_and_seeded():
    X, y = _regression()
    kw = dict(epochs=2, batch_size=16, device="cpu")
    make = lambda: MLP(3, (8,)).double()  # noqa: E731
    runs = compare_optimizers(
        make, {"Adam": (optim.Adam, 1e-2)}, X[:48], y[:48], X[48:], y[48:], seeds=(0, 1, 0), **kw
    )
    first, second, again = runs["Adam"]
    assert first.test_loss == again.test_loss and first.test_loss != second.test_loss
    with pytest.raises(ValueError, match="seed"):
        compare_optimizers(make, {"Adam": (optim.Adam, 1e-2)}, X, y, X, y, seeds=(), **kw)
