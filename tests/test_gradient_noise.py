"""nnbook.gradient_noise: the mini-batch gradient's distance from the full gradient."""

import pytest
import torch
from torch import nn

from nnbook.gradient_noise import gradient_noise
from nnbook.models import MLP


def _regression(n=64, dtype=torch.float64):
    g = torch.Generator().manual_seed(0)
    X = torch.randn(n, 3, generator=g, dtype=dtype)
    return X, X.sum(1, keepdim=True) + 0.5 * torch.randn(n, 1, generator=g, dtype=dtype)


def test_gradient_noise_is_zero_for_the_full_batch_and_falls_with_b():
    X, y = _regression()
    torch.manual_seed(0)
    noise = gradient_noise(MLP(3, (8,)).double(), nn.MSELoss(), X, y, [1, 16, 64], draws=50)
    assert noise[64] < 1e-12  # a "mini-batch" of every row is the full batch
    assert noise[1] > noise[16] > noise[64]
    with pytest.raises(ValueError, match="batch size"):
        gradient_noise(MLP(3, (8,)).double(), nn.MSELoss(), X, y, [0])
