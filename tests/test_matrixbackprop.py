"""nnbook.matrixbackprop against autograd in float64: layer, losses, and training steps."""

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from nnbook.autodiff import Value
from nnbook.matrixbackprop import (
    LOSSES,
    autograd_gradients,
    init_two_layer,
    linear_backward,
    linear_forward,
    relu_backward,
    train,
    two_layer_backward,
    two_layer_forward,
)

# Absolute, float64, on values of order 1: a few ulps of sums of at most a few hundred terms.
TOL = 1e-12


def _close(a, b, tol=TOL):
    assert a.shape == b.shape
    torch.testing.assert_close(a, b, rtol=0, atol=tol)


def _randn(g, *shape):
    return torch.randn(*shape, generator=g, dtype=torch.float64)


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 9), n_in=st.integers(1, 9), n_out=st.integers(1, 9), seed=st.integers(0, 999)
)
def test_linear_backward_is_autograds_vector_jacobian_product(n, n_in, n_out, seed):
    g = torch.Generator().manual_seed(seed)
    h, W, b, delta = (
        _randn(g, n, n_in),
        _randn(g, n_out, n_in),
        _randn(g, n_out),
        _randn(g, n, n_out),
    )
    leaves = [t.clone().requires_grad_() for t in (h, W, b)]
    z = F.linear(*leaves)  # nn.Linear's forward: W of shape (n_out, n_in)
    _close(linear_forward(h, W, b), z)
    z.backward(delta)  # the vector-Jacobian product with delta = dL/dz
    grad_W, grad_h, grad_b = linear_backward(delta, h, W)
    for ours, leaf in zip((grad_h, grad_W, grad_b), leaves, strict=True):
        _close(ours, leaf.grad)  # and each gradient has its parameter's shape


def test_relu_backward_matches_autograd_including_zero():
    z = torch.tensor([-2.0, -0.0, 0.0, 1e-300, 3.0], dtype=torch.float64, requires_grad=True)
    delta = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0], dtype=torch.float64)
    torch.relu(z).backward(delta)
    assert torch.equal(relu_backward(delta, z.detach()), z.grad)


def _targets(loss, g, n, c):
    if loss == "cross_entropy":
        return torch.randint(0, c, (n,), generator=g)
    if loss == "binary_cross_entropy":
        return torch.randint(0, 2, (n, c), generator=g).double()
    return _randn(g, n, c)


TORCH_LOSSES = {
    "mse": F.mse_loss,
    "cross_entropy": F.cross_entropy,
    "binary_cross_entropy": F.binary_cross_entropy_with_logits,
}


@pytest.mark.parametrize("loss", sorted(LOSSES))
@pytest.mark.parametrize(("n", "c", "scale"), [(1, 1, 1.0), (7, 3, 1.0), (16, 5, 1000.0)], ids=str)
def test_losses_and_their_gradients_match_torch(loss, n, c, scale):
    if loss == "cross_entropy" and c == 1:
        c = 2  # one class is not a classification
    g = torch.Generator().manual_seed(n)
    z = (scale * _randn(g, n, c)).requires_grad_()  # scale 1000: no overflow in exp
    y = _targets(loss, g, n, c)
    value, grad = LOSSES[loss](z.detach(), y)
    expected = TORCH_LOSSES[loss](z, y)
    expected.backward()
    _close(value, expected.detach(), tol=TOL * max(1.0, abs(expected.item())))
    _close(grad, z.grad)


@pytest.mark.parametrize("loss", sorted(LOSSES))
def test_two_layer_gradients_equal_autograds_at_every_step(loss):
    g = torch.Generator().manual_seed(0)
    x, y = _randn(g, 40, 6), _targets(loss, g, 40, 3)
    start = init_two_layer(6, 16, 3, generator=g)
    params = reference = dict(start)  # reference: trained with autograd's gradients
    for _ in range(25):
        z2, cache = two_layer_forward(params, x)
        grads = two_layer_backward(params, cache, LOSSES[loss](z2, y)[1])
        for k, expected in autograd_gradients(params, x, y, loss).items():
            _close(grads[k], expected)
        auto = autograd_gradients(reference, x, y, loss)
        params = {k: p - 0.5 * grads[k] for k, p in params.items()}
        reference = {k: p - 0.5 * auto[k] for k, p in reference.items()}
        for k in params:  # the two trajectories stay together
            _close(params[k], reference[k], tol=1e-10)
    trained, losses = train(start, x, y, loss, lr=0.5, steps=25)
    assert all(torch.equal(trained[k], params[k]) for k in params)  # train is that loop
    assert losses[-1] < losses[0]


