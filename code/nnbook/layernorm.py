r"""Layer normalization, written from its equations, with a hand-derived backward pass.

Same parameters and behaviour as ``torch.nn.LayerNorm``; the backward pass is the derived
formula in a ``torch.autograd.Function``, not autograd of the forward, in the style of the
batch-norm layer (:mod:`nnbook.layers`).  Taught in "Initialization and gradient flow".
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import torch
from torch import nn
from torch.autograd.function import once_differentiable

from .checks import check_real, is_integer

__all__ = ["LayerNorm", "LayerNormFunction"]


class LayerNormFunction(torch.autograd.Function):
    r"""Layer normalization of ``x`` over its last ``len(normalized_shape)`` dimensions.

    Forward, for each example (one index into the leading dimensions) and its :math:`m` values
    :math:`x_i` in the normalized dimensions:

    .. math::

        \mu = \frac1m \sum_i x_i, \quad \sigma^2 = \frac1m \sum_i (x_i - \mu)^2, \quad
        \hat x_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}}, \quad
        y_i = \gamma_i \hat x_i + \beta_i .

    Backward, with :math:`g_i = \partial L/\partial y_i` and :math:`\hat g_i = \gamma_i g_i =
    \partial L/\partial \hat x_i`:

    .. math::

        \frac{\partial L}{\partial \beta_i} = \sum_{\text{examples}} g_i, \quad
        \frac{\partial L}{\partial \gamma_i} = \sum_{\text{examples}} g_i \hat x_i, \quad
        \frac{\partial L}{\partial x_i} = \frac{1}{m\sqrt{\sigma^2 + \epsilon}}
        \Bigl( m\, \hat g_i - \sum_j \hat g_j - \hat x_i \sum_j \hat g_j \hat x_j \Bigr).

    It is batch normalization's formula (:class:`nnbook.layers.BatchNormFunction`) with the
    sums taken over an example's features instead of a feature's examples: the two sums remove
    the parts of the gradient that would move the example's mean and variance, which the
    normalization cancels.  The backward is not itself differentiable (``once_differentiable``):
    a second derivative raises an error instead of being silently wrong.

    Parameters
    ----------
    x, normalized_shape, weight, bias, eps
        Those of ``LayerNormFunction.apply(x, normalized_shape, weight, bias, eps)``: the input,
        the trailing shape normalized over, :math:`\gamma` and :math:`\beta` of that shape (or
        ``None``), and :math:`\epsilon`.

    References: [ba2016].
    """

    @staticmethod
    def forward(ctx, x, normalized_shape, weight, bias, eps):
        dims = tuple(range(-len(normalized_shape), 0))  # the last len(normalized_shape) axes
        mean = x.mean(dim=dims, keepdim=True)
        var = x.var(dim=dims, correction=0, keepdim=True)  # biased, as in the equations
        inv_std = (var + eps).rsqrt()
        x_hat = (x - mean) * inv_std
        y = x_hat
        if weight is not None:
            y = y * weight
        if bias is not None:
            y = y + bias
        ctx.save_for_backward(x_hat, inv_std, weight)
        ctx.dims, ctx.has_bias = dims, bias is not None
        return y

    @staticmethod
    @once_differentiable
    def backward(ctx, g):
        x_hat, inv_std, weight = ctx.saved_tensors
        dims = ctx.dims
        examples = tuple(range(g.ndim - len(dims)))  # the leading axes, one example each

        def over_examples(t):  # sum(dim=()) would sum over everything: no leading axis
            return t.sum(dim=examples) if examples else t

        grad_weight = over_examples(g * x_hat) if weight is not None else None
        grad_bias = over_examples(g) if ctx.has_bias else None
        g_hat = g * weight if weight is not None else g  # dL/dx_hat
        m = math.prod(g.shape[len(examples) :])  # values per example
        sum_g = g_hat.sum(dim=dims, keepdim=True)
        sum_gx = (g_hat * x_hat).sum(dim=dims, keepdim=True)
        grad_x = inv_std / m * (m * g_hat - sum_g - x_hat * sum_gx)
        return grad_x, None, grad_weight, grad_bias, None


class LayerNorm(nn.Module):
    r"""Layer normalization (:cite:t:`ba2016`): each example normalized over its own features.

    The same parameters and behaviour as ``torch.nn.LayerNorm``: an input of shape
    :math:`(*, d_1, \ldots, d_D)` is normalized over its last :math:`D` dimensions, given by
    ``normalized_shape``, with the mean and the biased variance of each example's
    :math:`m = d_1 \cdots d_D` values, then scaled by ``weight`` (:math:`\gamma`, ones) and
    shifted by ``bias`` (:math:`\beta`, zeros), one per normalized value
    (:class:`LayerNormFunction`).

    Unlike batch normalization there are no running statistics, so training and evaluation
    (``model.eval()``) compute the same function, and an example's output does not depend on
    the other examples of its batch, whatever the batch size (one included).

    Parameters
    ----------
    normalized_shape
        The shape of the trailing dimensions to normalize over: an ``int`` :math:`d` for the
        last dimension, or a sequence of positive integers.
    eps
        :math:`\epsilon > 0`, added to the variance so that a constant example does not
        divide by zero.
    elementwise_affine
        Whether to learn ``weight`` and ``bias``.
    bias
        Whether to learn ``bias`` too (when ``elementwise_affine``).
    """

    def __init__(
        self,
        normalized_shape: int | Sequence[int],
        eps: float = 1e-5,
        elementwise_affine: bool = True,
        bias: bool = True,
    ):
        super().__init__()
        shape = (normalized_shape,) if is_integer(normalized_shape) else normalized_shape
        if (
            not isinstance(shape, Sequence)
            or len(shape) == 0
            or not all(is_integer(d) and d >= 1 for d in shape)
        ):
            raise ValueError(
                "normalized_shape must be a positive integer or a non-empty sequence of them, "
                f"got {normalized_shape!r}"
            )
        self.normalized_shape = tuple(int(d) for d in shape)
        self.eps = check_real("eps", eps, low=0, low_open=True)
        self.elementwise_affine = elementwise_affine
        if elementwise_affine:
            self.weight = nn.Parameter(torch.ones(self.normalized_shape))
        else:
            self.register_parameter("weight", None)
        if elementwise_affine and bias:
            self.bias = nn.Parameter(torch.zeros(self.normalized_shape))
        else:
            self.register_parameter("bias", None)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        k = len(self.normalized_shape)
        if x.ndim < k or tuple(x.shape[x.ndim - k :]) != self.normalized_shape:
            raise ValueError(
                f"expected input of shape (*, {', '.join(map(str, self.normalized_shape))}) "
                f"(normalized_shape={self.normalized_shape}), got {tuple(x.shape)}"
            )
        return LayerNormFunction.apply(x, self.normalized_shape, self.weight, self.bias, self.eps)

    def extra_repr(self) -> str:
        return (
            f"{self.normalized_shape}, eps={self.eps}, "
            f"elementwise_affine={self.elementwise_affine}, bias={self.bias is not None}"
        )
