"""Tests for nnbook.vaestudy: the scalar reparameterization graph equals torch's autograd."""

import math

import pytest
import torch

from nnbook.vaestudy import reparameterization_graph


@pytest.mark.parametrize(
    "mu, logvar, eps, w, x", [(0.5, -1.0, 0.8, 1.5, 2.0), (-1.2, 0.7, -0.3, -0.4, 0.1)]
)
def test_graph_values_and_gradients_are_torchs(mu, logvar, eps, w, x):
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
