"""nnbook.figures.flow: the per-layer grid draws each recorded value where it belongs."""

import matplotlib
import numpy as np
import pytest

from nnbook.figures.flow import plot_layer_stats

matplotlib.use("Agg")

FORWARD = {"tanh": {"He": [1.0, 0.5, 0.25], "Xavier": [1.0, 1.0, 1.0]}, "ReLU": {"He": [2.0, 3.0]}}
BACKWARD = {
    "tanh": {"He": [1e-3, 1e-4, 1e-5], "Xavier": [2.0, 2.0, 2.0]},
    "ReLU": {"He": [4.0, 5.0]},
}


def test_each_panel_draws_its_lines_at_layers_from_one():
    fig = plot_layer_stats(FORWARD, BACKWARD, backward_label="std of dL/dz")
    axes = np.array(fig.axes).reshape(2, 2)
    for row, data in enumerate((FORWARD, BACKWARD)):
        for j, column in enumerate(data):
            ax = axes[row, j]
            assert ax.get_yscale() == "log"
            for line, (name, values) in zip(ax.get_lines(), data[column].items(), strict=True):
                assert line.get_label() == name
                np.testing.assert_array_equal(line.get_ydata(), values)
                np.testing.assert_array_equal(line.get_xdata(), np.arange(1, len(values) + 1))
    assert [ax.get_title() for ax in axes[0]] == ["tanh", "ReLU"]
    assert axes[1, 0].get_ylabel() == "std of dL/dz"
    assert axes[0, 0].get_legend() is not None


@pytest.mark.parametrize(
    ("forward", "backward", "match"),
    [
        ({}, {}, "at least one column"),
        (FORWARD, {"tanh": BACKWARD["tanh"]}, "same columns"),
        ({"ReLU": {"He": [1.0]}}, {"ReLU": {"Xavier": [1.0]}}, "same lines"),
        ({"ReLU": {"He": [1.0, 0.0]}}, {"ReLU": {"He": [1.0, 1.0]}}, "positive numbers"),
        ({"ReLU": {"He": []}}, {"ReLU": {"He": []}}, "non-empty"),
    ],
)
def test_bad_input_is_named(forward, backward, match):
    with pytest.raises(ValueError, match=match):
        plot_layer_stats(forward, backward)
