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
        ((2, (3, 0)), "hidden_sizes"),
        ((2, (3,), 0), "n_outputs"),
        ((2.0,), "n_inputs"),
        ((2, (3,), 1, "softplus"), "activation"),
    ],
)
def test_bad_sizes_raise(args, match):
    with pytest.raises(ValueError, match=match):
        MLP(*args)


def test_wrong_input_shape_is_named():
    with pytest.raises(ValueError, match=r"shape \(batch, 3\), got \(4, 2\)"):
        MLP(3)(torch.zeros(4, 2))


def test_no_hidden_layer_is_a_linear_model():
    model = MLP(4, (), n_outputs=3).double()
    x = torch.randn(6, 4, dtype=torch.float64)
    assert len(model.hidden) == 0
    torch.testing.assert_close(model.features(x), x, rtol=0, atol=0)
    expected = x @ model.output.weight.T + model.output.bias
    torch.testing.assert_close(model(x), expected, rtol=0, atol=1e-15)


@pytest.mark.parametrize("name, fn", [("sigmoid", torch.sigmoid), ("tanh", torch.tanh)])
def test_activation_option(name, fn):
    torch.manual_seed(0)
    model = MLP(2, (4,), activation=name).double()
    x = torch.randn(5, 2, dtype=torch.float64)
    hidden = fn(x @ model.hidden[0].weight.T + model.hidden[0].bias)
    torch.testing.assert_close(model.features(x), hidden, rtol=0, atol=1e-15)
    torch.testing.assert_close(
        model(x), hidden @ model.output.weight.T + model.output.bias, rtol=0, atol=1e-15
    )


@pytest.mark.parametrize("where", ["before", "after"])
def test_batch_norm_option_places_the_layer(where):
    from nnbook.layers import BatchNorm1d

    torch.manual_seed(0)
    model = MLP(3, (4, 5), 2, batch_norm=where).double()
    assert [type(m) for m in model.norms] == [BatchNorm1d, BatchNorm1d]
    x = torch.randn(16, 3, dtype=torch.float64)
    h = x
    for linear, norm in zip(model.hidden, model.norms, strict=True):
        h = linear(h)
        h = torch.relu(norm(h)) if where == "before" else norm(torch.relu(h))
    torch.testing.assert_close(model.features(x), h, rtol=0, atol=0)


def test_dropout_option_is_off_in_eval_and_on_in_training():
    torch.manual_seed(0)
    model = MLP(3, (50,), 1, dropout=0.5).double()
    x = torch.randn(8, 3, dtype=torch.float64)
    model.eval()
    torch.testing.assert_close(model(x), model(x))
    model.train()
    assert not torch.equal(model(x), model(x))  # a new mask every call
    plain = MLP(3, (50,), 1).double()
    plain.load_state_dict(model.state_dict())
    model.eval()
    torch.testing.assert_close(model(x), plain(x), rtol=0, atol=0)


@pytest.mark.parametrize(
    "kw, match", [({"dropout": 1.0}, "p must be"), ({"batch_norm": "middle"}, "batch_norm")]
)
def test_bad_regularisation_options(kw, match):
    with pytest.raises(ValueError, match=match):
        MLP(2, (3,), **kw)
