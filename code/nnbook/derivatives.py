"""Three ways to differentiate a function of scalars, and what each costs.

- :func:`forward_jacobian`: forward mode with dual numbers, one pass per *input*;
- :func:`reverse_jacobian`: reverse mode (backpropagation), one backward pass per *output*;
- :func:`numerical_gradient`: central finite differences, two evaluations per input.

``f`` takes scalars and returns a scalar or a sequence of scalars; it must be written with
operations that :class:`~nnbook.autodiff.Value` and :class:`~nnbook.autodiff.Dual` both support.
Taught in ``book/backprop.md`` (sections ``sec-backprop-modes`` and ``sec-backprop-gradcheck``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from .autodiff import Dual, Value

__all__ = ["Jacobian", "forward_jacobian", "numerical_gradient", "reverse_jacobian"]


@dataclass
class Jacobian:
    """``matrix[j][i]`` = d output_j / d input_i, the outputs' values, and the passes it took."""

    values: list[float]
    matrix: list[list[float]]
    passes: int


def _outputs(result) -> list:
    return list(result) if isinstance(result, (list, tuple)) else [result]


def _check_inputs(xs) -> None:
    if not xs:
        raise ValueError("need at least one input")
    for x in xs:
        if not math.isfinite(x):
            raise ValueError(f"inputs must be finite numbers, got {x!r}")


def forward_jacobian(f: Callable, *xs: float) -> Jacobian:
    """Forward mode: pass ``i`` seeds input ``i`` with derivative 1 and gives column ``i``."""
    _check_inputs(xs)
    columns = []
    for i in range(len(xs)):
        outs = _outputs(f(*(Dual(x, 1.0 if k == i else 0.0) for k, x in enumerate(xs))))
        columns.append([o.deriv for o in outs])
    values = [o.value for o in outs]
    matrix = [[col[j] for col in columns] for j in range(len(values))]
    return Jacobian(values, matrix, passes=len(xs))


def reverse_jacobian(f: Callable, *xs: float) -> Jacobian:
    """Reverse mode: one forward pass records the graph; backward pass ``j`` gives row ``j``."""
    _check_inputs(xs)
    leaves = [Value(x) for x in xs]
    outs = _outputs(f(*leaves))
    matrix = []
    for out in outs:
        for leaf in leaves:
            leaf.grad = 0.0
        out.zero_grad()
        out.backward()
        matrix.append([leaf.grad for leaf in leaves])
    return Jacobian([o.data for o in outs], matrix, passes=len(outs))


def numerical_gradient(f: Callable[..., float], *xs: float, h: float = 1e-6) -> list[float]:
    r"""Central differences :math:`\frac{f(x + h e_i) - f(x - h e_i)}{2h}` for every input.

    The error has two parts: truncation, of order :math:`h^2 f'''`, which shrinks with
    :math:`h`, and rounding, of order :math:`\epsilon |f| / h` (:math:`\epsilon \approx 10^{-16}`
    in float64), which grows as :math:`h` shrinks; :math:`h \approx 10^{-5}` balances them.
    """
    _check_inputs(xs)
    if not (math.isfinite(h) and h > 0):
        raise ValueError(f"h must be a finite number > 0, got {h!r}")

    def value(*args: float) -> float:
        # evaluated on Values so that f can use .exp() and friends; only .data is read
        out = f(*(Value(a) for a in args))
        return out.data if isinstance(out, Value) else float(out)

    grad = []
    for i in range(len(xs)):
        up = [x + h if k == i else x for k, x in enumerate(xs)]
        down = [x - h if k == i else x for k, x in enumerate(xs)]
        grad.append((value(*up) - value(*down)) / (2 * h))
    return grad
