import io

import matplotlib
import numpy as np
import pytest
import torch

from nnbook.models import MLP
from nnbook.plots import (
    SVG_METADATA,
    plot_fit_1d,
    plot_loss_curves,
    plot_parity,
    plot_step_size_error,
    use_book_style,
)
from nnbook.training import History

matplotlib.use("Agg")


def _svg(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata=SVG_METADATA)
    return buf.getvalue()


def test_loss_curves_plot_the_recorded_values():
    h = History(train_loss=[1.0, 0.5, 0.25], test_loss=[1.2, 0.7, 0.6])
    fig = plot_loss_curves(h)
    lines = fig.axes[0].get_lines()
    assert [list(line.get_ydata()) for line in lines] == [h.train_loss, h.test_loss]
    assert fig.axes[0].get_yscale() == "log"
    with pytest.raises(ValueError, match="no recorded epochs"):
        plot_loss_curves(History())


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


def test_svg_is_byte_identical_between_renders():
    use_book_style()
    h = History(train_loss=[1.0, 0.5], test_loss=[1.1, 0.8])
    first, second = _svg(plot_loss_curves(h)), _svg(plot_loss_curves(h))
    assert first == second
    assert b"<dc:date>" not in first


def test_step_size_error_plot():
    hs, errors = [1e-1, 1e-5, 1e-9], [1e-3, 1e-11, 0.0]
    ax = plot_step_size_error(hs, errors).axes[0]
    x, y = ax.get_lines()[0].get_data()
    assert list(x) == hs and list(y) == [1e-3, 1e-11, 1e-17]
    assert ax.get_xscale() == ax.get_yscale() == "log"
    with pytest.raises(ValueError, match="h must be > 0"):
        plot_step_size_error([0.0], [1.0])
