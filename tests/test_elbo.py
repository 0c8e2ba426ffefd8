"""Tests for nnbook.elbo: the closed-form KL against torch.distributions and Monte Carlo,
the losses against torch's, and the ELBO as a lower bound of an exactly computed log p(x)."""

import itertools
import math

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from nnbook.autoencoders import VAE
from nnbook.elbo import (
    VAELoss,
    kl_to_standard_normal,
    log_likelihood,
    negative_elbo,
    reconstruction_loss,
)
from nnbook.runtime import seed_everything

Normal = torch.distributions.Normal


def gaussians(n=8, k=3, seed=0, scale=1.5):
    g = torch.Generator().manual_seed(seed)
    mu = scale * torch.randn(n, k, generator=g, dtype=torch.float64)
    logvar = scale * torch.randn(n, k, generator=g, dtype=torch.float64)
    return mu, logvar


@pytest.mark.parametrize("seed", range(5))
def test_kl_equals_torch_distributions(seed):
    mu, logvar = gaussians(seed=seed)
    ours = kl_to_standard_normal(mu, logvar)
    q = Normal(mu, torch.exp(logvar / 2))
    p = Normal(torch.zeros_like(mu), torch.ones_like(mu))
    torch.testing.assert_close(
        ours, torch.distributions.kl_divergence(q, p).sum(-1), rtol=1e-12, atol=1e-12
    )


@pytest.mark.parametrize("seed", range(3))
def test_kl_equals_a_monte_carlo_estimate_within_4_standard_errors(seed):
    mu, logvar = gaussians(n=4, k=2, seed=seed, scale=1.0)
    q = Normal(mu, torch.exp(logvar / 2))
    p = Normal(torch.zeros_like(mu), torch.ones_like(mu))
    torch.manual_seed(seed)
    z = q.sample((200_000,))  # (samples, n, k)
    log_ratio = (q.log_prob(z) - p.log_prob(z)).sum(-1)  # KL = E_q[log q - log p]
    estimate, se = log_ratio.mean(0), log_ratio.std(0) / math.sqrt(len(z))
    assert ((kl_to_standard_normal(mu, logvar) - estimate).abs() < 4 * se).all()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(-20, 20), min_size=1, max_size=6),
    st.lists(st.floats(-10, 10), min_size=1, max_size=6),
)
def test_kl_is_never_negative(mus, logvars):
    k = min(len(mus), len(logvars))
    mu = torch.tensor(mus[:k], dtype=torch.float64)
    logvar = torch.tensor(logvars[:k], dtype=torch.float64)
    assert kl_to_standard_normal(mu, logvar).item() >= 0


def test_kl_is_zero_exactly_at_the_prior():
    assert kl_to_standard_normal(torch.zeros(3, 4), torch.zeros(3, 4)).eq(0).all()
    assert (kl_to_standard_normal(torch.full((1, 4), 1e-3), torch.zeros(1, 4)) > 0).all()


def test_reconstruction_losses_equal_torch_sums_per_example():
    g = torch.Generator().manual_seed(0)
    x = torch.rand(5, 7, generator=g, dtype=torch.float64)
    x_hat = torch.rand(5, 7, generator=g, dtype=torch.float64)
    bce = F.binary_cross_entropy(x_hat, x, reduction="sum") / 5
    mse = F.mse_loss(x_hat, x, reduction="sum") / 5
    torch.testing.assert_close(reconstruction_loss(x_hat, x, "bce"), bce, rtol=1e-14, atol=0)
    torch.testing.assert_close(reconstruction_loss(x_hat, x, "mse"), mse, rtol=1e-14, atol=0)


@pytest.mark.parametrize(
    "x_hat, x, kind, message",
    [
        (torch.rand(2, 3), torch.rand(2, 4), "bce", r"x_hat shape \(2, 3\) differs from x shape"),
        (torch.rand(2, 3), torch.rand(2, 3) + 1.5, "bce", r"needs x in \[0, 1\]"),
        (torch.rand(2, 3) - 2, torch.rand(2, 3), "bce", r"needs x_hat in \[0, 1\]"),
        (torch.rand(2, 3), torch.rand(2, 3), "l1", "kind must be 'bce' or 'mse', got 'l1'"),
        (torch.rand(6), torch.rand(6), "mse", "x must be 2-D"),
    ],
)
def test_reconstruction_loss_rejects_bad_input(x_hat, x, kind, message):
    with pytest.raises(ValueError, match=message):
        reconstruction_loss(x_hat, x, kind)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"beta": -1.0}, "beta must be a finite number >= 0, got -1.0"),
        ({"beta": float("nan")}, "beta must be a finite number >= 0, got nan"),
        ({"beta": float("inf")}, "beta must be a finite number >= 0, got inf"),
        ({"reconstruction": "l1"}, "reconstruction must be 'bce' or 'mse'"),
    ],
)
def test_vae_loss_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        VAELoss(**kwargs)


