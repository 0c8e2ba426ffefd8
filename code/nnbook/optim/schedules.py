"""Learning-rate schedules, read off PyTorch's schedulers epoch by epoch.

Taught in "Optimizers" (``book/optimizers.md``, the schedules section).
"""

from __future__ import annotations

from collections.abc import Callable

import torch

__all__ = ["lr_schedule"]


def lr_schedule(
    make_scheduler: Callable[[torch.optim.Optimizer], torch.optim.lr_scheduler.LRScheduler],
    epochs: int,
    lr: float = 0.1,
) -> list[float]:
    """The learning rate a torch scheduler sets in each of ``epochs`` epochs (base rate ``lr``)."""
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr)
    scheduler = make_scheduler(opt)
    lrs = []
    for _ in range(epochs):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()  # the order torch expects: optimizer.step() before scheduler.step()
        scheduler.step()
    return lrs
