"""The dropout chapter's tools: a scalar network with dropout masks for the graph animation,
Monte-Carlo dropout predictions, and the ensemble view of dropout.

Taught in "Dropout" (``book/dropout.md``).
"""

from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import nn

from .autodiff import Value
from .layers import BatchNorm1d

__all__ = ["mc_dropout_predict", "scalar_dropout_net"]


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
    if not 0 <= p < 1:
        raise ValueError(f"dropout probability p must be in [0, 1), got {p!r}")
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


def mc_dropout_predict(
    model: nn.Module, X: torch.Tensor, samples: int = 100, seed: int = 0
) -> tuple[torch.Tensor, torch.Tensor]:
    r"""Monte-Carlo dropout (Gal and Ghahramani 2016): mean and std over ``samples`` masks.

    The model is run in training mode -- dropout on -- ``samples`` times on the same inputs,
    without gradients; the spread of the outputs estimates the model's uncertainty.  Only the
    dropout layers must be random: a model with batch normalization would also change its
    statistics in training mode, so it is refused.  The model is left in evaluation mode.
    """
    if any(isinstance(m, (BatchNorm1d, nn.BatchNorm1d)) for m in model.modules()):
        raise ValueError("mc_dropout_predict needs a model without batch normalization")
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 2:
        raise ValueError(f"samples must be an integer >= 2, got {samples!r}")
    device = next(model.parameters()).device
    torch.manual_seed(seed)
    model.train()
    with torch.no_grad():
        draws = torch.stack([model(X.to(device)).cpu() for _ in range(samples)])
    model.eval()
    return draws.mean(0), draws.std(0)
