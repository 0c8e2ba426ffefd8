"""nnbook.figures.style: SVG output is reproducible."""

import io

import matplotlib

from nnbook.figures.curves import plot_loss_curves
from nnbook.figures.style import SVG_METADATA, use_book_style
from nnbook.training import History

matplotlib.use("Agg")


def _svg(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata=SVG_METADATA)
    return buf.getvalue()


def test_svg_is_byte_identical_between_renders():
    use_book_style()
    h = History(train_loss=[1.0, 0.5], test_loss=[1.1, 0.8])
    first, second = _svg(plot_loss_curves(h, ylabel="MSE")), _svg(plot_loss_curves(h, ylabel="MSE"))
    assert first == second
    assert b"<dc:date>" not in first
