"""Small computations on scalars, built only to be drawn as animated graphs.

Each function computes one chapter's idea with :class:`nnbook.autodiff.Value` on a handful
of numbers, so that :func:`nnbook.animation.graph.animate` can show its forward and backward
pass node by node: the dropout masks of a tiny network ("Dropout", ``book/dropout.md``),
batch normalization of three numbers ("Batch normalization", ``book/batchnorm.md``, section
``sec-bn-backward``), and the reparameterization trick ("Variational autoencoders",
``book/vae.md``, section ``sec-vae-reparam``).  The chapters check each graph's gradients
against PyTorch.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import torch

from ..autodiff import Value
from ..checks import check_real
from .composite import composite, sum_of_products

__all__ = ["batchnorm_graph", "reparameterization_graph", "scalar_dropout_net"]


def scalar_dropout_net(
    x: float,
    w_in: Sequence[float],
    w_out: Sequence[float],
    target: float,
    p: float,
    seed: int = 0,
) -> Value:
    r"""The squared error of a one-input, one-output network with a dropout hidden layer.

    .. math::

        h_j = \mathrm{ReLU}(w_j x), \qquad \tilde h_j = h_j\, \frac{m_j}{1 - p}, \qquad
        \hat y = \sum_j v_j \tilde h_j, \qquad L = (\hat y - t)^2

    with masks :math:`m_j \sim \mathrm{Bernoulli}(1 - p)` drawn from a generator seeded by
    ``seed``.  The masks are constants of the graph: the backward pass sends no gradient into
    them, and none through a unit whose mask is 0.  Returns :math:`L` as a
    :class:`nnbook.autodiff.Value`, ready for ``backward()`` and the animation.
    """
    if len(w_in) != len(w_out) or not w_in:
        raise ValueError(
            f"w_in and w_out need the same, non-zero length: {len(w_in)}, {len(w_out)}"
        )
    check_real("p", p, low=0, high=1, high_open=True)
    g = torch.Generator().manual_seed(seed)
    keep = (torch.rand(len(w_in), generator=g) >= p).tolist()
    xv = Value(x, "x")
    scale = Value(1 / (1 - p), r"\frac{1}{1-p}", constant=True)
    y_hat = None
    for j, (w, v) in enumerate(zip(w_in, w_out, strict=True), start=1):
        h = (Value(w, f"w_{j}") * xv).relu()
        mask = Value(float(keep[j - 1]), f"m_{j}", constant=True)
        term = Value(v, f"v_{j}") * (h * mask * scale)
        y_hat = term if y_hat is None else y_hat + term
    return (y_hat - Value(target, "t", constant=True)) ** 2


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
    would send back.  Every intermediate the transform names is named so in the figure
    (:math:`\mu`, :math:`d_i = x_i - \mu`, :math:`\sigma^2`,
    :math:`s = (\sigma^2 + \epsilon)^{-1/2}`, :math:`\hat x_i`, :math:`y_i`, :math:`L`).
    Returns :math:`L` and the outputs :math:`y_i`.
    """
    m = len(xs)
    if m < 2 or len(upstream) != m:
        raise ValueError(
            f"need at least 2 inputs and one upstream weight each, got {m}, {len(upstream)}"
        )
    x = [Value(v, f"x_{i}") for i, v in enumerate(xs, start=1)]
    g, b = Value(gamma, r"\gamma"), Value(beta, r"\beta")
    u = [Value(w, f"u_{i}", constant=True) for i, w in enumerate(upstream, start=1)]
    with composite("mean"):  # step 1: the batch mean
        mu = _named(_named(_sum(x), r"\Sigma x") / m, r"\mu")
    dev = []
    for i, xi in enumerate(x, start=1):
        with composite("difference", lambda a: f"{a[0]} - {a[1]}", "−"):
            dev.append(_named(xi - mu, f"d_{i}"))
    # the variance's caption as a sum, so that a phone's caption can break at its "+"
    with composite("variance", lambda a: " + ".join(rf"\frac{{{d}^2}}{{{m}}}" for d in a), "var"):
        squares = [_named(d**2, f"d_{i}^2") for i, d in enumerate(dev, start=1)]
        var = _named(_sum(squares) / m, r"\sigma^2")  # step 2: the (biased) batch variance
    with composite("inverse std", lambda a: rf"\frac{{1}}{{\sqrt{{{a[0]} + \epsilon}}}}", "1/√"):
        # epsilon by its name: a caption would show 1e-05, which 4 decimals round to 0
        epsilon = Value(eps, label=r"\epsilon", constant=True)
        inv_std = _named((var + epsilon) ** -0.5, "s")  # s = 1 / sqrt(var + eps)
    # step 3: normalise
    x_hat = [_named(d * inv_std, rf"\hat x_{i}") for i, d in enumerate(dev, start=1)]
    ys = []
    for i, xh in enumerate(x_hat, start=1):  # step 4: scale and shift
        scale_shift = r"$\gamma\hat{x}+\beta$"  # matplotlib's mathtext: x with its hat
        with composite("scale and shift", lambda a: rf"{a[0]} \times {a[1]} + {a[2]}", scale_shift):
            ys.append(_named(_named(g * xh, rf"\gamma \hat x_{i}") + b, f"y_{i}"))
    with composite("weighted sum", sum_of_products, "Σ"):
        terms = [
            _named(yi * ui, f"u_{i} y_{i}") for i, (yi, ui) in enumerate(zip(ys, u, strict=True), 1)
        ]
        loss = _sum(terms)
    loss.label = "L"
    return loss, ys


def reparameterization_graph(
    mu: float, logvar: float, eps: float, w: float, x: float, *, direct: bool = False
) -> Value:
    r"""The squared error of a one-number "decoder" fed a reparameterized sample.

    .. math::

        \sigma = \exp(\tfrac12 s), \qquad z = \mu + \sigma\,\varepsilon, \qquad
        \hat x = w z, \qquad L = (\hat x - x)^2, \qquad s = \log\sigma^2

    :math:`\varepsilon` and :math:`x` are constants of the graph: the backward pass gives
    :math:`\mu`, :math:`s` and :math:`w` a gradient and :math:`\varepsilon` none.

    With ``direct=True``, :math:`z = \mu + \sigma\varepsilon` is computed as a plain number
    and enters the graph as a new leaf -- what "sampling z directly" amounts to: the graph
    no longer contains :math:`\mu` or :math:`s`, so no gradient can reach them.
    """
    if direct:
        z = Value(mu + math.exp(0.5 * logvar) * eps, "z", constant=True)
    else:
        mu_v, s = Value(mu, r"\mu"), Value(logvar, "s")
        sigma = (0.5 * s).exp()
        z = mu_v + sigma * Value(eps, r"\varepsilon", constant=True)
    x_hat = Value(w, "w") * z
    return (x_hat - Value(x, "x", constant=True)) ** 2


def _sum(terms: Sequence[Value]) -> Value:
    total = terms[0]
    for term in terms[1:]:
        total = total + term
    return total


def _named(node: Value, label: str) -> Value:
    """``node`` with a name for figures, captions and transcript (an intermediate result)."""
    node.label = label
    return node
