"""Argument checks shared by the package: one place for the rules, precise messages everywhere.

Every public function of :mod:`nnbook` checks what it is given and raises a ``ValueError``
(or ``TypeError`` for a value of the wrong kind) whose message names the argument, the value
received and the rule it breaks, e.g. ``epochs must be an integer >= 1, got 0``.  ``bool`` is
refused wherever a number is expected: ``True`` is an ``int`` to Python, but passing it for a
size or a rate is always a mistake.
"""

from __future__ import annotations

import math
import sys
from numbers import Integral, Real

import numpy as np

__all__ = ["as_column", "as_flat", "check_int", "check_real", "is_integer", "is_real"]


def is_integer(value: object) -> bool:
    """True for a Python or NumPy integer that is not a ``bool``."""
    return isinstance(value, Integral) and not isinstance(value, bool | np.bool_)


def is_real(value: object) -> bool:
    """True for a real number (int, float, NumPy scalar) that is not a ``bool``."""
    return isinstance(value, Real) and not isinstance(value, bool | np.bool_)


def check_int(name: str, value: object, minimum: int = 1) -> int:
    """``value`` as an ``int``; ``ValueError`` unless it is an integer ``>= minimum``."""
    if not is_integer(value) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def check_real(
    name: str,
    value: object,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """``value`` as a ``float``; ``ValueError`` unless it is a finite real number in the
    interval given by ``low``/``high`` (closed unless ``low_open``/``high_open``).

    The message states the interval, e.g. ``p must be a finite number in [0, 1), got 1``.
    """
    lo = "" if low is None else ("(" if low_open else "[") + f"{low:g}"
    hi = "" if high is None else f"{high:g}" + (")" if high_open else "]")
    if low is not None and high is not None:
        rule = f"a finite number in {lo}, {hi}"
    elif low is not None:
        rule = f"a finite number {'>' if low_open else '>='} {low:g}"
    elif high is not None:
        rule = f"a finite number {'<' if high_open else '<='} {high:g}"
    else:
        rule = "a finite number"
    ok = is_real(value) and math.isfinite(value)
    if ok and low is not None:
        ok = value > low if low_open else value >= low
    if ok and high is not None:
        ok = value < high if high_open else value <= high
    if not ok:
        raise ValueError(f"{name} must be {rule}, got {value!r}")
    return float(value)


def _untensor(a):
    """``a`` as a NumPy array if it is a torch tensor, else ``a``.

    torch is not imported here: a tensor exists only once its caller imported torch, and the
    book's Sphinx extensions import this module (through :mod:`nnbook.site`) without needing
    torch's 3 s of import in every build.
    """
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(a, torch.Tensor):
        return a.detach().cpu().numpy()
    return a


def as_column(a, name: str) -> np.ndarray:
    """``a`` (array or tensor of shape ``(n,)`` or ``(n, 1)``) as a finite float64 ``(n,)``
    array; ``ValueError`` naming ``name`` otherwise."""
    a = np.asarray(_untensor(a), dtype=np.float64)
    if a.ndim == 2 and a.shape[1] == 1:
        a = a[:, 0]
    if a.ndim != 1:
        raise ValueError(f"{name} must have shape (n,) or (n, 1), got {a.shape}")
    if not np.isfinite(a).all():
        raise ValueError(f"{name} contains NaN or infinite values")
    return a


def as_flat(a) -> np.ndarray:
    """``a`` (array, tensor or sequence, any shape) as a flat float64 NumPy array."""
    return np.asarray(_untensor(a), dtype=np.float64).reshape(-1)
