import numpy as np
import pytest
import torch

import nnbook.optim as optim
from nnbook.testproblems import PROBLEMS, ill_conditioned, rosenbrock, run_optimizer, saddle


@pytest.mark.parametrize("problem", PROBLEMS.values(), ids=lambda p: p.name)
def test_gradient_vanishes_at_each_minimum(problem):
    for m in problem.minima:
        xy = torch.tensor(m, dtype=torch.float64, requires_grad=True)
        (g,) = torch.autograd.grad(problem(xy), xy)
        assert g.abs().max() < 1e-12
        hess = torch.autograd.functional.hessian(problem, xy.detach())
        assert torch.linalg.eigvalsh(hess).min() > 0  # a true minimum


def test_saddle_has_a_saddle_point_at_the_origin():
    hess = torch.autograd.functional.hessian(saddle, torch.zeros(2, dtype=torch.float64))
    eig = torch.linalg.eigvalsh(hess)
    assert eig.min() < 0 < eig.max()


def test_values_and_grid_evaluation():
    assert rosenbrock(torch.tensor([1.0, 1.0])).item() == 0.0
    assert ill_conditioned(torch.tensor([1.0, 1.0])).item() == 10.5
    grid = torch.randn(4, 5, 2, dtype=torch.float64)
    assert saddle(grid).shape == (4, 5)
    with pytest.raises(ValueError, match=r"shape \(\.\.\., 2\)"):
        saddle(torch.zeros(3))


def test_gradient_descent_path_is_the_closed_form():
    # on f = (x^2 + 20 y^2) / 2, one step multiplies x by (1 - lr) and y by (1 - 20 lr)
    lr, start = 0.05, (-4.5, 1.0)
    path = run_optimizer(ill_conditioned, lambda ps: optim.SGD(ps, lr=lr), start, steps=30)
    k = np.arange(31)
    np.testing.assert_allclose(path[:, 0], start[0] * (1 - lr) ** k, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(path[:, 1], start[1] * (1 - 20 * lr) ** k, rtol=1e-13, atol=1e-15)


def test_a_diverging_path_stops():
    # lr = 0.2 > 2/20: the y coordinate is multiplied by -3 each step
    path = run_optimizer(ill_conditioned, lambda ps: optim.SGD(ps, lr=0.2), (1.0, 1.0), 100)
    assert len(path) < 101
    assert np.abs(path).max() <= 1e6
