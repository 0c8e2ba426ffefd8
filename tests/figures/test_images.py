"""nnbook.figures.images: galleries, reconstructions and decoded grids show their images."""

import io

import matplotlib
import numpy as np
import pytest
import torch

from nnbook.autoencoders import latent_grid
from nnbook.figures.images import plot_images, plot_latent_grid, plot_reconstructions

matplotlib.use("Agg")


def rendered(fig):
    """Draw the figure as SVG and PNG, as the book does: errors raised at draw time surface."""
    for fmt in ("svg", "png"):
        fig.savefig(io.BytesIO(), format=fmt)
    return fig


def images(n, d=64, seed=0):
    return np.random.default_rng(seed).random((n, d))


def test_plot_images_shows_each_image_with_its_title():
    data = images(12)
    fig = rendered(plot_images(data, cols=5, titles=[f"#{k}" for k in range(12)]))
    shown = [ax for ax in fig.axes if ax.images]
    assert len(fig.axes) == 15 and len(shown) == 12
    for k, ax in enumerate(shown):
        np.testing.assert_array_equal(ax.images[0].get_array(), data[k].reshape(8, 8))
        assert ax.get_title() == f"#{k}"


def test_plot_reconstructions_puts_originals_above_outputs():
    a, b = images(4), images(4, seed=1)
    fig = rendered(plot_reconstructions(a, b))
    top, bottom = fig.axes[:4], fig.axes[4:]
    for k in range(4):
        np.testing.assert_array_equal(top[k].images[0].get_array(), a[k].reshape(8, 8))
        np.testing.assert_array_equal(bottom[k].images[0].get_array(), b[k].reshape(8, 8))
    with pytest.raises(ValueError, match="4 originals but 3 reconstructions"):
        plot_reconstructions(a, b[:3])


def test_plot_latent_grid_places_tiles_at_their_codes():
    codes = torch.tensor([[0.0, 0.0], [1.0, 2.0]])
    grid = latent_grid(codes, n=3, widen=0.0)
    tiles = images(9)
    fig = rendered(plot_latent_grid(tiles, grid))
    image = fig.axes[0].images[0]
    mosaic = image.get_array()
    assert mosaic.shape == (30, 30)  # 3 x 3 tiles of 8 x 8 pixels with a blank border
    # tile (row 0, column 2) is the code with the largest z1 and the largest z2
    np.testing.assert_array_equal(mosaic[1:9, 21:29], tiles[2].reshape(8, 8))
    assert mosaic[0].max() == 0 and mosaic[:, 20].max() == 0
    assert grid[2].tolist() == [1.0, 2.0]
    # the extent runs half a tile beyond the outer codes: z1 in [-0.25, 1.25], z2 in [-0.5, 2.5]
    np.testing.assert_allclose(image.get_extent(), [-0.25, 1.25, -0.5, 2.5])
    with pytest.raises(ValueError, match="need n \\* n images and codes"):
        plot_latent_grid(tiles[:8], grid)


def test_images_must_fit_the_shape():
    with pytest.raises(ValueError, match=r"images must have shape \(n, 64\) for 8 x 8 pixels"):
        plot_images(images(3, d=60))
