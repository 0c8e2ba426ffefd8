"""nnbook.figures.latent: the scatter shows the codes it is given."""

import io

import matplotlib
import numpy as np
import pytest

from nnbook.figures.latent import plot_latent, plot_latents

matplotlib.use("Agg")


def rendered(fig):
    """Draw the figure as SVG and PNG, as the book does: errors raised at draw time surface."""
    for fmt in ("svg", "png"):
        fig.savefig(io.BytesIO(), format=fmt)
    return fig


def test_plot_latent_marks_each_class_at_its_median():
    rng = np.random.default_rng(0)
    codes = rng.standard_normal((30, 2))
    labels = np.repeat([0, 1, 2], 10)
    fig = rendered(plot_latent(codes, labels, prior=True))
    ax = fig.axes[0]
    np.testing.assert_array_equal(ax.collections[0].get_offsets(), codes)
    texts = {t.get_text(): t.get_position() for t in ax.texts}
    assert sorted(texts) == ["0", "1", "2"]
    np.testing.assert_allclose(texts["1"], np.median(codes[10:20], axis=0))
    assert len(ax.lines) == 2  # the circles of radius 1 and 2
    with pytest.raises(ValueError, match=r"codes must have shape \(n, 2\)"):
        plot_latent(rng.standard_normal((5, 3)), labels[:5])
    with pytest.raises(ValueError, match="30 codes but 29 labels"):
        plot_latent(codes, labels[:29])


def test_plot_latents_draws_one_panel_per_code_set():
    rng = np.random.default_rng(1)
    a, b = rng.standard_normal((20, 2)), 3 * rng.standard_normal((20, 2))
    labels = np.repeat([4, 7], 10)
    fig = rendered(plot_latents([(a, "first"), (b, "second")], labels, prior=True))
    panels = [ax for ax in fig.axes if ax.get_title()]
    assert [ax.get_title() for ax in panels] == ["first", "second"]
    for ax, codes in zip(panels, (a, b), strict=True):
        np.testing.assert_array_equal(ax.collections[0].get_offsets(), codes)
        assert sorted(t.get_text() for t in ax.texts) == ["4", "7"]
