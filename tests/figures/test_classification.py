"""nnbook.figures.classification: surfaces, hidden units, confusion matrices, galleries."""

import matplotlib
import numpy as np
import pytest
import torch

from nnbook.classification import predict_proba
from nnbook.figures.classification import (
    plot_confusion_matrix,
    plot_decision_surface,
    plot_gallery,
    plot_hidden_units,
    surface_grid,
)
from nnbook.models import MLP

matplotlib.use("Agg")


def _model(n_in=2, hidden=(4,), n_out=1):
    torch.manual_seed(0)
    return MLP(n_in, hidden, n_out, activation="sigmoid").double()


def test_surface_grid_matches_the_model_at_sampled_points():
    model = _model()
    X = torch.tensor([[-1.0, 0.0], [2.0, 3.0]], dtype=torch.float64)
    xx, yy, zz = surface_grid(lambda g: predict_proba(model, g)[:, 1], X, resolution=30)
    assert xx.shape == yy.shape == zz.shape == (30, 30)
    assert xx.min() == pytest.approx(-1.5) and yy.max() == pytest.approx(3.5)
    rng = np.random.default_rng(0)
    for i, j in rng.integers(0, 30, size=(10, 2)):
        point = torch.tensor([[xx[i, j], yy[i, j]]], dtype=torch.float64)
        assert zz[i, j] == pytest.approx(predict_proba(model, point)[0, 1], abs=1e-15)


def test_decision_surface_draws_the_half_contour_and_the_data():
    model = _model()
    X = torch.randn(20, 2, dtype=torch.float64)
    y = (X[:, :1] > 0).double()
    fig = plot_decision_surface(model, X, y)
    ax = fig.axes[0]
    assert len(ax.collections[-2].get_offsets()) + len(ax.collections[-1].get_offsets()) == 20
    assert [c.get_label() for c in ax.collections[-2:]] == ["class 0", "class 1"]


@pytest.mark.parametrize("n_in, X_cols", [(3, 2), (2, 3)])
def test_surface_refuses_inputs_that_are_not_2d(n_in, X_cols):
    model = _model(n_in=n_in)
    with pytest.raises(ValueError, match="2"):
        plot_decision_surface(model, torch.zeros(5, X_cols, dtype=torch.float64), torch.zeros(5, 1))


def test_surface_refuses_multiclass():
    with pytest.raises(ValueError, match="binary classifier, got 3 classes"):
        plot_decision_surface(
            _model(n_out=3), torch.zeros(5, 2, dtype=torch.float64), torch.zeros(5, 1)
        )


def test_hidden_units_one_panel_each():
    fig = plot_hidden_units(
        _model(hidden=(3,)), torch.randn(8, 2, dtype=torch.float64), torch.zeros(8, 1)
    )
    assert [ax.get_title() for ax in fig.axes] == [f"hidden unit {j}" for j in (1, 2, 3)]


def test_confusion_matrix_and_gallery_show_their_numbers():
    cm = np.array([[5, 1], [2, 7]])
    texts = [t.get_text() for t in plot_confusion_matrix(cm).axes[0].texts]
    assert texts == ["5", "1", "2", "7"]
    images = np.zeros((4, 64))
    proba = np.array([[0.9, 0.1], [0.3, 0.7], [0.6, 0.4], [0.2, 0.8]])
    fig = plot_gallery(images, [0, 1, 1, 0], proba, [0, 2])
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert titles == ["true 0: P=0.90\npredicted 0: P=0.90", "true 1: P=0.40\npredicted 0: P=0.60"]
    with pytest.raises(ValueError, match="64"):
        plot_gallery(np.zeros((2, 10)), [0, 1], proba[:2], [0])
