"""Monte-Carlo dropout: a network's spread of predictions under random dropout masks.

Taught in "Dropout" (``book/dropout.md``, section on Monte-Carlo dropout).
"""

from __future__ import annotations

import torch
from torch import nn

from .checks import check_int
from .layers import BatchNorm1d

__all__ = ["mc_dropout_predict"]


def mc_dropout_predict(
    model: nn.Module, X: torch.Tensor, samples: int = 100, seed: int = 0
) -> tuple[torch.Tensor, torch.Tensor]:
    r"""Monte-Carlo dropout (Gal and Ghahramani 2016): mean and std over ``samples`` masks.

    The model is run in training mode -- dropout on -- ``samples`` times on the same inputs,
    without gradients; the spread of the outputs estimates the model's uncertainty.  Only the
    dropout layers must be random: a model with batch normalization would also change its
    statistics in training mode, so it is refused.  The model is left in evaluation mode.
    """
    if any(isinstance(m, (BatchNorm1d, nn.BatchNorm1d)) for m in model.modules()):
        raise ValueError("mc_dropout_predict needs a model without batch normalization")
    check_int("samples", samples, minimum=2)
    device = next(model.parameters()).device
    torch.manual_seed(seed)
    model.train()
    with torch.no_grad():
        draws = torch.stack([model(X.to(device)).cpu() for _ in range(samples)])
    model.eval()
    return draws.mean(0), draws.std(0)
