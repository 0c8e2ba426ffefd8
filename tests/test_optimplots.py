import matplotlib
import numpy as np
import pytest

from nnbook.optimplots import (
    plot_comparison,
    plot_gradient_noise,
    plot_per_step,
    plot_schedules,
    plot_sweep,
)
from nnbook.training import History

matplotlib.use("Agg")


def test_per_step_and_schedules_plot_the_values():
    fig = plot_per_step({"a": [3.0, 2.0, 1.0], "b": [5.0, 6.0]}, ylabel="loss")
    ax = fig.axes[0]
    np.testing.assert_array_equal(ax.lines[1].get_ydata(), [5.0, 6.0])  # ends early: diverged
    assert ax.get_yscale() == "log"
    ax = plot_schedules({"step": [0.1, 0.1, 0.01]}).axes[0]
    assert ax.get_yscale() == "linear" and ax.lines[0].get_drawstyle() == "steps-post"
    assert ax.get_xlabel() == "epoch"


def test_gradient_noise_plot_has_the_reference_slope():
    ax = plot_gradient_noise({1: 4.0, 4: 2.0, 16: 1.0}).axes[0]
    np.testing.assert_allclose(ax.lines[1].get_ydata(), [4.0, 2.0, 1.0])  # 4 / sqrt(B)


def test_comparison_plots_the_mean_over_seeds():
    runs = {"A": [History(test_loss=[1.0, 0.5]), History(test_loss=[3.0, 1.5])]}
    ax = plot_comparison(runs).axes[0]
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [2.0, 1.0])


def test_sweep_checks_lengths():
    ax = plot_sweep([0.1, 1.0], {"x": [0.5, 0.7]}, xlabel="lr", ylabel="acc").axes[0]
    assert ax.get_xscale() == "log"
    with pytest.raises(ValueError, match="2 settings"):
        plot_sweep([0.1, 1.0], {"x": [0.5]}, xlabel="lr", ylabel="acc")
