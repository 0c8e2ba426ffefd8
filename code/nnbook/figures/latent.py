"""Latent spaces: the codes of an encoder as a scatter, coloured by label.

Used in "Autoencoders" (``book/autoencoders.md``) and "Variational autoencoders"
(``book/vae.md``).
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

__all__ = ["plot_latent", "plot_latents"]


def plot_latent(codes, labels, *, title: str | None = None, prior: bool = False) -> Figure:
    """2-D codes as points coloured by class, each class's label written at its median.

    ``prior=True`` adds the circles of radius 1 and 2 about the origin: where the standard
    normal prior puts 39 % and 86 % of its mass.
    """
    return plot_latents([(codes, title or "")], labels, prior=prior, size=(5.2, 4.4))


def plot_latents(
    panels: Sequence[tuple[object, str]],
    labels,
    *,
    prior: bool = False,
    size: tuple[float, float] | None = None,
) -> Figure:
    """Several 2-D code spaces side by side, as :func:`plot_latent`, with the same limits."""
    labels = np.asarray(labels).reshape(-1)
    n = len(panels)
    fig, axes = plt.subplots(1, n, figsize=size or (3.3 * n + 0.8, 3.6), squeeze=False)
    arrays = [np.asarray(codes, dtype=np.float64) for codes, _ in panels]
    for ax, codes, (_, title) in zip(axes[0], arrays, panels, strict=True):
        # equal limits on several panels leave no room to adjust the data limits: adjust the box
        points = _draw_latent(ax, codes, labels, prior, "box" if n > 1 else "datalim")
        ax.set_title(title)
        ax.set_xlabel("$z_1$")
    if n > 1:  # the same limits on every panel, so that spreads compare at a glance
        lo = min(a.min() for a in arrays) - 0.3
        hi = max(a.max() for a in arrays) + 0.3
        if prior:
            lo, hi = min(lo, -2.2), max(hi, 2.2)
        for ax in axes[0]:
            ax.set_xlim(lo, hi)
            ax.set_ylim(lo, hi)
    axes[0, 0].set_ylabel("$z_2$")
    fig.colorbar(points, ax=list(axes[0]), ticks=range(10), label="digit")
    plt.close(fig)
    return fig


def _draw_latent(ax, codes: np.ndarray, labels: np.ndarray, prior: bool, adjustable: str):
    if codes.ndim != 2 or codes.shape[1] != 2:
        raise ValueError(f"codes must have shape (n, 2), got {codes.shape}")
    if len(labels) != len(codes):
        raise ValueError(f"{len(codes)} codes but {len(labels)} labels")
    # the points are rasterized (a PNG inside the SVG): hundreds of vector markers per panel
    # weigh several times more; labels, axes and circles stay vectors
    points = ax.scatter(
        codes[:, 0],
        codes[:, 1],
        c=labels,
        cmap="tab10",
        s=7,
        alpha=0.8,
        vmin=-0.5,
        vmax=9.5,
        rasterized=True,
    )
    for c in np.unique(labels):
        x, y = np.median(codes[labels == c], axis=0)
        ax.text(
            x,
            y,
            str(c),
            fontsize=12,
            weight="bold",
            ha="center",
            va="center",
            bbox={"boxstyle": "circle,pad=0.15", "fc": "white", "alpha": 0.7, "lw": 0},
        )
    if prior:
        t = np.linspace(0, 2 * np.pi, 200)
        for r in (1, 2):
            ax.plot(r * np.cos(t), r * np.sin(t), color="k", lw=0.8, ls="--")
        ax.set_aspect("equal", adjustable=adjustable)
    return points