def test_autograd_gradients_are_those_of_nn_linear_layers():
    g = torch.Generator().manual_seed(1)
    params, x, y = init_two_layer(4, 5, 3, generator=g), _randn(g, 8, 4), torch.arange(8) % 3
    net = nn.Sequential(nn.Linear(4, 5), nn.ReLU(), nn.Linear(5, 3)).double()
    with torch.no_grad():
        for layer, i in ((net[0], 1), (net[2], 2)):
            layer.weight.copy_(params[f"W{i}"])
            layer.bias.copy_(params[f"b{i}"])
    F.cross_entropy(net(x), y).backward()
    grads = autograd_gradients(params, x, y, "cross_entropy")
    for layer, i in ((net[0], 1), (net[2], 2)):
        _close(grads[f"W{i}"], layer.weight.grad)
        _close(grads[f"b{i}"], layer.bias.grad)


def test_the_engines_two_layer_example_in_matrices():
    # book/backprop.md: h = ReLU(W x + b), y_hat = sigmoid(q^T h + c), x = (1, 1), label 0.
    W, b, q, c = [[1.0, 1.0], [-1.0, -1.0]], [-0.5, 1.5], [1.0, 1.0], -1.5
    Wv = [[Value(w) for w in row] for row in W]
    bv, qv, cv = [Value(v) for v in b], [Value(v) for v in q], Value(c)
    h = [(Wv[i][0] * 1.0 + Wv[i][1] * 1.0 + bv[i]).relu() for i in range(2)]
    loss = -(1 - (qv[0] * h[0] + qv[1] * h[1] + cv).sigmoid()).log()
    loss.backward()
    t = torch.tensor
    params = {"W1": t(W), "b1": t(b), "W2": t([q]), "b2": t([c])}
    params = {k: v.double() for k, v in params.items()}
    x, y = t([[1.0, 1.0]], dtype=torch.float64), t([[0.0]], dtype=torch.float64)
    z2, cache = two_layer_forward(params, x)
    value, delta2 = LOSSES["binary_cross_entropy"](z2, y)
    grads = two_layer_backward(params, cache, delta2)
    assert value.item() == pytest.approx(loss.data, abs=TOL)
    _close(grads["W1"], t([[w.grad for w in row] for row in Wv], dtype=torch.float64))
    _close(grads["b1"], t([v.grad for v in bv], dtype=torch.float64))
    _close(grads["W2"], t([[v.grad for v in qv]], dtype=torch.float64))
    _close(grads["b2"], t([cv.grad], dtype=torch.float64))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: linear_forward(torch.ones(4, 3), torch.ones(2, 5), torch.ones(2)), r"W \(2, 5\)"),
        (lambda: linear_forward(torch.ones(3), torch.ones(2, 3), torch.ones(2)), r"h \(3,\)"),
        (lambda: linear_forward(torch.ones(4, 3), torch.ones(2, 3), torch.ones(3)), r"b \(3,\)"),
        (lambda: linear_backward(torch.ones(4, 3), torch.ones(4, 3), torch.ones(2, 3)), r"delta"),
        (lambda: init_two_layer(0, 3, 2), "n_inputs must be an integer >= 1, got 0"),
        (lambda: init_two_layer(2, 3, 2.0), "n_outputs must be an integer >= 1, got 2.0"),
        (lambda: train(init_two_layer(2, 3, 1), torch.ones(1, 2), torch.ones(1, 1), "l1"), "'l1'"),
        (lambda: train(init_two_layer(2, 3, 1), torch.ones(1, 2), torch.ones(1), lr=0), "lr .* 0"),
        (lambda: train(init_two_layer(2, 3, 1), torch.ones(1, 2), torch.ones(1), steps=0), "steps"),
    ],
)
def test_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()
