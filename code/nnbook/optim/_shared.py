"""What the optimizers share: argument checks in torch's wording ("Invalid learning rate"),
the closure, and the walk over the parameters that have a gradient."""

from __future__ import annotations

import math
from collections.abc import Iterator

import torch

from ..checks import is_real


def check_nonnegative(name: str, value: object, label: str | None = None) -> None:
    """``value`` must be a finite real number >= 0; the message names the argument."""
    label = label or f"{name} value"
    if not is_real(value) or not math.isfinite(value):
        raise ValueError(f"Invalid {label}: {name}={value!r} (must be a finite number >= 0)")
    if value < 0:
        raise ValueError(f"Invalid {label}: {name}={value!r} (must be >= 0)")


def check_unit_interval(name: str, value: object) -> None:
    """``value`` must lie in [0, 1): an averaging coefficient of 1 would never forget."""
    check_nonnegative(name, value)
    if not value < 1:
        raise ValueError(f"Invalid {name} value: {name}={value!r} (must be in [0, 1))")


def check_betas(betas: object) -> None:
    if not isinstance(betas, (tuple, list)) or len(betas) != 2:
        raise ValueError(f"Invalid betas: {betas!r} (must be a pair (beta1, beta2))")
    for i, beta in enumerate(betas):
        check_nonnegative(f"betas[{i}]", beta, f"beta parameter at index {i}")
        if not beta < 1:
            raise ValueError(
                f"Invalid beta parameter at index {i}: betas[{i}]={beta!r} (must be in [0, 1))"
            )


def closure_loss(closure) -> torch.Tensor | None:
    """Evaluate the optional closure of ``step(closure)`` with gradients enabled."""
    if closure is None:
        return None
    with torch.enable_grad():
        return closure()


def gradients(param_groups: list[dict]) -> Iterator[tuple[dict, torch.Tensor, torch.Tensor]]:
    """Each ``(group, parameter, gradient)`` a step updates, in a fixed order.

    A parameter without a gradient took no part in the loss and is left alone; the gradient
    is negated when the group maximizes; sparse gradients are refused.
    """
    for group in param_groups:
        for p in group["params"]:
            if p.grad is None:
                continue
            if p.grad.is_sparse:
                raise RuntimeError("nnbook optimizers do not support sparse gradients")
            yield group, p, (-p.grad if group["maximize"] else p.grad)
