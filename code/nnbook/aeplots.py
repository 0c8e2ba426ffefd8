"""Figures of the autoencoder chapters: reconstructions, latent spaces, decoded grids.

Taught in "Autoencoders" (``book/autoencoders.md``) and "Variational autoencoders"
(``book/vae.md``).  Images are rows of pixel values in [0, 1]; ``shape`` says how to fold
them (8 x 8 for scikit-learn's digits, 28 x 28 for Fashion-MNIST).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

__all__ = [
    "plot_images",
    "plot_latent",
    "plot_latent_grid",
    "plot_latents",
    "plot_reconstructions",
]


def plot_images(
    images, *, shape: tuple[int, int] = (8, 8), cols: int = 10, titles: Sequence[str] = ()
) -> Figure:
    """A gallery of images, ``cols`` per row, each with an optional title."""
    images = _images(images, shape)
    rows = -(-len(images) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(0.75 * cols, 0.8 * rows + 0.2), squeeze=False)
    for ax in axes.ravel():
        ax.axis("off")
    for k, (ax, image) in enumerate(zip(axes.ravel(), images, strict=False)):
        ax.imshow(image, cmap="gray_r", vmin=0, vmax=1)
        if k < len(titles):
            ax.set_title(titles[k], fontsize=8)
    plt.close(fig)
    return fig


def plot_reconstructions(originals, reconstructions, *, shape: tuple[int, int] = (8, 8)) -> Figure:
    """Originals (top row) above their reconstructions (bottom row)."""
    originals, reconstructions = _images(originals, shape), _images(reconstructions, shape)
    if len(originals) != len(reconstructions):
        raise ValueError(f"{len(originals)} originals but {len(reconstructions)} reconstructions")
    n = len(originals)
    fig, axes = plt.subplots(2, n, figsize=(0.75 * n + 0.9, 1.8), squeeze=False)
    for row, (label, images) in enumerate((("input", originals), ("output", reconstructions))):
        for ax, image in zip(axes[row], images, strict=True):
            ax.imshow(image, cmap="gray_r", vmin=0, vmax=1)
            ax.set_xticks([])
            ax.set_yticks([])
        axes[row, 0].set_ylabel(label, fontsize=9)
    plt.close(fig)
    return fig


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


def plot_latent_grid(images, grid, *, shape: tuple[int, int] = (8, 8)) -> Figure:
    """The decoded grid from :func:`nnbook.autoencoders.latent_grid` as one picture.

    Tiles are centred on their codes, so the axes read in latent coordinates; each tile has
    a one-pixel blank border.
    """
    grid = np.asarray(grid, dtype=np.float64)
    n = math.isqrt(len(grid))
    images = _images(images, shape)
    if n * n != len(grid) or len(images) != len(grid):
        raise ValueError(f"need n * n images and codes, got {len(images)} and {len(grid)}")
    # a blank pixel around every tile keeps neighbouring digits apart
    tiles = np.pad(images, ((0, 0), (1, 1), (1, 1)))
    h, w = tiles.shape[1:]
    mosaic = tiles.reshape(n, n, h, w).transpose(0, 2, 1, 3).reshape(n * h, n * w)
    z1, z2 = grid[:n, 0], grid[::n, 1]
    dz1, dz2 = (z1[-1] - z1[0]) / (n - 1), (z2[0] - z2[-1]) / (n - 1)
    extent = (z1[0] - dz1 / 2, z1[-1] + dz1 / 2, z2[-1] - dz2 / 2, z2[0] + dz2 / 2)
    fig, ax = plt.subplots(figsize=(5.0, 5.0))
    ax.imshow(mosaic, cmap="gray_r", vmin=0, vmax=1, extent=extent, aspect="auto")
    ax.grid(False)
    ax.set_xlabel("$z_1$")
    ax.set_ylabel("$z_2$")
    plt.close(fig)
    return fig


def _images(images, shape: tuple[int, int]) -> np.ndarray:
    images = np.asarray(images, dtype=np.float64)
    h, w = shape
    if images.ndim != 2 or images.shape[1] != h * w:
        raise ValueError(
            f"images must have shape (n, {h * w}) for {h} x {w} pixels, got {images.shape}"
        )
    return images.reshape(len(images), h, w)
