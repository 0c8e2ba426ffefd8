"""Autoencoders and variational autoencoders built from fully connected layers.

Taught in "Autoencoders" (``book/autoencoders.md``) and "Variational autoencoders"
(``book/vae.md``).  Their losses are in :mod:`nnbook.elbo`.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np
import torch
from sklearn.decomposition import PCA
from torch import nn

from .checks import check_int
from .training import predict

__all__ = [
    "VAE",
    "AutoEncoder",
    "decode_grid",
    "latent_grid",
    "pca_reconstruction_mse",
    "reparameterize",
]


class AutoEncoder(nn.Module):
    r"""An encoder to a small code and a decoder back, both multi-layer perceptrons.

    .. math::

        z = f_\phi(x) \in \mathbb{R}^{k}, \qquad \hat x = g_\theta(z) \in [0, 1]^{d}

    The encoder has ReLU hidden layers of ``hidden_sizes`` and a linear output of
    ``latent_size`` units (the code may take any real value); the decoder mirrors it, hidden
    sizes reversed, and ends in a sigmoid because the pixels it reconstructs lie in [0, 1].

    Parameters
    ----------
    n_inputs
        Number of input features :math:`d` (64 for the 8 x 8 digits).
    hidden_sizes
        Widths of the encoder's hidden layers, e.g. ``(32,)``; the decoder uses them reversed.
    latent_size
        Size :math:`k` of the code, the bottleneck; at least 1.
    """

    def __init__(self, n_inputs: int, hidden_sizes: Sequence[int] = (32,), latent_size: int = 2):
        super().__init__()
        hidden_sizes = _check_sizes(n_inputs, hidden_sizes, latent_size)
        self.n_inputs, self.latent_size = n_inputs, latent_size
        self.encoder = nn.Sequential(
            *_hidden_layers(n_inputs, hidden_sizes), nn.Linear(hidden_sizes[-1], latent_size)
        )
        self.decoder = _decoder(latent_size, hidden_sizes, n_inputs)

    def encode(self, x: torch.Tensor) -> torch.Tensor:
        """The code :math:`z = f_\\phi(x)` of each row of ``x`` (shape ``(n, n_inputs)``)."""
        return self.encoder(_check_input(x, self.n_inputs))

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        """The reconstruction :math:`g_\\theta(z)` of each code (shape ``(n, latent_size)``)."""
        return self.decoder(_check_input(z, self.latent_size, "z"))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.decode(self.encode(x))


def reparameterize(
    mu: torch.Tensor, logvar: torch.Tensor, eps: torch.Tensor | None = None
) -> torch.Tensor:
    r"""A sample of :math:`\mathcal{N}(\mu, \sigma^2)` through which gradients reach mu and sigma.

    .. math::

        z = \mu + \sigma \odot \varepsilon, \qquad \sigma = \exp(\tfrac12 \log \sigma^2),
        \qquad \varepsilon \sim \mathcal{N}(0, I)

    The randomness sits in :math:`\varepsilon`, which depends on no parameter, so
    :math:`\partial z / \partial \mu = 1` and
    :math:`\partial z / \partial \log\sigma^2 = \tfrac12 \sigma \varepsilon`
    (Kingma and Welling 2014; Rezende et al. 2014).  ``eps`` is drawn with
    ``torch.randn_like`` unless given.
    """
    if mu.shape != logvar.shape:
        raise ValueError(
            f"mu and logvar must have the same shape, got {tuple(mu.shape)} and "
            f"{tuple(logvar.shape)}"
        )
    std = torch.exp(0.5 * logvar)  # sigma = exp(log(sigma^2) / 2) is positive for any logvar
    if eps is None:
        eps = torch.randn_like(std)
    return mu + std * eps


class VAE(nn.Module):
    r"""A variational autoencoder with a Gaussian encoder and a Bernoulli (sigmoid) decoder.

    .. math::

        q_\phi(z \mid x) = \mathcal{N}\bigl(\mu_\phi(x), \operatorname{diag}
        \sigma^2_\phi(x)\bigr), \qquad p(z) = \mathcal{N}(0, I), \qquad
        p_\theta(x \mid z) = \prod_j \hat x_j^{x_j} (1 - \hat x_j)^{1 - x_j},
        \quad \hat x = g_\theta(z)

    The encoder's hidden layers feed two linear heads, one for :math:`\mu` and one for
    :math:`\log \sigma^2` (a log-variance may be any real number; a variance may not).
    ``forward`` draws one :math:`z` with :func:`reparameterize` -- in training *and*
    evaluation mode, because the loss is an expectation over :math:`z` -- and returns
    ``(x_hat, mu, logvar)``, the tuple :class:`nnbook.elbo.VAELoss` takes.
    ``reconstruct`` decodes the mean instead, which is deterministic.

    Parameters
    ----------
    n_inputs
        Pixels (features) per example.
    hidden_sizes
        Widths of the encoder's hidden layers; the decoder mirrors them.
    latent_size
        Dimension of :math:`z`.
    reparameterized
        ``True`` (the VAE): gradients reach the encoder through :math:`z`.  ``False`` detaches
        the drawn :math:`z`, as ``torch.distributions.Normal(mu, sigma).sample()`` would: the
        reconstruction term then sends the encoder no gradient and only the KL term trains it
        -- the mistake the chapter's section on the trick measures.

    References: [kingma2014], [rezende2014].
    """

    def __init__(
        self,
        n_inputs: int,
        hidden_sizes: Sequence[int] = (64,),
        latent_size: int = 2,
        reparameterized: bool = True,
    ):
        super().__init__()
        hidden_sizes = _check_sizes(n_inputs, hidden_sizes, latent_size)
        if not isinstance(reparameterized, bool):
            raise TypeError(f"reparameterized must be True or False, got {reparameterized!r}")
        self.n_inputs, self.latent_size = n_inputs, latent_size
        self.reparameterized = reparameterized
        self.body = nn.Sequential(*_hidden_layers(n_inputs, hidden_sizes))
        self.mu_head = nn.Linear(hidden_sizes[-1], latent_size)
        self.logvar_head = nn.Linear(hidden_sizes[-1], latent_size)
        self.decoder = _decoder(latent_size, hidden_sizes, n_inputs)

    def encode(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """The mean and log-variance of :math:`q_\\phi(z \\mid x)` for each row of ``x``."""
        h = self.body(_check_input(x, self.n_inputs))
        return self.mu_head(h), self.logvar_head(h)

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        """The Bernoulli means :math:`\\hat x = g_\\theta(z)`, each in (0, 1)."""
        return self.decoder(_check_input(z, self.latent_size, "z"))

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        mu, logvar = self.encode(x)
        z = reparameterize(mu, logvar)
        if not self.reparameterized:
            z = z.detach()  # a plain sample: no path from z back to mu and logvar
        return self.decode(z), mu, logvar

    def reconstruct(self, x: torch.Tensor) -> torch.Tensor:
        """Decode the mean code :math:`\\mu_\\phi(x)`: the deterministic reconstruction."""
        return self.decode(self.encode(x)[0])

    def sample(self, n: int) -> torch.Tensor:
        """``n`` new images: :math:`z \\sim \\mathcal{N}(0, I)` from the prior, decoded.

        Uses torch's global generator (seed it with :func:`nnbook.runtime.seed_everything`).
        """
        check_int("n", n)
        device = next(self.parameters()).device
        return self.decode(torch.randn(n, self.latent_size, device=device))


def latent_grid(codes: torch.Tensor, n: int = 10, widen: float = 0.5) -> torch.Tensor:
    """An ``n`` x ``n`` grid of 2-D codes spanning the range of ``codes``, widened.

    Each axis runs over [min, max] of the codes, made ``1 + widen`` times as wide about its
    centre (``widen=0.5``: 25 % more on each side).  Rows go from the largest second
    coordinate to the smallest, columns from the smallest first coordinate to the largest,
    so the grid reads like the scatter plot of the codes: shape ``(n * n, 2)``.
    """
    codes = torch.as_tensor(codes).detach().cpu().double()
    if codes.ndim != 2 or codes.shape[1] != 2:
        raise ValueError(f"codes must have shape (n, 2) for a 2-D grid, got {tuple(codes.shape)}")
    check_int("n", n, minimum=2)
    if not widen >= 0:
        raise ValueError(f"widen must be >= 0, got {widen!r}")
    lo, hi = codes.min(0).values, codes.max(0).values
    centre, half = (lo + hi) / 2, (hi - lo) / 2 * (1 + widen)
    z1 = torch.linspace(centre[0] - half[0], centre[0] + half[0], n, dtype=torch.float64)
    z2 = torch.linspace(centre[1] + half[1], centre[1] - half[1], n, dtype=torch.float64)
    rows, cols = torch.meshgrid(z2, z1, indexing="ij")
    return torch.stack([cols.reshape(-1), rows.reshape(-1)], dim=1)


def decode_grid(model: nn.Module, grid: torch.Tensor) -> torch.Tensor:
    """Decode each code of ``grid`` (from :func:`latent_grid`) with the decoder, on the CPU."""
    _check_input(grid, model.latent_size, "grid")
    return predict(model.decoder, grid.to(next(model.parameters()).dtype))


def pca_reconstruction_mse(X_train: torch.Tensor, X_test: torch.Tensor, k: int) -> float:
    r"""Test mean squared error per feature of PCA with ``k`` components fitted on ``X_train``.

    .. math::

        \hat x = \bar x + V_k V_k^\top (x - \bar x)

    with :math:`V_k` the top ``k`` principal directions of the training data: the best
    *linear* encoder and decoder with a code of ``k`` numbers, the baseline an autoencoder
    must beat ("Autoencoders", ``book/autoencoders.md``, section ``sec-ae-pca``).
    """
    train, test = (torch.as_tensor(a).detach().cpu().double().numpy() for a in (X_train, X_test))
    pca = PCA(n_components=k).fit(train)
    rebuilt = pca.inverse_transform(pca.transform(test))
    return float(np.mean((rebuilt - test) ** 2))


def _hidden_layers(n_inputs: int, sizes: Sequence[int]) -> list[nn.Module]:
    layers: list[nn.Module] = []
    for a, b in pairwise((n_inputs, *sizes)):
        layers += [nn.Linear(a, b), nn.ReLU()]
    return layers


def _decoder(latent_size: int, hidden_sizes: Sequence[int], n_outputs: int) -> nn.Sequential:
    mirrored = tuple(reversed(hidden_sizes))
    return nn.Sequential(
        *_hidden_layers(latent_size, mirrored),
        nn.Linear(mirrored[-1], n_outputs),
        nn.Sigmoid(),  # pixels lie in [0, 1]
    )


def _check_sizes(n_inputs, hidden_sizes, latent_size) -> tuple[int, ...]:
    check_int("n_inputs", n_inputs)
    check_int("latent_size", latent_size)
    hidden_sizes = tuple(hidden_sizes)
    if not hidden_sizes:
        raise ValueError("hidden_sizes must be one or more positive integers, got ()")
    for size in hidden_sizes:
        check_int("hidden_sizes", size)
    return hidden_sizes


def _check_input(x: torch.Tensor, width: int, name: str = "x") -> torch.Tensor:
    if not isinstance(x, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {type(x).__name__}")
    if x.ndim != 2 or x.shape[1] != width:
        raise ValueError(f"{name} must have shape (batch, {width}), got {tuple(x.shape)}")
    return x
