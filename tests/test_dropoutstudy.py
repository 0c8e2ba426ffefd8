import pytest
import torch

from nnbook.dropoutstudy import mc_dropout_predict, scalar_dropout_net
from nnbook.models import MLP


def test_scalar_dropout_net_matches_torch_with_the_same_masks():
    w_in, w_out, x, t, p = [0.8, -0.5, 1.2, 0.3], [0.6, 0.9, -0.4, 1.1], 1.5, 1.0, 0.5
    loss = scalar_dropout_net(x, w_in, w_out, t, p, seed=0)
    loss.backward()
    keep = (torch.rand(4, generator=torch.Generator().manual_seed(0)) >= p).double()
    w = torch.tensor(w_in, dtype=torch.float64, requires_grad=True)
    v = torch.tensor(w_out, dtype=torch.float64, requires_grad=True)
    ref = ((v * torch.relu(w * x) * keep / (1 - p)).sum() - t) ** 2
    ref.backward()
    assert loss.data == pytest.approx(ref.item(), rel=1e-14)
    leaves = {n.label: n for n in loss.graph() if not n.inputs}
    for j in range(4):
        assert leaves[f"w_{j + 1}"].grad == pytest.approx(w.grad[j].item(), abs=1e-14)
        assert leaves[f"v_{j + 1}"].grad == pytest.approx(v.grad[j].item(), abs=1e-14)
        if keep[j] == 0:  # a dropped unit passes no gradient to its weights
            assert leaves[f"w_{j + 1}"].grad == 0 and leaves[f"v_{j + 1}"].grad == 0
    assert 0 < keep.sum() < 4  # the seed gives a mask with both kinds of unit


def test_scalar_dropout_net_bad_arguments():
    with pytest.raises(ValueError, match="same"):
        scalar_dropout_net(1.0, [1.0], [1.0, 2.0], 0.0, 0.5)
    with pytest.raises(ValueError, match=r"\[0, 1\)"):
        scalar_dropout_net(1.0, [1.0], [1.0], 0.0, 1.0)


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
