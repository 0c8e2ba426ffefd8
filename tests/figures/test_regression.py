"""nnbook.figures.regression: parity and fit plots draw the data and the model."""

import matplotlib
import numpy as np
import pytest
import torch

from nnbook.figures.regression import plot_fit_1d, plot_parity
from nnbook.models import MLP

matplotlib.use("Agg")


def test_parity_plot_has_points_and_identity_line():
    y = np.array([0.0, 1.0, 2.0])
    y_hat = np.array([0.1, 0.9, 2.2])
    ax = plot_parity(torch.tensor(y)[:, None], y_hat).axes[0]
    np.testing.assert_array_equal(ax.collections[0].get_offsets(), np.c_[y, y_hat])
    xs, ys = ax.get_lines()[0].get_data()
    np.testing.assert_array_equal(xs, ys)
    with pytest.raises(ValueError, match="shape"):
        plot_parity(y, y_hat[:2])


def test_fit_plot_draws_the_model():
    torch.manual_seed(0)
    model = MLP(1)
    X = torch.linspace(-1, 1, 20)[:, None]
    fig = plot_fit_1d(model, X, X, true_fn=np.sin)
    curve = fig.axes[0].get_lines()[-1]
    x = torch.tensor(curve.get_xdata(), dtype=torch.float32)[:, None]
    np.testing.assert_allclose(curve.get_ydata(), model(x).detach()[:, 0].numpy(), rtol=1e-6)
    with pytest.raises(ValueError, match="one input feature"):
        plot_fit_1d(model, torch.zeros(3, 2), torch.zeros(3))
