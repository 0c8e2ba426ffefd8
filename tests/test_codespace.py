"""Tests for nnbook.codespace: the gap radius, prior draws in gaps, the Gaussian-fit KL."""

import math

import pytest
import torch

from nnbook.codespace import gap_radius, gaussian_fit_kl, prior_gap_fraction, standardize


def lattice(spacing=0.05, half_width=4.0):
    t = torch.arange(-half_width, half_width + spacing / 2, spacing, dtype=torch.float64)
    return torch.cartesian_prod(t, t)


def test_gap_radius_of_a_lattice_is_its_spacing():
    assert gap_radius(lattice(0.05)) == pytest.approx(0.05, rel=1e-9)
    with pytest.raises(ValueError, match="quantile must be in"):
        gap_radius(lattice(), quantile=1.5)
    with pytest.raises(ValueError, match="need at least 2 codes"):
        gap_radius(torch.zeros(1, 2))
    with pytest.raises(ValueError, match=r"codes must have shape \(n, k\)"):
        gap_radius(torch.zeros(5))


def test_prior_gap_fraction_is_the_prior_mass_of_a_hole():
    # a lattice filling [-4, 4]^2 leaves out only the prior's far tails (mass < 1e-3)
    full = lattice(0.05)
    assert prior_gap_fraction(full, draws=20_000) < 0.001
    # removing the codes inside the circle of radius 1 opens a hole of radius 1 - 0.05 (a
    # point within the spacing of the rim is still near a code): prior mass 1 - exp(-r^2 / 2)
    holed = full[full.norm(dim=1) >= 1]
    expected = 1 - math.exp(-(0.95**2) / 2)
    assert prior_gap_fraction(holed, draws=20_000) == pytest.approx(expected, abs=0.015)
    # codes on a scale 10 times too small fill only [-0.4, 0.4]^2 (grown by the spacing
    # 0.005): every draw outside that square is in a gap
    inside = math.erf(0.405 / math.sqrt(2)) ** 2
    assert prior_gap_fraction(full / 10, draws=20_000) == pytest.approx(1 - inside, abs=0.01)
    # seeded: the same draws each time, other draws for another seed
    assert prior_gap_fraction(holed, seed=3) == prior_gap_fraction(holed, seed=3)
    assert prior_gap_fraction(holed, seed=3) != prior_gap_fraction(holed, seed=4)
    with pytest.raises(ValueError, match="draws must be an integer >= 1"):
        prior_gap_fraction(full, draws=0)


@pytest.mark.parametrize("k", [1, 2, 3])
def test_gaussian_fit_kl_equals_torch_for_the_sample_moments(k):
    g = torch.Generator().manual_seed(k)
    codes = torch.randn(200, k, generator=g, dtype=torch.float64) @ torch.randn(
        k, k, generator=g, dtype=torch.float64
    ) + torch.randn(k, generator=g, dtype=torch.float64)
    mean, cov = codes.mean(0), torch.cov(codes.T).reshape(k, k)
    fitted = torch.distributions.MultivariateNormal(mean, cov)
    prior = torch.distributions.MultivariateNormal(
        torch.zeros(k, dtype=torch.float64), torch.eye(k, dtype=torch.float64)
    )
    expected = torch.distributions.kl_divergence(fitted, prior).item()
    assert gaussian_fit_kl(codes) == pytest.approx(expected, rel=1e-10)


def test_gaussian_fit_kl_is_zero_exactly_when_the_moments_match():
    g = torch.Generator().manual_seed(0)
    codes = torch.randn(100, 2, generator=g, dtype=torch.float64)
    # whiten exactly: sample mean 0 and sample covariance I
    centred = codes - codes.mean(0)
    whitened = centred @ torch.linalg.inv(torch.linalg.cholesky(torch.cov(centred.T))).T
    assert gaussian_fit_kl(whitened) == pytest.approx(0.0, abs=1e-12)
    assert gaussian_fit_kl(whitened + 0.1) > 0 and gaussian_fit_kl(2 * whitened) > 0
    with pytest.raises(ValueError, match="positive definite covariance"):
        gaussian_fit_kl(torch.stack([codes[:, 0], 2 * codes[:, 0]], dim=1))


def test_standardize_gives_mean_zero_and_unit_variance():
    g = torch.Generator().manual_seed(0)
    codes = 3 * torch.randn(50, 3, generator=g, dtype=torch.float64) + 5
    z = standardize(codes)
    assert torch.allclose(z.mean(0), torch.zeros(3, dtype=torch.float64), atol=1e-12)
    assert torch.allclose(z.var(0, correction=0), torch.ones(3, dtype=torch.float64))
    # the same as batch normalization's training-mode normalization without eps
    reference = torch.nn.functional.batch_norm(codes, None, None, training=True, eps=1e-30)
    assert torch.allclose(z, reference, atol=1e-12)
    with pytest.raises(ValueError, match="every coordinate of codes must vary"):
        standardize(torch.ones(4, 2))
    with pytest.raises(ValueError, match="codes must have shape"):
        standardize(torch.ones(1, 2))
