import math

import pytest
import torch

from nnbook.derivatives import forward_jacobian, numerical_gradient, reverse_jacobian


def f(x1, x2):
    return (x1 + x2) * x1**2


def g(x1, x2, x3):  # three inputs, two outputs
    return [x1 * x2 + x3.exp(), (x1 - x3).tanh() * x2]


def torch_jacobian(fn, xs):
    return torch.autograd.functional.jacobian(
        lambda t: torch.stack(
            [o if isinstance(o, torch.Tensor) else torch.tensor(o) for o in _as_list(fn(*t))]
        ),
        torch.tensor(xs, dtype=torch.float64),
    ).tolist()


def _as_list(r):
    return list(r) if isinstance(r, (list, tuple)) else [r]


@pytest.mark.parametrize("fn, xs", [(f, (2.0, -1.0)), (g, (0.3, -1.2, 0.7))])
def test_both_modes_equal_torch(fn, xs):
    expected = torch_jacobian(fn, xs)
    for jac in (forward_jacobian(fn, *xs), reverse_jacobian(fn, *xs)):
        for row, ref in zip(jac.matrix, expected, strict=True):
            assert row == pytest.approx(ref, rel=1e-12, abs=1e-12)


def test_pass_counts():
    assert forward_jacobian(g, 0.3, -1.2, 0.7).passes == 3  # one per input
    assert reverse_jacobian(g, 0.3, -1.2, 0.7).passes == 2  # one per output
    assert reverse_jacobian(f, 2.0, -1.0).passes == 1


def test_analytic_gradient_of_the_seed_example():
    # f = (x1 + x2) x1^2:  df/dx1 = 3 x1^2 + 2 x1 x2,  df/dx2 = x1^2
    jac = reverse_jacobian(f, 2.0, -1.0)
    assert jac.values == [4.0] and jac.matrix == [[8.0, 4.0]]


def test_central_differences_converge_like_h_squared():
    exact = reverse_jacobian(f, 2.0, -1.0).matrix[0][0]
    err = [abs(numerical_gradient(f, 2.0, -1.0, h=h)[0] - exact) for h in (1e-2, 1e-3)]
    assert err[1] < err[0] / 50  # second order: 100x smaller for 10x smaller h
    assert numerical_gradient(f, 2.0, -1.0, h=1e-5) == pytest.approx([8.0, 4.0], abs=1e-8)


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: forward_jacobian(f), "at least one input"),
        (lambda: reverse_jacobian(f, math.nan, 1.0), "finite"),
        (lambda: numerical_gradient(f, 1.0, 2.0, h=0.0), "h must be"),
    ],
)
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
