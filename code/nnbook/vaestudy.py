"""The VAE chapter's computation graph: the reparameterization trick on scalars.

Taught in "Variational autoencoders" (``book/vae.md``, section ``sec-vae-reparam``).
"""

from __future__ import annotations

import math

from .autodiff import Value

__all__ = ["reparameterization_graph"]


def reparameterization_graph(
    mu: float, logvar: float, eps: float, w: float, x: float, *, direct: bool = False
) -> Value:
    r"""The squared error of a one-number "decoder" fed a reparameterized sample.

    .. math::

        \sigma = \exp(\tfrac12 s), \qquad z = \mu + \sigma\,\varepsilon, \qquad
        \hat x = w z, \qquad L = (\hat x - x)^2, \qquad s = \log\sigma^2

    :math:`\varepsilon` and :math:`x` are constants of the graph: the backward pass gives
    :math:`\mu`, :math:`s` and :math:`w` a gradient and :math:`\varepsilon` none.

    With ``direct=True``, :math:`z = \mu + \sigma\varepsilon` is computed as a plain number
    and enters the graph as a new leaf -- what "sampling z directly" amounts to: the graph
    no longer contains :math:`\mu` or :math:`s`, so no gradient can reach them.
    """
    if direct:
        z = Value(mu + math.exp(0.5 * logvar) * eps, "z", constant=True)
    else:
        mu_v, s = Value(mu, r"\mu"), Value(logvar, "s")
        sigma = (0.5 * s).exp()
        z = mu_v + sigma * Value(eps, r"\varepsilon", constant=True)
    x_hat = Value(w, "w") * z
    return (x_hat - Value(x, "x", constant=True)) ** 2