def test_vae_loss_is_reconstruction_plus_beta_kl():
    mu, logvar = gaussians(n=5, k=2)
    g = torch.Generator().manual_seed(2)
    x, x_hat = (torch.rand(5, 4, generator=g, dtype=torch.float64) for _ in range(2))
    for beta in (0.0, 1.0, 4.0):
        expected = reconstruction_loss(x_hat, x) + beta * kl_to_standard_normal(mu, logvar).mean()
        torch.testing.assert_close(VAELoss(beta)((x_hat, mu, logvar), x), expected)
    with pytest.raises(TypeError, match=r"expects the VAE's output \(x_hat, mu, logvar\)"):
        VAELoss()(x_hat, x)


def tiny_vae():
    """A VAE on 3 binary pixels with a 1-D latent: log p(x) is an integral over one axis."""
    seed_everything(0)
    model = VAE(3, (4,), 1).double()
    with torch.no_grad():
        for p in model.decoder.parameters():  # a decoder that depends strongly on z
            p.mul_(3.0)
        # q(z|x) wider than the prior (sigma^2 = e): the importance weights p(x,z)/q(z|x)
        # are then bounded, so the importance-sampling estimate converges quickly
        model.logvar_head.weight.zero_()
        model.logvar_head.bias.fill_(1.0)
    return model


def log_px_by_quadrature(model, x):
    """log p(x) = log of the integral of p(x|z) N(z; 0, 1) dz, trapezoid rule on [-10, 10]."""
    z = torch.linspace(-10, 10, 40_001, dtype=torch.float64)[:, None]
    with torch.no_grad():
        x_hat = model.decode(z)
    log_px_z = -F.binary_cross_entropy(x_hat, x.expand_as(x_hat), reduction="none").sum(1)
    log_pz = Normal(0.0, 1.0).log_prob(z[:, 0])
    return torch.log(torch.trapezoid(torch.exp(log_px_z + log_pz), z[:, 0]))


def test_quadrature_probabilities_sum_to_one_over_all_binary_images():
    model = tiny_vae()
    images = torch.tensor(list(itertools.product([0.0, 1.0], repeat=3)), dtype=torch.float64)
    total = sum(torch.exp(log_px_by_quadrature(model, x)) for x in images)
    assert abs(total.item() - 1) < 1e-9


def test_elbo_is_a_lower_bound_and_importance_sampling_recovers_log_px():
    model = tiny_vae()
    images = torch.tensor(list(itertools.product([0.0, 1.0], repeat=3)), dtype=torch.float64)
    exact = torch.stack([log_px_by_quadrature(model, x) for x in images])
    for k, x in enumerate(images):
        elbo = -negative_elbo(model, x[None], samples=20_000, seed=k)
        # the Monte-Carlo error of 20,000 samples is ~1e-3 here; the bound holds with room
        assert elbo <= exact[k].item() + 5e-3
    # The importance weights' std / mean is at most 2.1 here (measured with 10^6 samples), so
    # the standard error of the log-estimate with 100,000 samples is <= 0.0066: 0.03 is 4.5 SE.
    estimate = log_likelihood(model, images, samples=100_000)
    torch.testing.assert_close(estimate, exact, rtol=0, atol=0.03)
    gaps = exact - torch.tensor(
        [-negative_elbo(model, x[None], samples=20_000) for x in images], dtype=torch.float64
    )
    assert gaps.min() > 0.1  # a real gap: q(z|x) is far from the posterior on this model


@pytest.mark.parametrize("fn", [negative_elbo, log_likelihood])
def test_estimators_reject_bad_sample_counts(fn):
    with pytest.raises(ValueError, match="samples must be an integer >= 1, got 0"):
        fn(tiny_vae(), torch.zeros(1, 3, dtype=torch.float64), samples=0)
