"""Regression metrics, from scikit-learn (not re-written), and the mean and spread over seeds.

Taught in "Training a network" (``book/training-loop.md``, section ``sec-training-metrics``).
"""

from __future__ import annotations

import numpy as np
from sklearn.metrics import mean_absolute_error, r2_score, root_mean_squared_error

from .checks import as_column

__all__ = ["mean_and_std", "regression_metrics"]


def regression_metrics(y_true, y_pred) -> dict[str, float]:
    r"""MAE, RMSE and :math:`R^2` of a prediction.

    .. math::

        \mathrm{MAE} = \frac{1}{n}\sum_i |y_i - \hat y_i|, \quad
        \mathrm{RMSE} = \sqrt{\frac{1}{n}\sum_i (y_i - \hat y_i)^2}, \quad
        R^2 = 1 - \frac{\sum_i (y_i - \hat y_i)^2}{\sum_i (y_i - \bar y)^2}

    Parameters
    ----------
    y_true, y_pred
        Arrays or tensors of the same shape, ``(n,)`` or ``(n, 1)``, finite, ``n >= 2``.

    Returns
    -------
    dict
        ``{"MAE": ..., "RMSE": ..., "R2": ...}`` as Python floats.
    """
    y_true = as_column(y_true, "y_true")
    y_pred = as_column(y_pred, "y_pred")
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true has shape {y_true.shape} but y_pred has shape {y_pred.shape}")
    if len(y_true) < 2:
        raise ValueError(f"need at least 2 samples, got {len(y_true)}")
    return {
        "MAE": float(mean_absolute_error(y_true, y_pred)),
        "RMSE": float(root_mean_squared_error(y_true, y_pred)),
        "R2": float(r2_score(y_true, y_pred)),
    }


def mean_and_std(values) -> tuple[float, float]:
    """Mean and sample standard deviation (ddof=1; 0 for a single value) of repeated runs."""
    a = np.asarray(values, dtype=np.float64).reshape(-1)
    if len(a) == 0:
        raise ValueError("mean_and_std needs at least one value")
    return float(a.mean()), float(a.std(ddof=1)) if len(a) > 1 else 0.0
