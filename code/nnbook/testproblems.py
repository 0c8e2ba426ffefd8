r"""Two-dimensional test problems for optimizers, written in torch so autograd gives gradients.

Each problem is a function of a tensor ``xy`` of shape ``(2,)`` (or ``(m, 2)`` for a grid)
returning the loss, plus the view and start point the book's figures use;
:func:`run_optimizer` records the path an optimizer takes on one.  Taught in
"Optimizers" (``book/optimizers.md``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

from .checks import check_int

__all__ = ["PROBLEMS", "Problem", "ill_conditioned", "rosenbrock", "run_optimizer", "saddle"]

_LIMIT = 1e6  # a coordinate beyond this counts as diverged: the path stops there


@dataclass(frozen=True)
class Problem:
    """A loss surface in the plane: its function, minima, and the view of its figures."""

    name: str
    fn: Callable[[torch.Tensor], torch.Tensor]
    minima: tuple[tuple[float, float], ...]
    start: tuple[float, float]
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    tex: str

    def __call__(self, xy: torch.Tensor) -> torch.Tensor:
        if xy.shape[-1] != 2:
            raise ValueError(f"{self.name} takes points of shape (..., 2), got {tuple(xy.shape)}")
        return self.fn(xy)


def _ill_conditioned(xy: torch.Tensor) -> torch.Tensor:
    x, y = xy[..., 0], xy[..., 1]
    return 0.5 * (x**2 + 20.0 * y**2)


def _rosenbrock(xy: torch.Tensor) -> torch.Tensor:
    x, y = xy[..., 0], xy[..., 1]
    return (1 - x) ** 2 + 100.0 * (y - x**2) ** 2


def _saddle(xy: torch.Tensor) -> torch.Tensor:
    x, y = xy[..., 0], xy[..., 1]
    return x**2 + 0.25 * y**4 - 0.5 * y**2


#: :math:`f = \tfrac12 (x^2 + 20 y^2)`: curvature 1 along x and 20 along y (condition number
#: 20), so a learning rate small enough for y crawls along x.
ill_conditioned = Problem(
    "ill-conditioned quadratic", _ill_conditioned, ((0.0, 0.0),), (-4.5, 1.0),
    (-5.0, 1.5), (-1.5, 1.5), r"f(x, y) = \frac{1}{2} (x^2 + 20 y^2)",
)  # fmt: skip

#: Rosenbrock's banana valley, :math:`f = (1 - x)^2 + 100 (y - x^2)^2`, minimum at (1, 1).
rosenbrock = Problem(
    "Rosenbrock", _rosenbrock, ((1.0, 1.0),), (-1.5, 2.0), (-2.0, 2.0), (-1.0, 3.0),
    r"f(x, y) = (1 - x)^2 + 100 (y - x^2)^2",
)  # fmt: skip

#: :math:`f = x^2 + y^4/4 - y^2/2`: a saddle point at the origin, minima at (0, +1) and (0, -1).
saddle = Problem(
    "saddle", _saddle, ((0.0, 1.0), (0.0, -1.0)), (-1.5, 1e-3), (-2.0, 2.0), (-1.6, 1.6),
    r"f(x, y) = x^2 + \frac{1}{4} y^4 - \frac{1}{2} y^2",
)  # fmt: skip

PROBLEMS = {p.name: p for p in (ill_conditioned, rosenbrock, saddle)}


def run_optimizer(
    problem: Callable[[torch.Tensor], torch.Tensor],
    optimizer: Callable[[list[torch.Tensor]], torch.optim.Optimizer],
    start: tuple[float, float],
    steps: int,
) -> np.ndarray:
    """The points ``(steps + 1, 2)`` an optimizer visits from ``start`` on ``problem``.

    ``optimizer`` is called with ``[xy]``, e.g. ``lambda ps: torch.optim.SGD(ps, lr=0.1)``.
    If the iterate becomes non-finite or leaves ``|x|, |y| < 1e6`` the optimizer has
    diverged: the path ends there (it has fewer rows).
    """
    check_int("steps", steps)
    xy = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = optimizer([xy])
    path = [xy.detach().clone()]
    for _ in range(steps):
        opt.zero_grad()
        problem(xy).backward()
        opt.step()
        point = xy.detach().clone()
        if not torch.isfinite(point).all() or point.abs().max() > _LIMIT:
            break
        path.append(point)
    return torch.stack(path).numpy()
