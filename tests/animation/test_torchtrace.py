"""nnbook.animation.torchtrace: a PyTorch computation recorded with PyTorch's numbers."""

import pytest
import torch

from nnbook.animation.graph import animate
from nnbook.animation.torchtrace import trace_torch
from nnbook.autodiff import Value


def logistic(w1, w2):
    return -torch.log(torch.sigmoid(w1 * 1.0 + w2 * -1.0))


def test_values_and_gradients_are_torchs():
    out = trace_torch(logistic, 1.0, 0.5, labels=["w_1", "w_2"])
    w1 = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
    w2 = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
    ref = logistic(w1, w2)
    ref.backward()
    leaves = {n.label: n for n in out.graph() if not n.inputs and not n.constant}
    assert out.data == ref.item() and out.grad == 1.0
    assert leaves["w_1"].grad == w1.grad.item() and leaves["w_2"].grad == w2.grad.item()
    assert [n.op for n in out.graph() if n.inputs] == ["*", "*", "+", "sigmoid", "log", "neg"]


def test_same_graph_as_the_engine():
    # the same formula through nnbook.autodiff gives the same nodes, values and gradients
    w1, w2 = Value(1.0, "w_1"), Value(0.5, "w_2")
    mine = -(w1 * 1.0 + w2 * -1.0).sigmoid().log()
    mine.backward()
    theirs = trace_torch(logistic, 1.0, 0.5, labels=["w_1", "w_2"])
    for a, b in zip(mine.graph(), theirs.graph(), strict=True):
        assert (a.op, a.label if not a.inputs else "") == (b.op, b.label if not b.inputs else "")
        assert a.data == pytest.approx(b.data, abs=1e-15)
        if not a.constant:
            assert a.grad == pytest.approx(b.grad, abs=1e-15)
            # local derivatives towards Python numbers are not recorded (torch has none)
            for inp, la, lb in zip(a.inputs, a.local, b.local, strict=True):
                if not inp.constant:
                    assert la == pytest.approx(lb, abs=1e-15)


def test_reparameterization_draws():
    out = trace_torch(lambda mu, logvar: mu + torch.exp(0.5 * logvar) * 0.3, 0.5, -1.0)
    steps = animate(out).steps
    assert steps[-1].tex.endswith("= 1")  # d z / d mu = 1: the gradient reaches mu unchanged
    leaves = {n.label: n for n in out.graph() if not n.inputs and not n.constant}
    assert leaves["mu"].grad == 1.0
    assert leaves["logvar"].grad == pytest.approx(0.5 * torch.exp(torch.tensor(-0.5)).item() * 0.3)


def test_refuses_what_it_cannot_draw():
    with pytest.raises(ValueError, match="only scalars"):
        trace_torch(lambda a: (a * torch.ones(3)).sum(), 1.0)
    with pytest.raises(ValueError, match="not one the figures can draw"):
        trace_torch(lambda a: torch.sin(a), 1.0)
    with pytest.raises(ValueError, match="computed from its inputs"):
        trace_torch(lambda a: torch.tensor(2.0), 1.0)
    with pytest.raises(ValueError, match="at least one input value"):
        trace_torch(lambda: None)
    with pytest.raises(ValueError, match="2 values but 1 labels"):
        trace_torch(logistic, 1.0, 0.5, labels=["w"])
