"""How noisy a mini-batch gradient is: its distance from the full-batch gradient.

Taught in "Optimizers" (``book/optimizers.md``, the mini-batch section).
"""

from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import nn

__all__ = ["gradient_noise"]


def gradient_noise(
    model: nn.Module,
    loss_fn: nn.Module,
    X: torch.Tensor,
    y: torch.Tensor,
    batch_sizes: Sequence[int],
    *,
    draws: int = 200,
    seed: int = 0,
) -> dict[int, float]:
    r"""How far a mini-batch gradient is from the full-batch gradient, per batch size.

    For each batch size :math:`B`, ``draws`` mini-batches are drawn without replacement and
    the root-mean-square relative error :math:`\sqrt{\overline{\|g_B - g\|^2}} / \|g\|` is
    returned; for independent examples it falls like :math:`1/\sqrt{B}`.
    """
    if any(not 1 <= b <= len(X) for b in batch_sizes):
        raise ValueError(f"every batch size must be in 1 .. {len(X)}, got {list(batch_sizes)}")

    def grad(idx) -> torch.Tensor:
        model.zero_grad()
        loss_fn(model(X[idx]), y[idx]).backward()
        return torch.cat([p.grad.reshape(-1) for p in model.parameters()]).clone()

    full = grad(slice(None))
    g = torch.Generator().manual_seed(seed)
    out = {}
    for b in batch_sizes:
        errors = [
            (grad(torch.randperm(len(X), generator=g)[:b]) - full).square().sum()
            for _ in range(draws)
        ]
        out[b] = (torch.stack(errors).mean().sqrt() / full.norm()).item()
    model.zero_grad()
    return out
