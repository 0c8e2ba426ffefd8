from itertools import pairwise

import pytest
import torch

from nnbook.models import MLP


def test_one_hidden_layer_is_the_equations():
    torch.manual_seed(0)
    model = MLP(3, (4,)).double()
    x = torch.randn(5, 3, dtype=torch.float64)
    W1, b1 = model.hidden[0].weight, model.hidden[0].bias
    W2, b2 = model.output.weight, model.output.bias
    h = x @ W1.T + b1
    expected = torch.clamp(h, min=0) @ W2.T + b2
    torch.testing.assert_close(model(x), expected, rtol=0, atol=1e-15)


@pytest.mark.parametrize("hidden", [(10,), (8, 8), (5, 4, 3)])
def test_shapes_and_parameter_count(hidden):
    model = MLP(5, hidden, n_outputs=2)
    assert model(torch.zeros(7, 5)).shape == (7, 2)
    sizes = (5, *hidden, 2)
    expected = sum(a * b + b for a, b in pairwise(sizes))
    assert sum(p.numel() for p in model.parameters()) == expected


@pytest.mark.parametrize(
    "args, match",
    [
        ((0,), "n_inputs"),
        ((2, ()), "hidden_sizes"),
        ((2, (3, 0)), "hidden_sizes"),
        ((2, (3,), 0), "n_outputs"),
        ((2.0,), "n_inputs"),
    ],
)
def test_bad_sizes_raise(args, match):
    with pytest.raises(ValueError, match=match):
        MLP(*args)


def test_wrong_input_shape_is_named():
    with pytest.raises(ValueError, match=r"shape \(batch, 3\), got \(4, 2\)"):
        MLP(3)(torch.zeros(4, 2))
