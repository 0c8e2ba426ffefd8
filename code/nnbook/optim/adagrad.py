"""Adagrad: per-coordinate learning rates from the sum of squared gradients.

Taught in "Optimizers" (``book/optimizers.md``, section ``sec-optim-adaptive``).
"""

from __future__ import annotations

import torch

from ._shared import check_nonnegative, closure_loss, gradients

__all__ = ["Adagrad"]


class Adagrad(torch.optim.Optimizer):
    r"""Adagrad (Duchi, Hazan and Singer 2011 [duchi2011]); the rule of ``torch.optim.Adagrad``.

    .. math::

        g_t = \nabla L(\theta_{t-1}) + \lambda \theta_{t-1}, \qquad
        s_t = s_{t-1} + g_t^2 \quad (s_0 = \text{initial\_accumulator\_value}),

        \theta_t = \theta_{t-1} - \frac{\eta}{1 + (t - 1)\,\delta}\,
        \frac{g_t}{\sqrt{s_t} + \epsilon}

    with learning-rate decay :math:`\delta`; squares and roots are per coordinate.  A
    coordinate with large past gradients takes small steps.  Because :math:`s_t` only grows,
    the steps shrink for ever: the weakness RMSprop fixes.  The state per parameter is
    ``self.state[p]["sum"]`` and ``["step"]``; the operations are torch's, in torch's order,
    so that even the rounding is the same.

    Parameters
    ----------
    params
        The tensors to optimize, or a list of parameter-group dicts.
    lr
        Learning rate :math:`\eta`, >= 0.
    lr_decay
        :math:`\delta` >= 0: the rate is divided by :math:`1 + (t - 1)\delta`.
    weight_decay
        :math:`\lambda` >= 0, the L2 penalty's coefficient.
    initial_accumulator_value
        :math:`s_0` >= 0.
    eps
        :math:`\epsilon` >= 0, added to the denominator.
    maximize
        Ascend instead of descend.

    References: [duchi2011].
    """

    def __init__(
        self,
        params,
        lr: float = 1e-2,
        lr_decay: float = 0,
        weight_decay: float = 0,
        initial_accumulator_value: float = 0,
        eps: float = 1e-10,
        *,
        maximize: bool = False,
    ):
        check_nonnegative("lr", lr, "learning rate")
        check_nonnegative("lr_decay", lr_decay)
        check_nonnegative("weight_decay", weight_decay)
        check_nonnegative("initial_accumulator_value", initial_accumulator_value)
        check_nonnegative("eps", eps, "epsilon value")
        defaults = dict(
            lr=lr,
            lr_decay=lr_decay,
            weight_decay=weight_decay,
            initial_accumulator_value=initial_accumulator_value,
            eps=eps,
            maximize=maximize,
        )
        super().__init__(params, defaults)
        # torch creates Adagrad's state up front, for every parameter (for share_memory)
        for group in self.param_groups:
            for p in group["params"]:
                self.state[p]["step"] = 0
                self.state[p]["sum"] = torch.full_like(p, group["initial_accumulator_value"])

    @torch.no_grad()
    def step(self, closure=None):
        loss = closure_loss(closure)
        for group, p, g in gradients(self.param_groups):
            state = self.state[p]
            state["step"] += 1
            if group["weight_decay"] != 0:
                g = g.add(p, alpha=group["weight_decay"])  # g + lambda theta
            lr_t = group["lr"] / (1 + (state["step"] - 1) * group["lr_decay"])
            state["sum"].addcmul_(g, g)  # s + g^2
            std = state["sum"].sqrt().add_(group["eps"])
            p.addcdiv_(g, std, value=-lr_t)  # theta - lr_t g / (sqrt(s) + eps)
        return loss
