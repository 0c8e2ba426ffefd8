"""Tests for nnbook.autoencoders: shapes, errors, the reparameterization's gradients,
the latent grid, and training (loss goes down, same seed gives the same result)."""

import pytest
import torch
from torch import nn

from nnbook.autoencoders import (
    VAE,
    AutoEncoder,
    decode_grid,
    latent_grid,
    pca_reconstruction_mse,
    reparameterize,
)
from nnbook.data import load_digits_unit
from nnbook.elbo import VAELoss
from nnbook.runtime import seed_everything
from nnbook.training import fit


def toy_images(n=64, d=16, seed=0):
    g = torch.Generator().manual_seed(seed)
    return torch.rand(n, d, generator=g)


@pytest.mark.parametrize("cls", [AutoEncoder, VAE])
@pytest.mark.parametrize("hidden, latent", [((8,), 1), ((12, 6), 3)])
def test_shapes_and_output_range(cls, hidden, latent):
    model = cls(16, hidden, latent)
    x = toy_images(5)
    out = model(x)
    x_hat = out[0] if cls is VAE else out
    assert x_hat.shape == (5, 16)
    assert ((x_hat > 0) & (x_hat < 1)).all()  # the sigmoid output
    if cls is VAE:
        assert out[1].shape == out[2].shape == (5, latent)
        assert model.sample(7).shape == (7, 16)
        assert model.reconstruct(x).shape == (5, 16)
    else:
        assert model.encode(x).shape == (5, latent)


@pytest.mark.parametrize("cls", [AutoEncoder, VAE])
@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"latent_size": 0}, "latent_size must be an integer >= 1, got 0"),
        ({"latent_size": 1.5}, "latent_size must be an integer >= 1"),
        ({"hidden_sizes": ()}, "hidden_sizes must be one or more positive integers"),
        ({"hidden_sizes": (4, 0)}, "hidden_sizes must be an integer >= 1, got 0"),
    ],
)
def test_bad_sizes_raise(cls, kwargs, message):
    with pytest.raises(ValueError, match=message):
        cls(16, **kwargs)


@pytest.mark.parametrize("cls", [AutoEncoder, VAE])
def test_bad_input_shapes_raise(cls):
    model = cls(16, (8,), 2)
    with pytest.raises(ValueError, match=r"x must have shape \(batch, 16\), got \(4, 15\)"):
        model(torch.rand(4, 15))
    with pytest.raises(ValueError, match=r"x must have shape \(batch, 16\), got \(16,\)"):
        model(torch.rand(16))
    with pytest.raises(ValueError, match=r"z must have shape \(batch, 2\)"):
        model.decode(torch.rand(3, 3))
    with pytest.raises(TypeError, match=r"x must be a torch\.Tensor"):
        model([[0.0] * 16])


def test_sample_rejects_bad_n():
    with pytest.raises(ValueError, match="n must be an integer >= 1, got 0"):
        VAE(16, (8,), 2).sample(0)


def test_reparameterization_gradients_are_analytic():
    g = torch.Generator().manual_seed(1)
    mu = torch.randn(6, 3, generator=g, dtype=torch.float64, requires_grad=True)
    logvar = torch.randn(6, 3, generator=g, dtype=torch.float64, requires_grad=True)
    eps = torch.randn(6, 3, generator=g, dtype=torch.float64)
    upstream = torch.randn(6, 3, generator=g, dtype=torch.float64)
    z = reparameterize(mu, logvar, eps)
    torch.testing.assert_close(z, mu + torch.exp(logvar / 2) * eps, rtol=0, atol=1e-15)
    z.backward(upstream)
    # dz/dmu = 1, dz/dlogvar = sigma * eps / 2
    torch.testing.assert_close(mu.grad, upstream, rtol=0, atol=1e-15)
    expected = upstream * 0.5 * torch.exp(logvar.detach() / 2) * eps
    torch.testing.assert_close(logvar.grad, expected, rtol=1e-14, atol=1e-15)


def test_reparameterized_samples_have_the_right_moments():
    torch.manual_seed(0)
    mu, logvar = torch.tensor([1.5, -2.0]), torch.tensor([0.0, 2.0 * torch.log(torch.tensor(0.5))])
    z = reparameterize(mu.expand(200_000, 2), logvar.expand(200_000, 2))
    n = len(z)
    std = torch.exp(logvar / 2)
    assert ((z.mean(0) - mu).abs() < 4 * std / n**0.5).all()
    # the standard error of a sample variance of a normal is sigma^2 sqrt(2 / (n - 1))
    assert ((z.var(0) - std**2).abs() < 4 * std**2 * (2 / (n - 1)) ** 0.5).all()


def test_reparameterize_rejects_mismatched_shapes():
    with pytest.raises(ValueError, match=r"mu and logvar must have the same shape"):
        reparameterize(torch.zeros(2, 3), torch.zeros(2, 2))


