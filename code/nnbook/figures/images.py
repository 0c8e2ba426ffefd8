"""Images: galleries, originals above reconstructions, decoded grids of a latent space.

Images are rows of pixel values in [0, 1]; ``shape`` says how to fold them (8 x 8 for
scikit-learn's digits, 28 x 28 for Fashion-MNIST).  Used in "Autoencoders"
(``book/autoencoders.md``) and "Variational autoencoders" (``book/vae.md``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

__all__ = ["plot_images", "plot_latent_grid", "plot_reconstructions"]


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
