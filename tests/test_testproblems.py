import pytest
import torch

from nnbook.testproblems import PROBLEMS, ill_conditioned, rosenbrock, saddle


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