def test_latent_grid_spans_the_widened_range_in_reading_order():
    codes = torch.tensor([[0.0, -1.0], [2.0, 3.0], [1.0, 0.0]])
    grid = latent_grid(codes, n=3, widen=0.5)
    assert grid.shape == (9, 2)
    # z1 range [0, 2] widened by 50 %: [-0.5, 2.5]; z2 range [-1, 3]: [-2, 4]
    torch.testing.assert_close(grid[:3, 0], torch.tensor([-0.5, 1.0, 2.5], dtype=torch.float64))
    torch.testing.assert_close(grid[::3, 1], torch.tensor([4.0, 1.0, -2.0], dtype=torch.float64))
    assert (grid[:3, 1] == 4.0).all()  # the first row is the top of the plot


@pytest.mark.parametrize(
    "codes, kwargs, message",
    [
        (torch.zeros(4, 3), {}, r"codes must have shape \(n, 2\)"),
        (torch.zeros(4, 2), {"n": 1}, "n must be an integer >= 2"),
        (torch.zeros(4, 2), {"widen": -0.1}, "widen must be >= 0"),
    ],
)
def test_latent_grid_rejects_bad_arguments(codes, kwargs, message):
    with pytest.raises(ValueError, match=message):
        latent_grid(codes, **kwargs)


def test_decode_grid_decodes_each_code():
    seed_everything(0)
    model = AutoEncoder(16, (8,), 2)
    grid = latent_grid(torch.randn(20, 2), n=4)
    images = decode_grid(model, grid)
    with torch.no_grad():
        expected = model.decode(grid.float())
    torch.testing.assert_close(images, expected)
    with pytest.raises(ValueError, match=r"grid must have shape \(batch, 2\)"):
        decode_grid(model, torch.zeros(4, 3))


def train(cls, loss_fn, seed):
    X = torch.as_tensor(load_digits_unit()[0][:200], dtype=torch.float32)
    seed_everything(seed)
    model = cls(64, (16,), 2)
    history = fit(model, X, X, X[:32], X[:32], epochs=15, lr=1e-2, loss_fn=loss_fn, seed=seed)
    return model, history


@pytest.mark.parametrize("cls, loss_fn", [(AutoEncoder, nn.MSELoss()), (VAE, VAELoss())])
def test_training_reduces_the_loss_and_repeats_exactly(cls, loss_fn):
    model_a, hist_a = train(cls, loss_fn, seed=3)
    model_b, hist_b = train(cls, loss_fn, seed=3)
    assert hist_a.train_loss[-1] < 0.8 * hist_a.train_loss[0]
    assert hist_a.train_loss == hist_b.train_loss and hist_a.test_loss == hist_b.test_loss
    for p, q in zip(model_a.parameters(), model_b.parameters(), strict=True):
        assert torch.equal(p, q)
    _, hist_c = train(cls, loss_fn, seed=4)
    assert hist_c.train_loss != hist_a.train_loss


def test_pca_reconstruction_error_is_the_top_k_projection():
    g = torch.Generator().manual_seed(0)
    X_train = torch.randn(200, 6, generator=g, dtype=torch.float64) * torch.arange(1.0, 7.0)
    X_test = torch.randn(50, 6, generator=g, dtype=torch.float64) * torch.arange(1.0, 7.0)
    mean = X_train.mean(0)
    _, _, vt = torch.linalg.svd(X_train - mean, full_matrices=False)
    errors = []
    for k in range(1, 7):
        v = vt[:k].T  # the top k principal directions
        rebuilt = mean + (X_test - mean) @ v @ v.T
        expected = ((rebuilt - X_test) ** 2).mean().item()
        errors.append(pca_reconstruction_mse(X_train, X_test, k))
        assert errors[-1] == pytest.approx(expected, rel=1e-10, abs=1e-12)
    assert errors == sorted(errors, reverse=True) and errors[-1] < 1e-20  # k = d: exact


def test_without_reparameterization_only_the_kl_term_trains_the_encoder():
    x = toy_images(8)
    seed_everything(0)
    plain = VAE(16, (8,), 2, reparameterized=False)
    seed_everything(0)
    reparameterized = VAE(16, (8,), 2)
    torch.manual_seed(1)
    x_hat, mu, logvar = plain(x)
    torch.manual_seed(1)
    assert torch.equal(x_hat, reparameterized(x)[0])  # the same draw, the same output
    # the reconstruction term reaches the decoder but not the encoder
    VAELoss(beta=0.0)((x_hat, mu, logvar), x).backward()
    encoder = [*plain.body.parameters(), *plain.mu_head.parameters()]
    assert all(p.grad is None or not p.grad.any() for p in encoder)
    assert all(p.grad is not None and p.grad.any() for p in plain.decoder.parameters())
    # the KL term does reach it: it depends on mu and logvar directly
    plain.zero_grad()
    x_hat, mu, logvar = plain(x)
    VAELoss()((x_hat, mu, logvar), x).backward()
    assert all(p.grad is not None and p.grad.any() for p in encoder)
    with pytest.raises(TypeError, match="reparameterized must be True or False, got 1"):
        VAE(16, (8,), 2, reparameterized=1)
