"""nnbook.figures.curves: every curve plot draws the recorded values under the label it is given."""

import matplotlib
import numpy as np
import pytest

from nnbook.figures.curves import plot_loss_curves, plot_step_size_error
from nnbook.training import History

matplotlib.use("Agg")
import matplotlib

from nnbook.figures.curves import (
    plot_comparison,
    plot_gradient_noise,
    plot_per_step,
    plot_schedules,
    plot_sweep,
)

matplotlib.use("Agg")
import matplotlib

from nnbook.figures.curves import plot_history

matplotlib.use("Agg")


def test_loss_curves_plot_the_recorded_values():
    h = History(train_loss=[1.0, 0.5, 0.25], test_loss=[1.2, 0.7, 0.6])
    fig = plot_loss_curves(h, ylabel="negative ELBO (nats)")
    assert fig.axes[0].get_ylabel() == "negative ELBO (nats)"  # the label the caller names
    assert fig.axes[0].get_legend_handles_labels()[1] == ["training set", "test set"]
    val = plot_loss_curves(h, ylabel="MSE", eval_label="validation set")
    assert val.axes[0].get_legend_handles_labels()[1] == ["training set", "validation set"]
    lines = fig.axes[0].get_lines()
    assert [list(line.get_ydata()) for line in lines] == [h.train_loss, h.test_loss]
    assert fig.axes[0].get_yscale() == "log"
    with pytest.raises(ValueError, match="no recorded epochs"):
        plot_loss_curves(History(), ylabel="loss")


def test_step_size_error_plot():
    hs, errors = [1e-1, 1e-5, 1e-9], [1e-3, 1e-11, 0.0]
    ax = plot_step_size_error(hs, errors).axes[0]
    x, y = ax.get_lines()[0].get_data()
    assert list(x) == hs and list(y) == [1e-3, 1e-11, 1e-17]
    assert ax.get_xscale() == ax.get_yscale() == "log"
    with pytest.raises(ValueError, match="h must be > 0"):
        plot_step_size_error([0.0], [1.0])


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
    ax = plot_comparison(runs, ylabel="validation loss").axes[0]
    assert ax.get_ylabel() == "validation loss"
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [2.0, 1.0])


def test_comparison_can_plot_the_training_loss():
    runs = {"A": [History(train_loss=[4.0, 2.0], test_loss=[1.0, 0.5])]}
    ax = plot_comparison(runs, ylabel="training loss", split="train").axes[0]
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [4.0, 2.0])
    with pytest.raises(ValueError, match="split must be 'train' or 'test', got 'val'"):
        plot_comparison(runs, ylabel="loss", split="val")


def test_sweep_checks_lengths():
    ax = plot_sweep([0.1, 1.0], {"x": [0.5, 0.7]}, xlabel="lr", ylabel="acc").axes[0]
    assert ax.get_xscale() == "log"
    with pytest.raises(ValueError, match="2 settings"):
        plot_sweep([0.1, 1.0], {"x": [0.5]}, xlabel="lr", ylabel="acc")


def test_history_plot_needs_accuracy_and_plots_it():
    with pytest.raises(ValueError, match="accuracy"):
        plot_history(History(train_loss=[1.0]))
    h = History([1.0, 0.5], [1.1, 0.7], [0.5, 0.8], [0.4, 0.7])
    fig = plot_history(h)
    np.testing.assert_array_equal(fig.axes[1].lines[1].get_ydata(), [0.4, 0.7])
    assert fig.axes[1].get_legend_handles_labels()[1] == ["training set", "test set"]
    val = plot_history(h, eval_label="validation set")
    assert val.axes[0].get_legend_handles_labels()[1] == ["training set", "validation set"]
