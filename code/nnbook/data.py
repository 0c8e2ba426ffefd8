"""Data sets for the chapters: synthetic regression data, splits, and scikit-learn's digits.

Nothing here downloads anything: the regression data is generated, and the digits ship
with scikit-learn.  Taught in "Training a network" (``book/training-loop.md``).
"""

from __future__ import annotations

import numpy as np
import torch
from sklearn.datasets import load_digits as _sklearn_load_digits
from sklearn.datasets import make_blobs, make_circles
from sklearn.model_selection import train_test_split

from .checks import check_real

__all__ = [
    "load_digits_unit",
    "make_binary_data",
    "make_regression_data",
    "split_three_ways",
    "split_to_tensors",
]


def make_regression_data(
    n_samples: int = 500, n_features: int = 1, noise: float = 0.1, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    r"""Draw a nonlinear regression problem.

    .. math::

        x_j \sim \mathcal{U}(-3, 3), \qquad
        y = \sum_{j=1}^{d} \frac{\sin x_j}{j} + \varepsilon, \qquad
        \varepsilon \sim \mathcal{N}(0, \sigma^2)

    The first feature matters most, the last least, so a model has something to find
    in every feature but not equally much.

    Parameters
    ----------
    n_samples
        Number of rows, at least 2.
    n_features
        Number of input features :math:`d`, at least 1.
    noise
        Standard deviation :math:`\sigma` of the additive Gaussian noise, at least 0.
    seed
        Seed of the generator; the same seed gives the same data.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features), float64
    y : ndarray of shape (n_samples, 1), float64
        A column, the shape a model with one output produces.
    """
    if not isinstance(n_samples, (int, np.integer)) or n_samples < 2:
        raise ValueError(f"n_samples must be an integer >= 2, got {n_samples!r}")
    if not isinstance(n_features, (int, np.integer)) or n_features < 1:
        raise ValueError(f"n_features must be an integer >= 1, got {n_features!r}")
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a finite number >= 0, got {noise!r}")
    rng = np.random.default_rng(seed)
    X = rng.uniform(-3.0, 3.0, size=(n_samples, n_features))
    weights = 1.0 / np.arange(1, n_features + 1)
    y = np.sin(X) @ weights + noise * rng.standard_normal(n_samples)
    return X, y[:, None]


def split_to_tensors(
    X: np.ndarray,
    y: np.ndarray,
    test_size: float = 0.25,
    seed: int = 0,
    dtype: torch.dtype = torch.float32,
    stratify: bool = False,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """Split arrays into training and test sets and convert them to tensors.

    The split is scikit-learn's ``train_test_split`` with a fixed ``random_state``.
    Floating-point features become ``dtype``; integer targets (class labels) stay
    integers (``torch.int64``), floating-point targets become ``dtype``.

    Returns
    -------
    X_train, X_test, y_train, y_test : torch.Tensor
    """
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (samples x features), got shape {X.shape}")
    if len(X) != len(y):
        raise ValueError(f"X and y must have the same length, got {len(X)} and {len(y)}")
    if not 0.0 < test_size < 1.0:
        raise ValueError(f"test_size must be in (0, 1), got {test_size!r}")
    X_tr, X_te, y_tr, y_te = train_test_split(
        X, y, test_size=test_size, random_state=seed, stratify=y if stratify else None
    )

    def target(a: np.ndarray) -> torch.Tensor:
        if np.issubdtype(a.dtype, np.integer):
            return torch.as_tensor(a, dtype=torch.int64)
        return torch.as_tensor(a, dtype=dtype)

    return (
        torch.as_tensor(X_tr, dtype=dtype),
        torch.as_tensor(X_te, dtype=dtype),
        target(y_tr),
        target(y_te),
    )


def split_three_ways(
    X: np.ndarray,
    y: np.ndarray,
    val_size: float = 0.2,
    test_size: float = 0.2,
    seed: int = 0,
    dtype: torch.dtype = torch.float32,
    stratify: bool = False,
) -> tuple[torch.Tensor, ...]:
    """Split arrays into training, validation and test sets, as tensors.

    Anything a chapter *chooses* (a learning rate, a dropout rate, a number of epochs) is
    chosen on the validation set; the test set is used once, for the chosen setting, so that
    the number reported is not tuned to it.  The test set is taken first, then the validation
    set from the rest, both with scikit-learn's ``train_test_split`` (``stratify=True`` keeps
    the class proportions of ``y`` in all three), seeded by ``seed``.

    Parameters
    ----------
    X, y
        Features (2-D) and targets, one row each.
    val_size, test_size
        Fractions of the whole data set, each in (0, 1), summing to less than 1.
    seed
        Seed of both splits.
    dtype
        dtype of the features and of floating-point targets (integer labels stay int64).
    stratify
        Keep the class proportions of ``y`` in the three sets.

    Returns
    -------
    X_train, X_val, X_test, y_train, y_val, y_test : torch.Tensor
    """
    for name, size in (("val_size", val_size), ("test_size", test_size)):
        check_real(name, size, low=0, high=1, low_open=True, high_open=True)
    if not val_size + test_size < 1:
        raise ValueError(
            f"val_size + test_size must be < 1 (something must be left to train on), "
            f"got {val_size} + {test_size}"
        )
    X_rest, X_test, y_rest, y_test = split_to_tensors(
        X, y, test_size=test_size, seed=seed, dtype=dtype, stratify=stratify
    )
    X_train, X_val, y_train, y_val = split_to_tensors(
        X_rest.numpy(), y_rest.numpy(), test_size=val_size / (1 - test_size), seed=seed,
        dtype=dtype, stratify=stratify,
    )  # fmt: skip
    return X_train, X_val, X_test, y_train, y_val, y_test


def load_digits_unit() -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's bundled handwritten digits, pixel values scaled to [0, 1].

    1,797 images of 8 x 8 pixels whose raw values are integers 0-16; dividing by 16
    maps them onto [0, 1], the range a sigmoid output (or a binary cross-entropy) needs.

    Returns
    -------
    X : ndarray of shape (1797, 64), float64 in [0, 1]
        One flattened image per row; ``X[i].reshape(8, 8)`` is the picture.
    y : ndarray of shape (1797,), int64
        The digit 0-9.
    """
    digits = _sklearn_load_digits()
    return digits.data / 16.0, digits.target.astype(np.int64)


def make_binary_data(
    kind: str, n_samples: int = 100, noise: float = 0.1, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Two-class problems in the plane, from scikit-learn's generators.

    ``"blobs"``: two Gaussian clusters (standard deviation 0.6) that a straight line
    separates, ``make_blobs(centers=2, cluster_std=0.6)``; ``noise`` is not used.
    ``"circles"``: a small circle inside a large one, ``make_circles(factor=0.1,
    noise=noise)``, which no straight line separates.
    Taught in "Classification" (``book/classification.md``).

    Returns
    -------
    X : ndarray of shape (n_samples, 2), float64
    y : ndarray of shape (n_samples, 1), float64 of 0.0 and 1.0
        A column, the shape and type ``BCEWithLogitsLoss`` expects of a one-output model.
    """
    if not isinstance(n_samples, (int, np.integer)) or n_samples < 2:
        raise ValueError(f"n_samples must be an integer >= 2, got {n_samples!r}")
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a finite number >= 0, got {noise!r}")
    if kind == "blobs":
        X, y = make_blobs(n_samples=n_samples, centers=2, cluster_std=0.6, random_state=seed)
    elif kind == "circles":
        X, y = make_circles(n_samples=n_samples, factor=0.1, noise=noise, random_state=seed)
    else:
        raise ValueError(f"kind must be 'blobs' or 'circles', got {kind!r}")
    return X.astype(np.float64), y.astype(np.float64)[:, None]
