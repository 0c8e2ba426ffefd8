"""Seeds and devices: what makes a run repeatable and where it runs.

Taught in the chapter "Training a network" (``book/training-loop.md``, section
``sec-training-device``).
"""

from __future__ import annotations

import random

import numpy as np
import torch

from .checks import is_integer

__all__ = ["get_device", "seed_everything"]


def seed_everything(seed: int) -> torch.Generator:
    """Seed Python's, NumPy's and PyTorch's random number generators.

    Parameters
    ----------
    seed
        A non-negative integer.

    Returns
    -------
    torch.Generator
        A fresh CPU generator seeded with ``seed``, for code (such as a ``DataLoader``)
        that should draw from its own stream rather than the global one.
    """
    if not is_integer(seed):
        raise TypeError(f"seed must be an int, got {type(seed).__name__}: {seed!r}")
    if seed < 0:
        raise ValueError(f"seed must be non-negative, got {seed}")
    seed = int(seed)
    random.seed(seed)
    np.random.seed(seed)  # noqa: NPY002 -- seeding the legacy global state is the point here
    torch.manual_seed(seed)  # also seeds every CUDA device
    return torch.Generator().manual_seed(seed)


def get_device(device: str | torch.device | None = None) -> torch.device:
    """Return the device to compute on: CUDA when present, otherwise the CPU.

    Parameters
    ----------
    device
        ``None`` to choose automatically, or an explicit device such as ``"cpu"`` or
        ``"cuda:0"``.  Asking for CUDA on a machine without it raises ``ValueError``
        instead of failing later inside PyTorch.
    """
    if device is None:
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        dev = torch.device(device)
    except (RuntimeError, TypeError) as err:
        raise ValueError(f"Invalid device: {device!r}") from err
    if dev.type == "cuda" and not torch.cuda.is_available():
        raise ValueError(f"device={device!r} was requested but CUDA is not available here")
    return dev
