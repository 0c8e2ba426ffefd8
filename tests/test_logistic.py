import pytest
import torch
from torch import nn

from nnbook.data import make_binary_data
from nnbook.logistic import (
    bce_naive,
    train_logistic_manual,
    train_logistic_optim,
    train_logistic_sequential,
)


def _blobs():
    X, y = make_binary_data("blobs", 40, seed=3)
    return torch.tensor(X), torch.tensor(y)


def test_three_versions_end_at_the_same_parameters():
    X, y = _blobs()
    runs = [
        f(X, y, lr=0.3, steps=50, seed=1)
        for f in (train_logistic_manual, train_logistic_sequential, train_logistic_optim)
    ]
    w0, b0, losses0 = runs[0]
    for w, b, losses in runs[1:]:
        torch.testing.assert_close(w, w0, rtol=0, atol=1e-14)
        torch.testing.assert_close(b, b0, rtol=0, atol=1e-14)
        assert losses == pytest.approx(losses0, rel=1e-13)
    assert losses0[-1] < losses0[0]


def test_manual_version_is_gradient_descent_on_bce():
    X, y = _blobs()
    w0, b0, _ = train_logistic_manual(X, y, lr=0.3, steps=0, seed=1)
    w1, b1, _ = train_logistic_manual(X, y, lr=0.3, steps=1, seed=1)
    # gradient of the mean BCE: (sigmoid(z) - y) x / n
    r = torch.sigmoid(X @ w0.T + b0) - y
    torch.testing.assert_close(w1, w0 - 0.3 * (r * X).mean(0, keepdim=True), rtol=0, atol=1e-15)
    torch.testing.assert_close(b1, b0 - 0.3 * r.mean().reshape(1), rtol=0, atol=1e-15)


@pytest.mark.parametrize("z", [-5.0, -0.3, 0.0, 2.0, 7.0])
@pytest.mark.parametrize("y", [0.0, 1.0])
def test_naive_bce_agrees_with_torch_for_moderate_logits(z, y):
    zt, yt = torch.tensor([[z]], dtype=torch.float64), torch.tensor([[y]], dtype=torch.float64)
    torch.testing.assert_close(
        bce_naive(zt, yt), nn.BCEWithLogitsLoss()(zt, yt), rtol=1e-12, atol=0
    )


def test_naive_bce_overflows_where_with_logits_does_not():
    z, y = torch.tensor([[-200.0]]), torch.tensor([[1.0]])
    assert bce_naive(z, y).item() == float("inf")
    assert nn.BCEWithLogitsLoss()(z, y).item() == pytest.approx(200.0)
