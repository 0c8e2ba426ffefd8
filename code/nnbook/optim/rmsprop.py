"""RMSprop: Adagrad with a moving average instead of a sum.

Taught in "Optimizers" (``book/optimizers.md``, section ``sec-optim-adaptive``).
"""

from __future__ import annotations

import torch

from ._shared import check_nonnegative, check_unit_interval, closure_loss, gradients

__all__ = ["RMSprop"]


class RMSprop(torch.optim.Optimizer):
    r"""RMSprop (Tieleman and Hinton 2012 [tieleman2012]); the same rule as ``torch.optim.RMSprop``.

    .. math::

        g_t = \nabla L(\theta_{t-1}) + \lambda \theta_{t-1}, \qquad
        v_t = \alpha v_{t-1} + (1 - \alpha) g_t^2, \qquad
        d_t = \sqrt{v_t - \bar g_t^2} + \epsilon \ \text{(centered)}
        \ \text{or}\ \sqrt{v_t} + \epsilon,

        b_t = \mu b_{t-1} + g_t / d_t, \qquad \theta_t = \theta_{t-1} - \eta\, b_t

    with :math:`\bar g_t = \alpha \bar g_{t-1} + (1 - \alpha) g_t` when centered (Graves 2013
    [graves2013]), and :math:`b_t = g_t / d_t` without momentum (:math:`\mu = 0`).  RMSprop was
    proposed in a lecture, not a paper; this form (eps outside the root) is torch's.  The state
    per parameter is ``self.state[p]["square_avg"]``, ``["grad_avg"]`` (centered),
    ``["momentum_buffer"]`` (momentum) and ``["step"]``.  The operations are torch's, in torch's
    order (``addcmul_(a, b, value=c)`` is :math:`+\,c\,a b`, ``addcdiv_`` likewise with :math:`a
    / b`), so that even the rounding is the same.

    Parameters
    ----------
    params
        The tensors to optimize, or a list of parameter-group dicts.
    lr
        Learning rate :math:`\eta`, >= 0.
    alpha
        Smoothing constant :math:`\alpha` in [0, 1).
    eps
        :math:`\epsilon` >= 0, added to the denominator.
    weight_decay
        :math:`\lambda` >= 0, the L2 penalty's coefficient.
    momentum
        :math:`\mu` >= 0.
    centered
        Divide by the estimated standard deviation of the gradient instead of its RMS.
    maximize
        Ascend instead of descend.

    References: [tieleman2012], [graves2013].
    """

    def __init__(
        self,
        params,
        lr: float = 1e-2,
        alpha: float = 0.99,
        eps: float = 1e-8,
        weight_decay: float = 0,
        momentum: float = 0,
        centered: bool = False,
        maximize: bool = False,
    ):
        check_nonnegative("lr", lr, "learning rate")
        check_unit_interval("alpha", alpha)
        check_nonnegative("eps", eps, "epsilon value")
        check_nonnegative("weight_decay", weight_decay)
        check_nonnegative("momentum", momentum)
        defaults = dict(
            lr=lr,
            alpha=alpha,
            eps=eps,
            weight_decay=weight_decay,
            momentum=momentum,
            centered=centered,
            maximize=maximize,
        )
        super().__init__(params, defaults)

    @torch.no_grad()
    def step(self, closure=None):
        loss = closure_loss(closure)
        for group, p, g in gradients(self.param_groups):
            alpha = group["alpha"]
            state = self.state[p]
            if not state:
                state["step"] = 0
                state["square_avg"] = torch.zeros_like(p)
                if group["momentum"] > 0:
                    state["momentum_buffer"] = torch.zeros_like(p)
                if group["centered"]:
                    state["grad_avg"] = torch.zeros_like(p)
            state["step"] += 1
            if group["weight_decay"] != 0:
                g = g.add(p, alpha=group["weight_decay"])  # g + lambda theta
            v = state["square_avg"].mul_(alpha).addcmul_(g, g, value=1 - alpha)
            if group["centered"]:
                g_bar = state["grad_avg"].lerp_(g, 1 - alpha)  # alpha g_bar + (1-alpha) g
                d = v.addcmul(g_bar, g_bar, value=-1).sqrt_()  # a running std of g
            else:
                d = v.sqrt()
            d.add_(group["eps"])
            if group["momentum"] > 0:
                buf = state["momentum_buffer"].mul_(group["momentum"]).addcdiv_(g, d)
                p.add_(buf, alpha=-group["lr"])
            else:
                p.addcdiv_(g, d, value=-group["lr"])
        return loss
