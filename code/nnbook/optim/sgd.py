"""Stochastic gradient descent with momentum (Polyak) and Nesterov momentum.

Taught in "Optimizers" (``book/optimizers.md``, sections ``sec-optim-gd`` and
``sec-optim-momentum``).
"""

from __future__ import annotations

import torch

from ._shared import check_nonnegative, closure_loss, gradients

__all__ = ["SGD"]


class SGD(torch.optim.Optimizer):
    r"""Gradient descent, optionally with momentum; the same rule as ``torch.optim.SGD``.

    With gradient :math:`g_t = \nabla L(\theta_{t-1}) + \lambda \theta_{t-1}` (weight decay
    :math:`\lambda`), momentum :math:`\mu` and dampening :math:`\tau`:

    .. math::

        b_t = \mu b_{t-1} + (1 - \tau) g_t \quad (b_1 = g_1), \qquad
        \theta_t = \theta_{t-1} - \eta \cdot
        \begin{cases} g_t + \mu b_t & \text{Nesterov} \\ b_t & \text{otherwise} \end{cases}

    Without momentum (:math:`\mu = 0`) this is plain :math:`\theta_t = \theta_{t-1} - \eta g_t`.

    Momentum is Polyak's heavy ball (Polyak 1964) in torch's form, which, as torch's
    documentation says, subtly differs from that of Sutskever et al. (2013): they keep a
    velocity :math:`v_t = \mu v_{t-1} + \eta g_t` and step :math:`\theta_t = \theta_{t-1} -
    v_t`, so the learning rate scales each gradient as it enters; torch keeps a sum of
    gradients :math:`b` and multiplies the whole buffer by the current :math:`\eta`.  The two
    agree (with :math:`v_t = \eta b_t`) only while :math:`\eta` is constant; when a schedule
    changes :math:`\eta`, torch rescales the past gradients too.  The Nesterov variant
    (Nesterov 1983) steps along :math:`g_t + \mu b_t`; for constant :math:`\eta` this is
    Sutskever et al.'s look-ahead form after a change of variables: torch's parameters are
    their look-ahead points :math:`\theta - \mu v`, at which the gradient is evaluated
    (derived in the book, section ``sec-optim-momentum``).  The state per parameter is
    ``self.state[p]["momentum_buffer"]``.  The code uses torch's in-place operations in
    torch's order (``add_(x, alpha=a)`` is :math:`+\,a x`), so that even the
    rounding is the same.

    Parameters
    ----------
    params
        Parameters, or parameter groups (dicts) with their own hyperparameters.
    lr
        Learning rate :math:`\eta \ge 0`.
    momentum, dampening
        :math:`\mu \ge 0` and :math:`\tau \ge 0`.
    weight_decay
        :math:`\lambda \ge 0`: the gradient of an L2 penalty
        :math:`\tfrac{\lambda}{2}\|\theta\|^2`.
    nesterov
        Nesterov momentum; needs :math:`\mu > 0` and :math:`\tau = 0`.
    maximize
        Ascend instead of descend.
    """

    def __init__(
        self,
        params,
        lr: float = 1e-3,
        momentum: float = 0,
        dampening: float = 0,
        weight_decay: float = 0,
        nesterov: bool = False,
        *,
        maximize: bool = False,
    ):
        check_nonnegative("lr", lr, "learning rate")
        check_nonnegative("momentum", momentum)
        check_nonnegative("dampening", dampening)
        check_nonnegative("weight_decay", weight_decay)
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError(
                f"Nesterov momentum requires a momentum > 0 and zero dampening, got "
                f"nesterov=True with momentum={momentum!r}, dampening={dampening!r}"
            )
        defaults = dict(
            lr=lr,
            momentum=momentum,
            dampening=dampening,
            weight_decay=weight_decay,
            nesterov=nesterov,
            maximize=maximize,
        )
        super().__init__(params, defaults)

    @torch.no_grad()
    def step(self, closure=None):
        loss = closure_loss(closure)
        for group, p, g in gradients(self.param_groups):
            mu, tau = group["momentum"], group["dampening"]
            if group["weight_decay"] != 0:
                g = g.add(p, alpha=group["weight_decay"])  # g + lambda theta
            if mu != 0:
                buf = self.state[p].get("momentum_buffer")
                if buf is None:  # b_1 = g_1: no dampening on the first step
                    buf = self.state[p]["momentum_buffer"] = g.clone()
                else:
                    buf.mul_(mu).add_(g, alpha=1 - tau)  # mu b + (1 - tau) g
                g = g.add(buf, alpha=mu) if group["nesterov"] else buf
            p.add_(g, alpha=-group["lr"])  # theta - eta g
        return loss
