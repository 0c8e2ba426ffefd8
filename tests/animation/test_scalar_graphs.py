"""nnbook.animation.scalar_graphs: each small graph's values and gradients are PyTorch's."""

import math

import pytest
import torch

from nnbook.animation.scalar_graphs import (
    batchnorm_graph,
    reparameterization_graph,
    scalar_dropout_net,
)


@pytest.mark.parametrize("xs", [[1.0, 2.0, 4.0], [0.3, -1.2], [2.0, 2.5, -1.0, 0.0]])
def test_batchnorm_graph_values_and_gradients_are_torchs(xs):
    upstream = [1.0, -2.0, 0.5, 0.7][: len(xs)]
    loss, ys = batchnorm_graph(xs, 1.5, 0.5, upstream)
    loss.backward()
    x = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
    w = torch.tensor([1.5], dtype=torch.float64, requires_grad=True)
    b = torch.tensor([0.5], dtype=torch.float64, requires_grad=True)
    y = torch.nn.functional.batch_norm(x[:, None], None, None, w, b, training=True, eps=1e-5)
    (y[:, 0] * torch.tensor(upstream, dtype=torch.float64)).sum().backward()
    assert [v.data for v in ys] == pytest.approx(y[:, 0].tolist(), abs=1e-14)
    leaves = {n.label: n for n in loss.graph() if not n.inputs}
    for i in range(len(xs)):
        assert leaves[f"x_{i + 1}"].grad == pytest.approx(x.grad[i].item(), abs=1e-13)
    assert leaves[r"\gamma"].grad == pytest.approx(w.grad.item(), abs=1e-13)
    assert leaves[r"\beta"].grad == pytest.approx(b.grad.item(), abs=1e-13)


def test_batchnorm_graph_needs_a_batch():
    with pytest.raises(ValueError, match="at least 2"):
        batchnorm_graph([1.0], 1.0, 0.0, [1.0])


@pytest.mark.parametrize(
    "mu, logvar, eps, w, x", [(0.5, -1.0, 0.8, 1.5, 2.0), (-1.2, 0.7, -0.3, -0.4, 0.1)]
)
def test_reparameterization_graph_values_and_gradients_are_torchs(mu, logvar, eps, w, x):
    loss = reparameterization_graph(mu, logvar, eps, w, x)
    loss.backward()
    leaves = {n.label: n for n in loss.graph() if not n.inputs}
    t = {
        k: torch.tensor(v, dtype=torch.float64, requires_grad=True)
        for k, v in (("mu", mu), ("s", logvar), ("w", w))
    }
    ref = (t["w"] * (t["mu"] + torch.exp(0.5 * t["s"]) * eps) - x) ** 2
    ref.backward()
    assert loss.data == pytest.approx(ref.item(), rel=1e-14)
    assert leaves[r"\mu"].grad == pytest.approx(t["mu"].grad.item(), rel=1e-14)
    assert leaves["s"].grad == pytest.approx(t["s"].grad.item(), rel=1e-14)
    assert leaves["w"].grad == pytest.approx(t["w"].grad.item(), rel=1e-14)
    assert leaves[r"\varepsilon"].constant  # the noise is an input, not a parameter


def test_direct_sampling_leaves_mu_and_s_out_of_the_graph():
    loss = reparameterization_graph(0.5, -1.0, 0.8, 1.5, 2.0, direct=True)
    loss.backward()
    labels = {n.label for n in loss.graph()}
    assert r"\mu" not in labels and "s" not in labels
    z = next(n for n in loss.graph() if n.label == "z")
    assert z.data == pytest.approx(0.5 + math.exp(-0.5) * 0.8, rel=1e-15)
    same = reparameterization_graph(0.5, -1.0, 0.8, 1.5, 2.0)
    assert loss.data == pytest.approx(same.data, rel=1e-15)  # same value, no path to mu


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
