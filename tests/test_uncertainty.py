"""nnbook.uncertainty: Monte-Carlo dropout."""

import pytest
import torch

from nnbook.models import MLP
from nnbook.uncertainty import mc_dropout_predict


def test_mc_dropout_mean_and_std_of_the_draws():
    torch.manual_seed(0)
    model = MLP(1, (32,), dropout=0.3).double()
    X = torch.linspace(-1, 1, 7, dtype=torch.float64)[:, None]
    mean, std = mc_dropout_predict(model, X, samples=50, seed=4)
    assert not model.training  # left in evaluation mode
    torch.manual_seed(4)
    model.train()
    with torch.no_grad():
        draws = torch.stack([model(X) for _ in range(50)])
    torch.testing.assert_close(mean, draws.mean(0), rtol=0, atol=0)
    torch.testing.assert_close(std, draws.std(0), rtol=0, atol=0)
    assert (std > 0).all()


def test_mc_dropout_refuses_batch_norm_and_bad_samples():
    with pytest.raises(ValueError, match="batch normalization"):
        mc_dropout_predict(MLP(1, (4,), batch_norm="before"), torch.zeros(3, 1))
    torch_bn = torch.nn.Sequential(torch.nn.Linear(1, 4), torch.nn.BatchNorm1d(4))
    with pytest.raises(ValueError, match="batch normalization"):
        mc_dropout_predict(torch_bn, torch.zeros(3, 1))
    with pytest.raises(ValueError, match="samples"):
        mc_dropout_predict(MLP(1, (4,), dropout=0.5), torch.zeros(3, 1), samples=1)
