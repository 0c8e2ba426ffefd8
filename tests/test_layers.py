"""nnbook.layers against torch.nn in float64, and dropout's statistics."""

import math

import pytest
import torch
from torch import nn

from nnbook.layers import BatchNorm1d, BatchNormFunction, Dropout

TOL = 1e-10


def _pair(num_features, **kw):
    ours, theirs = BatchNorm1d(num_features, **kw).double(), nn.BatchNorm1d(num_features, **kw)
    theirs = theirs.double()
    if kw.get("affine", True):  # non-trivial affine parameters, the same in both
        g = torch.Generator().manual_seed(1)
        w = torch.rand(num_features, generator=g, dtype=torch.float64) + 0.5
        b = torch.randn(num_features, generator=g, dtype=torch.float64)
        with torch.no_grad():
            for layer in (ours, theirs):
                layer.weight.copy_(w)
                layer.bias.copy_(b)
    return ours, theirs


def _close(a, b):
    torch.testing.assert_close(a, b, rtol=0, atol=TOL)


@pytest.mark.parametrize("shape", [(8, 3), (2, 3), (5, 3, 4), (1, 3, 6)], ids=str)
@pytest.mark.parametrize("affine", [True, False])
@pytest.mark.parametrize("momentum", [0.1, 0.5, None])
def test_batchnorm_matches_torch(shape, affine, momentum):
    ours, theirs = _pair(shape[1], affine=affine, momentum=momentum)
    g = torch.Generator().manual_seed(0)
    for step in range(4):  # several training steps: running statistics accumulate
        x = (3 * torch.randn(shape, generator=g, dtype=torch.float64) + step).requires_grad_()
        x2 = x.detach().clone().requires_grad_()
        upstream = torch.randn(shape, generator=g, dtype=torch.float64)
        y, y2 = ours(x), theirs(x2)
        _close(y, y2)
        (y * upstream).sum().backward()
        (y2 * upstream).sum().backward()
        _close(x.grad, x2.grad)
        if affine:
            _close(ours.weight.grad, theirs.weight.grad)
            _close(ours.bias.grad, theirs.bias.grad)
        _close(ours.running_mean, theirs.running_mean)
        _close(ours.running_var, theirs.running_var)
        assert ours.num_batches_tracked == theirs.num_batches_tracked
    ours.eval()
    theirs.eval()
    x = torch.randn(shape, generator=g, dtype=torch.float64, requires_grad=True)
    x2 = x.detach().clone().requires_grad_()
    _close(ours(x), theirs(x2))
    ours(x).sum().backward()
    theirs(x2).sum().backward()
    _close(x.grad, x2.grad)


def test_without_running_stats_eval_uses_the_batch():
    ours, theirs = _pair(4, track_running_stats=False)
    ours.eval()
    theirs.eval()
    x = torch.randn(6, 4, dtype=torch.float64)
    _close(ours(x), theirs(x))
    assert ours.running_mean is None


@pytest.mark.parametrize("shape", [(6, 3), (4, 2, 3)], ids=str)
@pytest.mark.parametrize("stats", [False, True], ids=["batch", "running"])
def test_handwritten_backward_passes_gradcheck(shape, stats):
    g = torch.Generator().manual_seed(2)
    x = torch.randn(shape, generator=g, dtype=torch.float64, requires_grad=True)
    w = (torch.rand(shape[1], generator=g, dtype=torch.float64) + 0.5).requires_grad_()
    b = torch.randn(shape[1], generator=g, dtype=torch.float64, requires_grad=True)
    extra = ()
    if stats:
        extra = (
            torch.randn(shape[1], dtype=torch.float64),
            torch.rand(shape[1], dtype=torch.float64) + 0.5,
        )
    assert torch.autograd.gradcheck(
        lambda x, w, b: BatchNormFunction.apply(x, w, b, 1e-5, *extra), (x, w, b)
    )


def test_training_output_has_zero_mean_and_unit_variance():
    layer = BatchNorm1d(5).double()
    x = 4 * torch.randn(64, 5, dtype=torch.float64) + 7
    y = layer(x)
    _close(y.mean(0), torch.zeros(5, dtype=torch.float64))
    # biased variance of the output is var / (var + eps): 1 up to eps
    torch.testing.assert_close(
        y.var(0, unbiased=False), torch.ones(5, dtype=torch.float64), rtol=0, atol=1e-5
    )


@pytest.mark.parametrize("shape", [(1, 3), (1, 3, 1)], ids=str)
def test_one_value_per_channel_raises_like_torch(shape):
    with pytest.raises(ValueError, match="Expected more than 1 value per channel"):
        BatchNorm1d(3)(torch.randn(shape))
    with pytest.raises(ValueError, match="Expected more than 1 value per channel"):
        nn.BatchNorm1d(3)(torch.randn(shape))
    layer = BatchNorm1d(3).eval()
    assert layer(torch.randn(shape)).shape == shape  # in evaluation a single example is fine


@pytest.mark.parametrize(
    "kw, match",
    [
        ({"num_features": 0}, "num_features"),
        ({"num_features": 3, "eps": 0.0}, "eps"),
        ({"num_features": 3, "momentum": 1.5}, "momentum"),
    ],
)
def test_batchnorm_bad_arguments(kw, match):
    with pytest.raises(ValueError, match=match):
        BatchNorm1d(**kw)


