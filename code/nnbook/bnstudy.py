"""Batch normalization on a tiny batch of numbers, as a computation graph for the animation.

Taught in "Batch normalization" (``book/batchnorm.md``, section ``sec-bn-backward``).
"""

from __future__ import annotations

from collections.abc import Sequence

from .autodiff import Value

__all__ = ["batchnorm_graph"]


def batchnorm_graph(
    xs: Sequence[float],
    gamma: float,
    beta: float,
    upstream: Sequence[float],
    eps: float = 1e-5,
) -> tuple[Value, list[Value]]:
    r"""Batch normalization of one feature over a batch of ``len(xs)`` numbers, as Values.

    The four steps of the transform,

    .. math::

        \mu = \frac1m \sum_i x_i, \quad \sigma^2 = \frac1m \sum_i (x_i - \mu)^2, \quad
        \hat x_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}}, \quad
        y_i = \gamma \hat x_i + \beta,

    followed by the loss :math:`L = \sum_i u_i y_i` with fixed ``upstream`` weights
    :math:`u_i`, so that :math:`\partial L / \partial y_i = u_i` -- the gradient a later layer
    would send back.  Returns :math:`L` and the outputs :math:`y_i`.
    """
    m = len(xs)
    if m < 2 or len(upstream) != m:
        raise ValueError(
            f"need at least 2 inputs and one upstream weight each, got {m}, {len(upstream)}"
        )
    x = [Value(v, f"x_{i}") for i, v in enumerate(xs, start=1)]
    g, b = Value(gamma, r"\gamma"), Value(beta, r"\beta")
    total = x[0]
    for xi in x[1:]:
        total = total + xi
    mu = total / m  # step 1: the batch mean
    dev = [xi - mu for xi in x]
    sq = dev[0] ** 2
    for d in dev[1:]:
        sq = sq + d**2
    var = sq / m  # step 2: the (biased) batch variance
    inv_std = (var + eps) ** -0.5
    ys = [g * (d * inv_std) + b for d in dev]  # steps 3 and 4: normalise, scale and shift
    loss = ys[0] * Value(upstream[0], "u_1", constant=True)
    for i, (yi, u) in enumerate(zip(ys[1:], upstream[1:], strict=True), start=2):
        loss = loss + yi * Value(u, f"u_{i}", constant=True)
    return loss, ys
