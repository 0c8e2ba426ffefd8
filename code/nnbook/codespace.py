r"""Measures of a code space against the prior a generator would draw codes from.

An autoencoder's decoder can serve as a generator only if the codes one draws land where the
decoder was trained.  Two questions, two measures, for codes :math:`z_i \in \mathbb{R}^k`
of the training images and the prior :math:`p(z) = \mathcal{N}(0, I)`:

- *Does the prior's mass land near the codes?*  :func:`prior_gap_fraction` draws from the
  prior and counts the draws that fall in a gap: farther from every code than almost any code
  is from its nearest neighbour (:func:`gap_radius`).
- *Are the codes distributed like the prior, at least in their first two moments?*
  :func:`gaussian_fit_kl` is the KL divergence from the Gaussian with the codes' mean and
  covariance to :math:`\mathcal{N}(0, I)`; zero exactly when both moments match.

:func:`standardize` gives codes mean 0 and variance 1 per coordinate, the least one would do
before drawing an autoencoder's codes from :math:`\mathcal{N}(0, I)`.
Used in "Autoencoders" (``book/autoencoders.md``) and "Variational autoencoders"
(``book/vae.md``).
"""

from __future__ import annotations

import numpy as np
import torch
from sklearn.neighbors import NearestNeighbors

from .checks import check_int

__all__ = ["gap_radius", "gaussian_fit_kl", "prior_gap_fraction", "standardize"]


def gap_radius(codes: torch.Tensor, quantile: float = 0.99) -> float:
    """The distance beyond which a point counts as lying in a gap of ``codes``.

    The ``quantile`` of the codes' distances to their own nearest neighbour (other than
    themselves): a point farther than this from every code is farther from the data than
    almost any code is from another.  Relative to the codes' own spacing, so it does not
    depend on the scale of the code space.
    """
    points = _as_points(codes)
    if not 0 < quantile <= 1:
        raise ValueError(f"quantile must be in (0, 1], got {quantile!r}")
    own_gap = NearestNeighbors(n_neighbors=2).fit(points).kneighbors(points)[0][:, 1]
    return float(np.quantile(own_gap, quantile))  # column 0 above is the code itself


def prior_gap_fraction(
    codes: torch.Tensor, draws: int = 10_000, quantile: float = 0.99, seed: int = 0
) -> float:
    r"""The fraction of draws :math:`z \sim \mathcal{N}(0, I)` that land in a gap of ``codes``.

    A draw is in a gap when its distance to the nearest code exceeds
    :func:`gap_radius` (``quantile``).  Small means: the prior's mass lies where the codes
    are, so a decoder trained on these codes has seen codes like the ones drawn.  It does not
    say the converse -- codes far outside the prior are never drawn, which is what
    :func:`gaussian_fit_kl` sees.  ``draws`` standard-normal points from a NumPy generator
    seeded with ``seed``.
    """
    points = _as_points(codes)
    check_int("draws", draws)
    check_int("seed", seed, minimum=0)
    radius = gap_radius(codes, quantile)
    z = np.random.default_rng(seed).standard_normal((draws, points.shape[1]))
    nearest = NearestNeighbors(n_neighbors=1).fit(points).kneighbors(z)[0][:, 0]
    return float(np.mean(nearest > radius))


def gaussian_fit_kl(codes: torch.Tensor) -> float:
    r"""KL divergence from the Gaussian fitted to ``codes`` (mean, covariance) to N(0, I), in nats.

    .. math::

        D_{\mathrm{KL}}\bigl(\mathcal{N}(m, S) \,\|\, \mathcal{N}(0, I)\bigr)
        = \tfrac12 \bigl(\operatorname{tr} S + m^\top m - k - \log\det S\bigr)

    with :math:`m` and :math:`S` the sample mean and covariance (divisor :math:`n - 1`) of
    the rows of ``codes``.  Zero exactly when :math:`m = 0` and :math:`S = I`; it compares two
    moments only, so zero does not mean the codes are Gaussian.
    """
    points = _as_points(codes)
    k = points.shape[1]
    m = points.mean(axis=0)
    S = np.atleast_2d(np.cov(points, rowvar=False))
    sign, logdet = np.linalg.slogdet(S)
    if sign <= 0:
        raise ValueError("codes must have a positive definite covariance (not all on a line)")
    return float(0.5 * (np.trace(S) + m @ m - k - logdet))


def standardize(codes: torch.Tensor) -> torch.Tensor:
    """``codes`` shifted and scaled to mean 0 and variance 1 in every coordinate (divisor n)."""
    codes = torch.as_tensor(codes).detach()
    if codes.ndim != 2 or len(codes) < 2:
        raise ValueError(f"codes must have shape (n, k) with n >= 2, got {tuple(codes.shape)}")
    std = codes.std(dim=0, correction=0)
    if not (std > 0).all():
        raise ValueError("every coordinate of codes must vary (a zero variance cannot be scaled)")
    return (codes - codes.mean(dim=0)) / std


def _as_points(codes: torch.Tensor) -> np.ndarray:
    points = torch.as_tensor(codes).detach().cpu().double().numpy()
    if points.ndim != 2:
        raise ValueError(f"codes must have shape (n, k), got {points.shape}")
    if len(points) < 2:
        raise ValueError(f"need at least 2 codes, got {len(points)}")
    return points
