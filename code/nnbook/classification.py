"""Probabilities, per-class metrics and the examples a classifier finds easiest and hardest.

The metrics are scikit-learn's (``precision_recall_fscore_support``, ``confusion_matrix``),
not re-written.  Taught in "Classification" (``book/classification.md``,
section ``sec-class-digits``).
"""

from __future__ import annotations

import numpy as np
import torch
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support
from torch import nn

from .checks import as_column, check_int
from .training import labels_from_logits, predict

__all__ = [
    "class_report_rows",
    "confusion",
    "easiest_and_hardest",
    "most_confused_pair",
    "predict_labels",
    "predict_proba",
]


def predict_proba(model: nn.Module, X: torch.Tensor) -> np.ndarray:
    r"""Class probabilities, shape ``(n, C)``, from a model that outputs logits.

    One output :math:`z` (binary): :math:`(1 - \sigma(z), \sigma(z))`, so column ``k`` is
    always the probability of class ``k``.  Several outputs: the softmax of each row.
    """
    logits = predict(model, X)
    if logits.ndim != 2:
        raise ValueError(f"the model's output must be 2-D (n, outputs), got {tuple(logits.shape)}")
    if logits.shape[1] == 1:
        p1 = torch.sigmoid(logits)
        return torch.cat([1 - p1, p1], dim=1).double().numpy()
    return torch.softmax(logits.double(), dim=1).numpy()


def predict_labels(model: nn.Module, X: torch.Tensor) -> np.ndarray:
    """The predicted class of each row of ``X``, as an integer array."""
    return labels_from_logits(predict(model, X)).numpy()


def _labels(y, name: str = "labels") -> np.ndarray:
    y = as_column(y, name)  # an array of shape (n,), finite
    if not np.all(y == np.round(y)) or (len(y) and y.min() < 0):
        raise ValueError(f"{name} must be non-negative integers")
    return y.astype(np.int64)


def class_report_rows(y_true, y_pred, n_classes: int) -> list[list[object]]:
    """Per-class precision, recall, F1 and support, then their macro averages.

    Rows ``[class, precision, recall, F1, support]``, ready for
    :func:`nnbook.tables.markdown_table`; the last row is ``"macro average"`` (the unweighted
    mean over classes) with the total support.  A class never predicted has precision 0
    (``zero_division=0``), which lowers the macro average as it should.
    """
    y_true, y_pred = _labels(y_true, "y_true"), _labels(y_pred, "y_pred")
    if len(y_true) != len(y_pred):
        raise ValueError(f"y_true has {len(y_true)} labels but y_pred has {len(y_pred)}")
    for name, y in (("y_true", y_true), ("y_pred", y_pred)):
        if len(y) and y.max() >= n_classes:
            raise ValueError(f"{name} has label {y.max()}, out of range for {n_classes} classes")
    classes = list(range(n_classes))
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=classes, zero_division=0)
    rows: list[list[object]] = [
        [k, float(p[k]), float(r[k]), float(f[k]), int(s[k])] for k in classes
    ]
    rows.append(["macro average", float(p.mean()), float(r.mean()), float(f.mean()), int(s.sum())])
    return rows


def confusion(y_true, y_pred, n_classes: int) -> np.ndarray:
    """Confusion matrix: entry ``[i, j]`` counts examples of class ``i`` predicted as ``j``."""
    y_true, y_pred = _labels(y_true, "y_true"), _labels(y_pred, "y_pred")
    return confusion_matrix(y_true, y_pred, labels=list(range(n_classes)))


def most_confused_pair(cm: np.ndarray) -> tuple[int, int, int]:
    """``(true class, predicted class, count)`` of the largest off-diagonal entry of ``cm``.

    Ties go to the first entry in row-major order, so the answer is deterministic.
    """
    cm = np.asarray(cm)
    if cm.ndim != 2 or cm.shape[0] != cm.shape[1] or cm.shape[0] < 2:
        raise ValueError(f"cm must be a square matrix of at least 2 x 2, got shape {cm.shape}")
    off = cm.copy()
    np.fill_diagonal(off, -1)
    i, j = np.unravel_index(int(np.argmax(off)), off.shape)
    return int(i), int(j), int(cm[i, j])


def easiest_and_hardest(proba: np.ndarray, y, k: int = 3) -> tuple[np.ndarray, np.ndarray]:
    r"""The ``k`` examples the model finds easiest and the ``k`` it finds hardest.

    Both are ranked by the model's confidence :math:`p(\hat y \mid x)` in its own prediction
    :math:`\hat y = \arg\max_k p(k \mid x)`: the *easiest* are the correctly classified
    examples with the highest confidence, the *hardest* the misclassified examples with the
    highest confidence (confidently wrong).  Ties are broken by the example's index, so the
    selection is deterministic.  Fewer than ``k`` are returned when there are fewer correct
    (or wrong) examples.

    Returns
    -------
    easiest, hardest : ndarray of int
        Indices into ``proba``, most confident first.
    """
    proba = np.asarray(proba, dtype=np.float64)
    y = _labels(y, "y")
    if proba.ndim != 2 or len(proba) != len(y):
        raise ValueError(f"proba must have shape (n, C) with n = {len(y)}, got {proba.shape}")
    if len(y) and y.max() >= proba.shape[1]:
        raise ValueError(f"label {y.max()} is out of range for {proba.shape[1]} classes")
    check_int("k", k)
    y_hat = proba.argmax(axis=1)
    confidence = proba[np.arange(len(y)), y_hat]
    order = np.argsort(-confidence, kind="stable")  # most confident first, ties by index
    correct = y_hat[order] == y[order]
    return order[correct][:k], order[~correct][:k]
