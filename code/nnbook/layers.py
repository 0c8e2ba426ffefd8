r"""Dropout and batch normalization, written from their equations.

Same semantics as ``torch.nn.Dropout`` and ``torch.nn.BatchNorm1d``; batch normalization's
backward pass is the derived formula, in a ``torch.autograd.Function``, not autograd of the
forward.  Taught in "Dropout" (``book/dropout.md``) and "Batch normalization"
(``book/batchnorm.md``).
"""

from __future__ import annotations

import torch
from torch import nn
from torch.autograd.function import once_differentiable

from .checks import check_int, check_real, is_real

__all__ = ["BatchNorm1d", "BatchNormFunction", "Dropout"]


class Dropout(nn.Module):
    r"""Inverted dropout (Srivastava et al. 2014), as ``torch.nn.Dropout``.

    In training each entry is zeroed with probability :math:`p` and the survivors are scaled
    by :math:`1/(1-p)`, so that :math:`\mathbb{E}[\text{output}] = \text{input}`; in evaluation
    (``model.eval()``) it is the identity.  Scaling in training, not at test time, is what
    "inverted" means: the trained network needs no change to be used.

    Parameters
    ----------
    p
        Probability of dropping an entry, in :math:`[0, 1)`.  ``p = 1`` is refused: it drops
        everything, the scale :math:`1/(1-p)` is infinite, and no gradient reaches the layers
        below (torch returns zeros silently).
    """

    def __init__(self, p: float = 0.5):
        super().__init__()
        if is_real(p) and p == 1:
            raise ValueError("p must be in [0, 1), got 1 (p = 1 would drop every unit and stop "
                             "all gradients)")  # fmt: skip
        self.p = check_real("p", p, low=0, high=1, high_open=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or self.p == 0:
            return x
        keep = torch.rand_like(x) >= self.p  # each entry kept with probability 1 - p
        return x * keep / (1 - self.p)  # gradient flows only through kept entries

    def extra_repr(self) -> str:
        return f"p={self.p}"


def _channel_axes(x: torch.Tensor) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The axes a channel's statistics average over, and the shape that broadcasts a
    per-channel vector against ``x``: (N, C) -> (0,), (1, C); (N, C, L) -> (0, 2), (1, C, 1)."""
    return ((0, 2), (1, -1, 1)) if x.ndim == 3 else ((0,), (1, -1))


class BatchNormFunction(torch.autograd.Function):
    r"""Batch normalization of ``x`` (N, C) or (N, C, L) over all axes but the channel axis 1.

    Forward, with the statistics of the batch (``mean`` and ``var`` not given):

    .. math::

        \mu = \frac1m \sum_i x_i, \quad \sigma^2 = \frac1m \sum_i (x_i - \mu)^2, \quad
        \hat x_i = \frac{x_i - \mu}{\sqrt{\sigma^2 + \epsilon}}, \quad
        y_i = \gamma \hat x_i + \beta

    per channel, over its :math:`m` values.  Backward, with :math:`g_i = \partial L/\partial y_i`:

    .. math::

        \frac{\partial L}{\partial \beta} = \sum_i g_i, \quad
        \frac{\partial L}{\partial \gamma} = \sum_i g_i \hat x_i, \quad
        \frac{\partial L}{\partial x_i} = \frac{\gamma}{m\sqrt{\sigma^2 + \epsilon}}
        \Bigl( m\, g_i - \sum_j g_j - \hat x_i \sum_j g_j \hat x_j \Bigr).

    The two sums subtract the parts of the gradient that move the batch's mean and variance,
    which the normalization removes.  With ``mean`` and ``var`` given (running statistics, in
    evaluation) they are constants and :math:`\partial L/\partial x_i = \gamma g_i /
    \sqrt{\sigma^2 + \epsilon}`.  Derived in ``book/batchnorm.md``, ``sec-bn-backward``.
    The backward is not itself differentiable (``once_differentiable``): a second derivative
    (``create_graph=True``, then a gradient of the gradient) raises ``RuntimeError`` instead
    of being silently wrong.

    Parameters
    ----------
    x, weight, bias, eps, mean, var
        Those of ``BatchNormFunction.apply(x, weight, bias, eps, mean, var)``: the input, the
        per-channel :math:`\gamma` and :math:`\beta` (or ``None``), :math:`\epsilon`, and
        the running statistics to use instead of the batch's (``None`` in training).

    References: [ioffe2015].
    """

    @staticmethod
    def forward(ctx, x, weight, bias, eps, mean=None, var=None):
        dims, shape = _channel_axes(x)
        batch_stats = mean is None
        if batch_stats:
            mean = x.mean(dim=dims)
            var = x.var(dim=dims, unbiased=False)
        inv_std = (var + eps).rsqrt()
        x_hat = (x - mean.reshape(shape)) * inv_std.reshape(shape)
        y = x_hat
        if weight is not None:
            y = x_hat * weight.reshape(shape) + bias.reshape(shape)
        ctx.save_for_backward(x_hat, inv_std, weight)
        ctx.batch_stats, ctx.dims, ctx.shape = batch_stats, dims, shape
        return y

    @staticmethod
    @once_differentiable
    def backward(ctx, g):
        x_hat, inv_std, weight = ctx.saved_tensors
        dims, shape = ctx.dims, ctx.shape
        grad_weight = (g * x_hat).sum(dim=dims) if weight is not None else None
        grad_bias = g.sum(dim=dims) if weight is not None else None
        g_hat = g * weight.reshape(shape) if weight is not None else g  # dL/dx_hat
        if ctx.batch_stats:
            m = g.numel() // g.shape[1]
            sum_g = g_hat.sum(dim=dims).reshape(shape)
            sum_gx = (g_hat * x_hat).sum(dim=dims).reshape(shape)
            grad_x = inv_std.reshape(shape) / m * (m * g_hat - sum_g - x_hat * sum_gx)
        else:
            grad_x = g_hat * inv_std.reshape(shape)
        return grad_x, grad_weight, grad_bias, None, None, None


class BatchNorm1d(nn.Module):
    r"""Batch normalization (Ioffe and Szegedy 2015 [ioffe2015]) of (N, C) or (N, C, L) inputs.

    The same parameters, buffers and behaviour as ``torch.nn.BatchNorm1d``:

    - **training**: normalise with the batch's mean and (biased) variance, per channel, and
      update the running estimates
      :math:`\hat\mu \leftarrow (1 - \text{momentum})\,\hat\mu + \text{momentum}\,\mu` and
      :math:`\hat\sigma^2 \leftarrow (1 - \text{momentum})\,\hat\sigma^2
      + \text{momentum}\,\tfrac{m}{m-1}\sigma^2` (the *unbiased* variance).  With
      ``momentum=None`` the running estimates are cumulative averages over all batches.
      One value per channel (a batch of one, without length) raises ``ValueError``, as in torch.
    - **evaluation** (``model.eval()``): normalise with the running estimates, so that an
      example's output does not depend on the rest of its batch; without
      ``track_running_stats`` batch statistics are used in evaluation too.

    Parameters
    ----------
    num_features
        :math:`C`, the number of channels (features).
    eps
        Added to the variance before the square root, > 0.
    momentum
        Weight of the newest batch in the running estimates, in [0, 1]; ``None`` for a
        cumulative average.
    affine
        Learn ``weight`` (:math:`\gamma`, initialised to ones) and ``bias``
        (:math:`\beta`, zeros).
    track_running_stats
        Keep running estimates (buffers ``running_mean``, ``running_var``,
        ``num_batches_tracked``) and use them in evaluation.

    References: [ioffe2015].
    """

    def __init__(
        self,
        num_features: int,
        eps: float = 1e-5,
        momentum: float | None = 0.1,
        affine: bool = True,
        track_running_stats: bool = True,
    ):
        super().__init__()
        check_int("num_features", num_features)
        check_real("eps", eps, low=0, low_open=True)
        if momentum is not None and not 0 <= momentum <= 1:
            raise ValueError(f"momentum must be in [0, 1] or None, got {momentum!r}")
        self.num_features, self.eps, self.momentum = num_features, eps, momentum
        self.affine, self.track_running_stats = affine, track_running_stats
        if affine:
            self.weight = nn.Parameter(torch.ones(num_features))
            self.bias = nn.Parameter(torch.zeros(num_features))
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)
        if track_running_stats:
            self.register_buffer("running_mean", torch.zeros(num_features))
            self.register_buffer("running_var", torch.ones(num_features))
            self.register_buffer("num_batches_tracked", torch.tensor(0, dtype=torch.long))
        else:
            self.running_mean = self.running_var = self.num_batches_tracked = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.ndim not in (2, 3) or x.shape[1] != self.num_features:
            raise ValueError(
                f"expected input of shape (N, {self.num_features}) or (N, {self.num_features}, L), "
                f"got {tuple(x.shape)}"
            )
        use_batch_stats = self.training or not self.track_running_stats
        if not use_batch_stats:
            return BatchNormFunction.apply(
                x, self.weight, self.bias, self.eps, self.running_mean, self.running_var
            )
        m = x.numel() // x.shape[1]
        if self.training and m == 1:
            raise ValueError(
                f"Expected more than 1 value per channel when training, got input size {x.shape}"
            )
        if self.training and self.track_running_stats:
            self._update_running_stats(x, m)
        return BatchNormFunction.apply(x, self.weight, self.bias, self.eps)

    @torch.no_grad()
    def _update_running_stats(self, x: torch.Tensor, m: int) -> None:
        dims, _ = _channel_axes(x)
        self.num_batches_tracked += 1
        factor = 1.0 / self.num_batches_tracked.item() if self.momentum is None else self.momentum
        unbiased = x.var(dim=dims, unbiased=True)  # m / (m - 1) times the batch variance
        self.running_mean.mul_(1 - factor).add_(x.mean(dim=dims), alpha=factor)
        self.running_var.mul_(1 - factor).add_(unbiased, alpha=factor)

    def extra_repr(self) -> str:
        return (
            f"{self.num_features}, eps={self.eps}, momentum={self.momentum}, "
            f"affine={self.affine}, track_running_stats={self.track_running_stats}"
        )
