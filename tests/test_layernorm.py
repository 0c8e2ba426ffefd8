"""nnbook.layernorm against torch.nn.LayerNorm in float64, and the hand-written backward."""

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from nnbook.layernorm import LayerNorm, LayerNormFunction

TOL = 1e-10  # absolute, float64: forward, input gradient and parameter gradients


def _pair(normalized_shape, **kw):
    """Our layer and torch's, in float64, with the same non-trivial weight and bias."""
    ours, theirs = LayerNorm(normalized_shape, **kw).double(), nn.LayerNorm(normalized_shape, **kw)
    theirs = theirs.double()
    g = torch.Generator().manual_seed(1)
    with torch.no_grad():
        for name in ("weight", "bias"):
            if getattr(theirs, name) is not None:
                value = torch.randn(theirs.normalized_shape, generator=g, dtype=torch.float64)
                getattr(ours, name).copy_(value + (1 if name == "weight" else 0))
                getattr(theirs, name).copy_(value + (1 if name == "weight" else 0))
    return ours, theirs


def _compare(shape, normalized_shape, seed=0, **kw):
    """Largest absolute difference from torch over the output and every gradient."""
    ours, theirs = _pair(normalized_shape, **kw)
    g = torch.Generator().manual_seed(seed)
    x = (3 * torch.randn(shape, generator=g, dtype=torch.float64) + 2).requires_grad_()
    x2 = x.detach().clone().requires_grad_()
    upstream = torch.randn(shape, generator=g, dtype=torch.float64)
    y, y2 = ours(x), theirs(x2)
    (y * upstream).sum().backward()
    (y2 * upstream).sum().backward()
    pairs = [(y, y2), (x.grad, x2.grad)]
    for name in ("weight", "bias"):
        p, q = getattr(ours, name), getattr(theirs, name)
        assert (p is None) == (q is None)
        if p is not None:
            pairs.append((p.grad, q.grad))
    for a, b in pairs:
        assert a.shape == b.shape
    return max((a - b).abs().max().item() for a, b in pairs)


# (input shape, normalized_shape): 2-D to 4-D inputs, int and tuple shapes, 1 to all axes.
CASES = [
    ((8, 5), 5),
    ((8, 5), (5,)),
    ((3, 7), (3, 7)),  # every axis normalized: one example, no batch axis
    ((4, 3, 6), 6),
    ((4, 3, 6), (3, 6)),
    ((2, 3, 4, 5), 5),
    ((2, 3, 4, 5), (4, 5)),
    ((2, 3, 4, 5), (3, 4, 5)),
    ((1, 6), 6),  # a batch of one
    ((5, 1), 1),  # one value per example: x_hat = 0
]
AFFINE = [{}, {"elementwise_affine": False}, {"bias": False}]


@pytest.mark.parametrize(("shape", "normalized_shape"), CASES, ids=str)
@pytest.mark.parametrize("kw", AFFINE, ids=str)
def test_matches_torch(shape, normalized_shape, kw):
    assert _compare(shape, normalized_shape, **kw) <= TOL


@settings(max_examples=40, deadline=None)
@given(
    shape=st.lists(st.integers(1, 5), min_size=2, max_size=4),
    k=st.integers(1, 4),
    kw=st.sampled_from(AFFINE),
    seed=st.integers(0, 2**31 - 1),
)
def test_matches_torch_on_generated_shapes(shape, k, kw, seed):
    k = min(k, len(shape))
    assert _compare(tuple(shape), tuple(shape[-k:]), seed=seed, **kw) <= TOL


@pytest.mark.parametrize(
    ("shape", "normalized_shape"),
    [((6, 4), (4,)), ((3, 2, 5), (2, 5)), ((2, 3, 2, 2), (2, 2)), ((4,), (4,))],
    ids=str,
)
@pytest.mark.parametrize("affine", [True, False])
def test_handwritten_backward_passes_gradcheck(shape, normalized_shape, affine):
    g = torch.Generator().manual_seed(2)
    x = torch.randn(shape, generator=g, dtype=torch.float64, requires_grad=True)
    w = b = None
    if affine:
        w = (torch.rand(normalized_shape, generator=g, dtype=torch.float64) + 0.5).requires_grad_()
        b = torch.randn(normalized_shape, generator=g, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(
        lambda x, w, b: LayerNormFunction.apply(x, normalized_shape, w, b, 1e-5), (x, w, b)
    )


def test_second_derivative_is_refused_not_wrong():
    x = torch.randn(3, 4, dtype=torch.float64, requires_grad=True)
    y = LayerNormFunction.apply(x, (4,), None, None, 1e-5)
    (gx,) = torch.autograd.grad((y**3).sum(), x, create_graph=True)
    with pytest.raises(RuntimeError, match="once_differentiable"):
        gx.sum().backward()


def test_examples_are_independent_and_eval_is_train():
    layer, _ = _pair((3, 4))
    x = torch.randn(5, 3, 4, dtype=torch.float64)
    batch = layer(x)
    alone = torch.stack([layer(x[i : i + 1])[0] for i in range(5)])
    torch.testing.assert_close(batch, alone, rtol=0, atol=TOL)
    layer.eval()
    torch.testing.assert_close(layer(x), batch, rtol=0, atol=0)


def test_normalized_values_have_mean_0_and_variance_1():
    layer = LayerNorm((3, 4), elementwise_affine=False).double()
    y = layer(5 * torch.randn(6, 3, 4, dtype=torch.float64) - 7)
    torch.testing.assert_close(y.mean(dim=(1, 2)), torch.zeros(6, dtype=torch.float64))
    var = y.var(dim=(1, 2), correction=0)  # sigma^2 / (sigma^2 + eps), just below 1
    assert ((var < 1) & (var > 1 - 1e-5)).all()


@pytest.mark.parametrize("kw", AFFINE, ids=str)
def test_same_parameters_and_repr_as_torch(kw):
    ours, theirs = LayerNorm((3, 4), **kw), nn.LayerNorm((3, 4), **kw)
    assert ours.state_dict().keys() == theirs.state_dict().keys()
    for name, p in theirs.named_parameters():
        assert torch.equal(getattr(ours, name), p)
    assert ours.extra_repr() == theirs.extra_repr()
    assert ours.normalized_shape == theirs.normalized_shape and ours.eps == theirs.eps


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((0,), "normalized_shape must be a positive integer .* got 0"),
        (((),), r"normalized_shape .* got \(\)"),
        (((3, -1),), r"normalized_shape .* got \(3, -1\)"),
        ((True,), "normalized_shape .* got True"),
        ((2.0,), "normalized_shape .* got 2.0"),
        ((4, 0.0), r"eps must be a finite number > 0, got 0\.0"),
        ((4, float("nan")), "eps .* nan"),
    ],
)
def test_bad_arguments(args, message):
    with pytest.raises(ValueError, match=message):
        LayerNorm(*args)


@pytest.mark.parametrize("shape", [(4, 5), (3,), (2, 3, 4)], ids=str)
def test_wrong_input_shape(shape):
    with pytest.raises(ValueError, match=r"expected input of shape \(\*, 4, 3\)"):
        LayerNorm((4, 3))(torch.randn(shape))
