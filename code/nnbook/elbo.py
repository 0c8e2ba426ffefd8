r"""The VAE's loss: reconstruction, the KL divergence to the prior, and the ELBO.

For one example :math:`x` the evidence lower bound is

.. math::

    \log p_\theta(x) \;\ge\; \mathrm{ELBO}(x)
    = \mathbb{E}_{q_\phi(z \mid x)}\bigl[\log p_\theta(x \mid z)\bigr]
      - D_{\mathrm{KL}}\bigl(q_\phi(z \mid x) \,\|\, p(z)\bigr)

(Kingma and Welling 2014).  Training minimises the negative ELBO averaged over a batch.
Taught in "Variational autoencoders" (``book/vae.md``).
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from .autoencoders import reparameterize
from .checks import check_int, check_real

__all__ = [
    "VAELoss",
    "kl_to_standard_normal",
    "log_likelihood",
    "negative_elbo",
    "reconstruction_loss",
]


def reconstruction_loss(x_hat: torch.Tensor, x: torch.Tensor, kind: str = "bce") -> torch.Tensor:
    r"""Reconstruction error summed over the features of each example, averaged over examples.

    .. math::

        \text{bce:}\; -\sum_j \bigl[x_j \log \hat x_j + (1 - x_j)\log(1 - \hat x_j)\bigr]
        = -\log p_\theta(x \mid z), \qquad
        \text{mse:}\; \sum_j (x_j - \hat x_j)^2

    The binary cross-entropy is the negative log-likelihood of a Bernoulli decoder (exactly,
    for 0/1 pixels); it needs ``x`` and ``x_hat`` in [0, 1].  Summing over features rather
    than averaging keeps its scale that of a log-likelihood, which the KL term is measured in.
    """
    if x_hat.shape != x.shape:
        raise ValueError(f"x_hat shape {tuple(x_hat.shape)} differs from x shape {tuple(x.shape)}")
    if x.ndim != 2:
        raise ValueError(f"x must be 2-D (examples x features), got shape {tuple(x.shape)}")
    if kind == "bce":
        for name, t in (("x", x), ("x_hat", x_hat)):
            if (t < 0).any() or (t > 1).any() or not torch.isfinite(t).all():
                raise ValueError(f"binary cross-entropy needs {name} in [0, 1]")
        per_example = _bernoulli_nll(x_hat, x)
    elif kind == "mse":
        per_example = ((x - x_hat) ** 2).sum(dim=1)
    else:
        raise ValueError(f"kind must be 'bce' or 'mse', got {kind!r}")
    return per_example.mean()


def kl_to_standard_normal(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    r"""Closed-form :math:`D_{\mathrm{KL}}(\mathcal{N}(\mu, \operatorname{diag}\sigma^2) \,\|\,
    \mathcal{N}(0, I))` of each row, in nats.

    .. math::

        D_{\mathrm{KL}} = -\frac12 \sum_{i=1}^{k}
        \bigl(1 + \log \sigma_i^2 - \mu_i^2 - \sigma_i^2\bigr) \;\ge\; 0,

    zero exactly when :math:`\mu = 0` and :math:`\sigma^2 = 1`.  Shape ``(n, k)`` in,
    ``(n,)`` out.
    """
    if mu.shape != logvar.shape:
        raise ValueError(
            f"mu and logvar must have the same shape, got {tuple(mu.shape)} and "
            f"{tuple(logvar.shape)}"
        )
    return -0.5 * torch.sum(1 + logvar - mu**2 - logvar.exp(), dim=-1)


class VAELoss(nn.Module):
    r"""The negative ELBO, one sample of :math:`z` per example, averaged over the batch.

    .. math::

        \mathcal{L}(x) = \text{reconstruction}(x, \hat x)
        + \beta\, D_{\mathrm{KL}}\bigl(q_\phi(z \mid x) \,\|\, \mathcal{N}(0, I)\bigr)

    With ``beta=1`` and ``reconstruction="bce"`` this is the negative ELBO of
    Kingma and Welling (2014); ``beta > 1`` is the :math:`\beta`-VAE of Higgins et al.
    (2017), and ``beta < 1`` weights reconstruction more.  Called as
    ``loss(model(x), x)`` with the VAE's ``(x_hat, mu, logvar)``, so it plugs into
    :func:`nnbook.training.fit`.

    Parameters
    ----------
    beta
        Weight of the KL term, a finite number >= 0.
    reconstruction
        ``"bce"`` (Bernoulli decoder, summed over pixels) or ``"mse"`` (summed squared error).

    References: [kingma2014], [higgins2017].
    """

    def __init__(self, beta: float = 1.0, reconstruction: str = "bce"):
        super().__init__()
        check_real("beta", beta, low=0)
        if reconstruction not in ("bce", "mse"):
            raise ValueError(f"reconstruction must be 'bce' or 'mse', got {reconstruction!r}")
        self.beta, self.reconstruction = float(beta), reconstruction

    def forward(self, output: tuple[torch.Tensor, ...], x: torch.Tensor) -> torch.Tensor:
        if not isinstance(output, tuple) or len(output) != 3:
            raise TypeError("VAELoss expects the VAE's output (x_hat, mu, logvar) as a tuple")
        x_hat, mu, logvar = output
        recon = reconstruction_loss(x_hat, x, self.reconstruction)
        return recon + self.beta * kl_to_standard_normal(mu, logvar).mean()

    def extra_repr(self) -> str:
        return f"beta={self.beta}, reconstruction={self.reconstruction!r}"


@torch.no_grad()
def negative_elbo(model: nn.Module, X: torch.Tensor, samples: int = 10, seed: int = 0) -> float:
    r"""Monte-Carlo estimate of the negative ELBO (``beta=1``, Bernoulli decoder), in nats per
    example, averaged over ``samples`` draws of :math:`z` for every row of ``X``."""
    X, mu, logvar = _encode(model, X, samples, seed)
    recon = sum(
        _bernoulli_nll(model.decode(z), x).sum().item() for z, x in _draws(mu, logvar, X, samples)
    )
    return recon / (samples * len(X)) + kl_to_standard_normal(mu, logvar).mean().item()


@torch.no_grad()
def log_likelihood(model: nn.Module, X: torch.Tensor, samples: int = 1000, seed: int = 0):
    r"""Importance-sampled :math:`\log p_\theta(x)` of each row of ``X`` (Bernoulli decoder).

    .. math::

        \log p_\theta(x) \approx \log \frac1K \sum_{j=1}^K
        \frac{p_\theta(x \mid z_j)\, p(z_j)}{q_\phi(z_j \mid x)},
        \qquad z_j \sim q_\phi(z \mid x)

    The average inside the logarithm is unbiased for :math:`p_\theta(x)`.  By Jensen's
    inequality its logarithm is, on average, at most :math:`\log p_\theta(x)` (the log of an
    unbiased estimate) and at least the ELBO (the log of an average is at least the average of
    the logs); it tightens as ``samples`` grows (Burda et al. 2016).  So the estimate is itself
    a lower bound in expectation, and its gap to the ELBO is a lower bound on the mean
    :math:`D_{\mathrm{KL}}(q_\phi(z \mid x) \,\|\, p_\theta(z \mid x))`.  Returns a CPU
    tensor of shape ``(n,)``, in nats.
    """
    X, mu, logvar = _encode(model, X, samples, seed)
    log_w = []
    for z, x in _draws(mu, logvar, X, samples):
        m = len(z) // len(X)  # samples in this chunk
        q = torch.distributions.Normal(mu.repeat(m, 1), torch.exp(logvar / 2).repeat(m, 1))
        log_px_z = -_bernoulli_nll(model.decode(z), x)
        log_pz = -0.5 * (z**2 + math.log(2 * math.pi)).sum(dim=1)
        log_w.append((log_px_z + log_pz - q.log_prob(z).sum(dim=1)).reshape(m, len(X)))
    return (torch.logsumexp(torch.cat(log_w), dim=0) - math.log(samples)).cpu()


def _bernoulli_nll(x_hat: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """-log p(x | z) of a Bernoulli decoder with means ``x_hat``: one value per row."""
    return F.binary_cross_entropy(x_hat, x, reduction="none").sum(dim=1)


def _encode(model: nn.Module, X: torch.Tensor, samples: int, seed: int):
    check_int("samples", samples)
    model.eval()
    X = X.to(next(model.parameters()).device)
    torch.manual_seed(seed)
    return (X, *model.encode(X))


def _chunk(samples: int, n: int) -> int:
    return max(1, min(samples, 200_000 // max(n, 1)))  # at most ~200,000 rows per decoder call


def _draws(mu, logvar, X, samples):
    """Chunks of ``m`` samples for every row: z and x stacked as (m * n, ...) tensors."""
    done = 0
    while done < samples:
        m = min(_chunk(samples, len(X)), samples - done)
        yield reparameterize(mu.repeat(m, 1), logvar.repeat(m, 1)), X.repeat(m, 1)
        done += m
