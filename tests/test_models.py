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


@pytest.mark.parametrize("where", ["before", "after"])
def test_layer_norm_option_places_the_layer(where):
    from nnbook.layernorm import LayerNorm

    torch.manual_seed(0)
    model = MLP(3, (4, 5), 2, layer_norm=where).double()
    assert [type(m) for m in model.norms] == [LayerNorm, LayerNorm]
    x = torch.randn(16, 3, dtype=torch.float64)
    h = x
    for linear, norm in zip(model.hidden, model.norms, strict=True):
        h = linear(h)
        h = torch.relu(norm(h)) if where == "before" else norm(torch.relu(h))
    torch.testing.assert_close(model.features(x), h, rtol=0, atol=0)


def test_residual_option_adds_each_layers_input_after_the_first():
    torch.manual_seed(0)
    model = MLP(3, (6, 6, 6, 4), 2, residual=True).double()
    assert model.skips == [False, True, True, False]
    x = torch.randn(8, 3, dtype=torch.float64)
    h = torch.relu(model.hidden[0](x))
    h = h + torch.relu(model.hidden[1](h))
    h = h + torch.relu(model.hidden[2](h))
    h = torch.relu(model.hidden[3](h))
    torch.testing.assert_close(model.features(x), h, rtol=0, atol=0)
    plain = MLP(3, (6, 6, 6, 4), 2).double()
    assert plain.state_dict().keys() == model.state_dict().keys()  # same parameters


@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_residual_layer_norm_layers_are_residual_blocks(activation):
    from nnbook.residual import ResidualBlock

    torch.manual_seed(0)
    model = MLP(3, (5, 5, 5), 2, activation, layer_norm="before", residual=True).double()
    blocks = [ResidualBlock(5, activation, "layer").double() for _ in range(2)]
    for block, k in zip(blocks, (1, 2), strict=True):
        block.linear.load_state_dict(model.hidden[k].state_dict())
        block.norm.load_state_dict(model.norms[k].state_dict())
    x = torch.randn(8, 3, dtype=torch.float64)
    h = model.activation(model.norms[0](model.hidden[0](x)))
    for block in blocks:
        h = block(h)
    torch.testing.assert_close(model.features(x), h, rtol=0, atol=0)


@pytest.mark.parametrize("scheme", ["default", "xavier", "he", ("normal", 0.1)])
def test_init_option_is_nnbook_init_initialize(scheme):
    from nnbook.init import initialize

    torch.manual_seed(0)
    model = MLP(4, (8, 8), 3, init=scheme)
    torch.manual_seed(0)
    expected = initialize(MLP(4, (8, 8), 3), scheme)
    for p, q in zip(model.parameters(), expected.parameters(), strict=True):
        assert torch.equal(p, q)


@pytest.mark.parametrize(
    "kw, match",
    [
        ({"layer_norm": "middle"}, "layer_norm must be None, 'before' or 'after', got 'middle'"),
        ({"layer_norm": "before", "batch_norm": "after"}, "cannot both be set"),
        ({"residual": 1}, "residual must be True or False, got 1"),
        ({"residual": True}, r"equal width, got hidden_sizes=\(3, 4\)"),
        ({"init": "kaiming"}, "init: scheme must be one of .* 'kaiming'"),
        ({"init": ("normal", 0)}, "init: .*std.* 0"),
    ],
)
def test_bad_init_norm_and_residual_options(kw, match):
    with pytest.raises(ValueError, match=match):
        MLP(2, (3, 4), **kw)
