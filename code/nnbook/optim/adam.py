"""Adam and AdamW: momentum plus RMSprop, with bias correction.

Taught in "Optimizers" (``book/optimizers.md``, sections ``sec-optim-adam`` and
``sec-optim-adamw``).
"""

from __future__ import annotations

import torch

from ._shared import check_betas, check_nonnegative, closure_loss, gradients

__all__ = ["Adam", "AdamW"]


class Adam(torch.optim.Optimizer):
    r"""Adam (Kingma and Ba 2015 [kingma2015]); the same rule as ``torch.optim.Adam``.

    .. math::

        g_t = \nabla L(\theta_{t-1}) + \lambda \theta_{t-1}, \qquad
        m_t = \beta_1 m_{t-1} + (1 - \beta_1) g_t, \qquad
        v_t = \beta_2 v_{t-1} + (1 - \beta_2) g_t^2,

        \hat m_t = \frac{m_t}{1 - \beta_1^t}, \qquad \hat v_t = \frac{v_t}{1 - \beta_2^t},
        \qquad \theta_t = \theta_{t-1} - \eta\, \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon}

    with :math:`m_0 = v_0 = 0`; the divisions by :math:`1 - \beta^t` undo the bias of
    averages started at zero.  With ``amsgrad`` (Reddi, Kale and Kumar 2018) the running
    maximum of :math:`v_t` replaces :math:`v_t` in the denominator.  Weight decay here is
    the L2 penalty added to the gradient, as in the paper's framework; for the decoupled
    version see :class:`AdamW`.  The state per parameter is ``self.state[p]["exp_avg"]``
    (:math:`m`), ``["exp_avg_sq"]`` (:math:`v`), ``["max_exp_avg_sq"]`` (amsgrad) and
    ``["step"]`` (:math:`t`).  The paper's :math:`\epsilon` is added to
    :math:`\sqrt{\hat v_t}`, as here and in torch, not to :math:`\sqrt{v_t}` as in the paper's
    "more efficient" variant of Algorithm 1.  The operations are torch's, in torch's order,
    so that even the rounding is the same.

    Parameters
    ----------
    params
        The tensors to optimize, or a list of parameter-group dicts.
    lr
        Learning rate :math:`\eta`, >= 0.
    betas
        :math:`(\beta_1, \beta_2)`, each in [0, 1): how slowly the averages forget.
    eps
        :math:`\epsilon` >= 0, added to the denominator.
    weight_decay
        :math:`\lambda` >= 0, the L2 penalty's coefficient.
    amsgrad
        Use the running maximum of :math:`v_t` [reddi2018].
    maximize
        Ascend instead of descend.
    bias_correction
        One argument torch does not have: ``False`` drops the two divisions, so that the book
        can show what they are for (``book/optimizers.md``, ``sec-optim-adam``).

    References: [kingma2015], [reddi2018].
    """

    decoupled_weight_decay = False

    def __init__(
        self,
        params,
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0,
        amsgrad: bool = False,
        *,
        maximize: bool = False,
        bias_correction: bool = True,
    ):
        check_nonnegative("lr", lr, "learning rate")
        check_betas(betas)
        check_nonnegative("eps", eps, "epsilon value")
        check_nonnegative("weight_decay", weight_decay)
        defaults = dict(
            lr=lr,
            betas=tuple(betas),
            eps=eps,
            weight_decay=weight_decay,
            amsgrad=amsgrad,
            maximize=maximize,
            bias_correction=bias_correction,
        )
        super().__init__(params, defaults)

    @torch.no_grad()
    def step(self, closure=None):
        loss = closure_loss(closure)
        for group, p, g in gradients(self.param_groups):
            (beta1, beta2), lr, wd = group["betas"], group["lr"], group["weight_decay"]
            state = self.state[p]
            if not state:
                state["step"] = 0
                state["exp_avg"] = torch.zeros_like(p)
                state["exp_avg_sq"] = torch.zeros_like(p)
                if group["amsgrad"]:
                    state["max_exp_avg_sq"] = torch.zeros_like(p)
            state["step"] += 1
            t = state["step"]
            if wd != 0 and self.decoupled_weight_decay:
                p.mul_(1 - lr * wd)  # AdamW: shrink the weights, outside the gradient
            elif wd != 0:
                g = g.add(p, alpha=wd)  # Adam: L2 penalty, inside the gradient
            m = state["exp_avg"].lerp_(g, 1 - beta1)  # beta1 m + (1 - beta1) g
            v = state["exp_avg_sq"].mul_(beta2).addcmul_(g, g, value=1 - beta2)
            if group["amsgrad"]:
                v = torch.maximum(state["max_exp_avg_sq"], v, out=state["max_exp_avg_sq"])
            # m_hat / (sqrt(v_hat) + eps), with the two bias corrections kept as scalars
            bc1, bc2 = (1 - beta1**t, 1 - beta2**t) if group["bias_correction"] else (1, 1)
            denom = (v.sqrt() / bc2**0.5).add_(group["eps"])
            p.addcdiv_(m, denom, value=-lr / bc1)
        return loss


class AdamW(Adam):
    r"""Adam with decoupled weight decay (Loshchilov and Hutter 2019); as ``torch.optim.AdamW``.

    The only change from :class:`Adam`: before the Adam step the weights shrink,
    :math:`\theta \leftarrow (1 - \eta \lambda)\, \theta`, instead of
    :math:`\lambda \theta` being added to the gradient.  In Adam an L2 term in the gradient
    is divided by :math:`\sqrt{\hat v_t}`, so weights with large gradients are barely
    regularised; decoupled, every weight decays at the same rate.  Note the default
    ``weight_decay=1e-2``, as in torch.

    Parameters
    ----------
    params, lr, betas, eps, weight_decay, amsgrad, maximize, bias_correction
        As for :class:`Adam`; ``weight_decay`` is the decoupled rate :math:`\lambda`.

    References: [loshchilov2019].
    """

    decoupled_weight_decay = True

    def __init__(
        self,
        params,
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 1e-2,
        amsgrad: bool = False,
        *,
        maximize: bool = False,
        bias_correction: bool = True,
    ):
        super().__init__(
            params,
            lr,
            betas,
            eps,
            weight_decay,
            amsgrad,
            maximize=maximize,
            bias_correction=bias_correction,
        )
