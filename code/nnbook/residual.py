r"""A residual block for fully connected networks: the layer's input added to its output.

A plain deep network composes layers, :math:`x_{k+1} = f_k(x_k)`, so the gradient at the
bottom is a product of Jacobians, :math:`\partial L/\partial x_0 = J_0^\top \cdots
J_{L-1}^\top\, \partial L/\partial x_L`, which shrinks or grows geometrically when their
scales are not 1.  A residual block computes :math:`x_{k+1} = x_k + f_k(x_k)`
(:cite:t:`he2016`), with Jacobian :math:`I + J_k`; the product
:math:`\prod_k (I + J_k)^\top` contains the identity, so the gradient at the top reaches every
block unchanged, plus what passes through the branches.  Taught in "Initialization and
gradient flow".
"""

from __future__ import annotations

import torch
from torch import nn

from .checks import check_int
from .layernorm import LayerNorm
from .layers import BatchNorm1d
from .models import ACTIVATIONS

__all__ = ["NORMS", "ResidualBlock"]

#: The normalizations a :class:`ResidualBlock` accepts, by name.
NORMS = {"layer": LayerNorm, "batch": BatchNorm1d}


class ResidualBlock(nn.Module):
    r"""One hidden layer of width :math:`d` with a skip connection around it:

    .. math::

        y = x + \phi\bigl(\mathrm{norm}(W x + b)\bigr), \qquad
        \frac{\partial L}{\partial x} = \frac{\partial L}{\partial y}
        + J_{\text{branch}}^\top \frac{\partial L}{\partial y},

    with :math:`W \in \mathbb{R}^{d \times d}` (``linear``), an optional normalization
    (``norm``) and the activation :math:`\phi` (``activation``): the branch is a hidden
    layer of :class:`nnbook.models.MLP` with its normalization before the activation.
    Nothing is applied after the sum, so the identity path is clean, as in the pre-activation
    blocks of :cite:t:`he2016identity`; :cite:t:`he2016` put two layers in the branch and a
    ReLU after the sum.  With the branch's output zero (zero weight and bias, and
    :math:`\phi(0) = 0`, as for ReLU and tanh) the block is the identity.

    The input and output have the same width, which a skip connection needs: a network of
    blocks maps its input to width :math:`d` with an ordinary layer first.  With the
    normalization ``norm="layer"``, the branch's output has a scale independent of :math:`x`
    at initialization (:math:`\mathbb{E}[f^2] \approx \tfrac12` per entry for ReLU), so the
    root-mean-square of :math:`x` grows at most linearly with depth (by the triangle
    inequality), not geometrically.  Without it, the branch's output scales with its input:
    for ReLU and He initialization it has about the second moment of :math:`x`, and the scale
    of :math:`x` can grow geometrically with depth.

    Parameters
    ----------
    width
        The width :math:`d` of the input and the output.
    activation
        ``"relu"`` (default), ``"sigmoid"`` or ``"tanh"`` (:data:`nnbook.models.ACTIVATIONS`).
    norm
        ``None``, ``"layer"`` (:class:`nnbook.layernorm.LayerNorm`, :cite:t:`ba2016`) or
        ``"batch"`` (:class:`nnbook.layers.BatchNorm1d`), applied to :math:`W x + b` before
        the activation.
    """

    def __init__(self, width: int, activation: str = "relu", norm: str | None = None):
        super().__init__()
        self.width = check_int("width", width)
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)}, got {activation!r}")
        if norm is not None and norm not in NORMS:
            raise ValueError(f"norm must be None or one of {sorted(NORMS)}, got {norm!r}")
        self.linear = nn.Linear(width, width)
        self.norm = NORMS[norm](width) if norm else nn.Identity()
        self.activation = ACTIVATIONS[activation]()

    def branch(self, x: torch.Tensor) -> torch.Tensor:
        """The residual :math:`f(x) = \\phi(\\mathrm{norm}(W x + b))` alone."""
        return self.activation(self.norm(self.linear(x)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.ndim != 2 or x.shape[1] != self.width:
            raise ValueError(f"x must have shape (batch, {self.width}), got {tuple(x.shape)}")
        return x + self.branch(x)  # the identity path, plus the layer