def test_batchnorm_wrong_input_shape():
    with pytest.raises(ValueError, match=r"\(N, 3\)"):
        BatchNorm1d(3)(torch.randn(4, 2))


# -- dropout --------------------------------------------------------------------------------


@pytest.mark.parametrize("p", [0.0, 0.2, 0.5, 0.9])
def test_dropout_eval_is_the_identity(p):
    layer = Dropout(p).eval()
    x = torch.randn(100, 7)
    assert layer(x) is x or torch.equal(layer(x), x)


@pytest.mark.parametrize("p", [0.1, 0.5, 0.8])
def test_dropout_scales_kept_entries_and_drops_about_p(p):
    torch.manual_seed(0)
    x = torch.rand(200_000, dtype=torch.float64) + 1.0  # no exact zeros in the input
    y = Dropout(p)(x)
    kept = y != 0
    torch.testing.assert_close(y[kept], x[kept] / (1 - p), rtol=0, atol=0)
    n = x.numel()
    dropped = 1 - kept.double().mean().item()
    assert abs(dropped - p) < 4 * math.sqrt(p * (1 - p) / n)  # within 4 standard errors


@pytest.mark.parametrize("p", [0.3, 0.7])
def test_dropout_keeps_the_expectation(p):
    torch.manual_seed(1)
    x = torch.linspace(-2, 3, 10, dtype=torch.float64)
    draws = torch.stack([Dropout(p)(x) for _ in range(20_000)])
    se = x.abs() * math.sqrt(p / (1 - p)) / math.sqrt(len(draws))  # std of the mean
    assert ((draws.mean(0) - x).abs() <= 4 * se + 1e-12).all()


def test_dropout_gradient_flows_only_through_kept_entries():
    torch.manual_seed(2)
    x = torch.randn(1000, dtype=torch.float64, requires_grad=True)
    y = Dropout(0.4)(x)
    y.sum().backward()
    kept = y.detach() != 0
    torch.testing.assert_close(x.grad[kept], torch.full_like(x.grad[kept], 1 / 0.6))
    assert (x.grad[~kept] == 0).all()


def test_dropout_matches_torch_semantics_in_distribution():
    torch.manual_seed(3)
    x = torch.ones(100_000)
    ours, theirs = Dropout(0.3)(x), nn.Dropout(0.3)(x)
    for values in (ours.unique(), theirs.unique()):  # the same two values, 0 and 1/(1-p)
        torch.testing.assert_close(values, torch.tensor([0.0, 1 / 0.7]))


@pytest.mark.parametrize(
    "p, match",
    [(1.0, "stop all gradients"), (-0.1, r"\[0, 1\)"), (1.5, r"\[0, 1\)"), (True, r"\[0, 1\)")],
)
def test_dropout_bad_p(p, match):
    with pytest.raises(ValueError, match=match):
        Dropout(p)


@pytest.mark.parametrize("stats", [False, True], ids=["batch", "running"])
def test_batchnorm_double_backward_raises(stats):
    # The hand-written backward is not differentiable: without once_differentiable autograd
    # would differentiate it with x_hat and inv_std as constants, a wrong second derivative.
    g = torch.Generator().manual_seed(3)
    x = torch.randn(6, 3, generator=g, dtype=torch.float64, requires_grad=True)
    w = (torch.rand(3, generator=g, dtype=torch.float64) + 0.5).requires_grad_()
    b = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    v = torch.randn(6, 3, generator=g, dtype=torch.float64)
    extra = (torch.zeros(3, dtype=torch.float64), torch.ones(3, dtype=torch.float64))
    y = BatchNormFunction.apply(x, w, b, 1e-5, *(extra if stats else ()))
    (gx,) = torch.autograd.grad((y**3).sum(), x, create_graph=True)
    # grad again: the first gradient is cut off from x, so torch refuses ("not been used")
    with pytest.raises(RuntimeError):
        torch.autograd.grad((gx * v).sum(), x)
    with pytest.raises(RuntimeError, match="once_differentiable"):
        (gx * v).sum().backward()


def test_dropout_is_twice_differentiable():
    # Dropout is autograd of x * keep / (1 - p), no hand-written backward: its derivatives
    # of every order are autograd's.  Re-seeding inside the function fixes the mask, which
    # gradcheck and gradgradcheck need (they call the function many times).
    def dropout_with_fixed_mask(x):
        torch.manual_seed(4)
        return Dropout(0.4)(x)

    torch.manual_seed(5)
    x = torch.randn(4, 5, dtype=torch.float64, requires_grad=True)
    y = dropout_with_fixed_mask(x)
    assert (y == 0).any() and (y != 0).any()  # some entries dropped, some kept
    assert torch.autograd.gradcheck(dropout_with_fixed_mask, (x,))
    assert torch.autograd.gradgradcheck(dropout_with_fixed_mask, (x,))
    # through a nonlinearity the second derivative is not zero, and it is the right one
    (gx,) = torch.autograd.grad((y**3).sum(), x, create_graph=True)
    (gxx,) = torch.autograd.grad(gx.sum(), x)
    keep = (y != 0).double() / 0.6
    torch.testing.assert_close(gxx, 6 * x * keep**3, rtol=1e-12, atol=0)
