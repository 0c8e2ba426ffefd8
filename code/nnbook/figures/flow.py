"""Per-layer statistics of a network at initialization: how activations and gradients scale.

Draws what :class:`nnbook.flowstats.FlowStats` measures: for each layer of a deep network, the
standard deviation of its output on the forward pass (top row) and of the loss's gradient
with respect to that output on the backward pass (bottom row), one column per setting (e.g.
per activation function), one line per initialization scheme, on a logarithmic axis where a
geometric decay is a straight line.  Used in "Initialization and gradient flow".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

__all__ = ["plot_layer_stats"]


def _check_panels(forward, backward) -> None:
    if not forward:
        raise ValueError("forward must hold at least one column (a name and its lines)")
    if list(forward) != list(backward):
        raise ValueError(
            f"forward and backward must name the same columns, got {list(forward)} "
            f"and {list(backward)}"
        )
    for column in forward:
        if list(forward[column]) != list(backward[column]):
            raise ValueError(
                f"column {column!r}: forward and backward must name the same lines, got "
                f"{list(forward[column])} and {list(backward[column])}"
            )
        for rows in (forward, backward):
            for name, values in rows[column].items():
                values = np.asarray(values, dtype=np.float64)
                if values.ndim != 1 or values.size == 0 or not (values > 0).all():
                    raise ValueError(
                        f"column {column!r}, line {name!r}: the values must be a non-empty "
                        "sequence of positive numbers (the axis is logarithmic)"
                    )


def plot_layer_stats(
    forward: Mapping[str, Mapping[str, Sequence[float]]],
    backward: Mapping[str, Mapping[str, Sequence[float]]],
    *,
    forward_label: str = "std of layer output",
    backward_label: str = "std of gradient",
    xlabel: str = "layer",
) -> Figure:
    """A grid of per-layer statistics: forward on top, backward below, one column per setting.

    Parameters
    ----------
    forward
        ``{column title: {line label: [value at layer 1, layer 2, ...]}}``, e.g.
        ``{"ReLU": {"He": stds, ...}, ...}``; every value must be > 0 (logarithmic axis).
    backward
        The same columns and lines, for the gradients.
    forward_label, backward_label
        The y labels of the two rows.
    xlabel
        The x label of the bottom row; layers are numbered from 1.
    """
    _check_panels(forward, backward)
    n = len(forward)
    fig, axes = plt.subplots(
        2, n, figsize=(3.2 * n + 0.8, 5.6), sharex="col", sharey="row", squeeze=False
    )
    for j, column in enumerate(forward):
        for row, (rows, ylabel) in enumerate(
            ((forward, forward_label), (backward, backward_label))
        ):
            ax = axes[row, j]
            for k, (name, values) in enumerate(rows[column].items()):
                values = np.asarray(values, dtype=np.float64)
                ax.plot(np.arange(1, values.size + 1), values, "o-", ms=3, color=f"C{k}",
                        label=name)  # fmt: skip
            ax.set_yscale("log")
            if row == 0:
                ax.set_title(column)
            else:
                ax.set_xlabel(xlabel)
            if j == 0:
                ax.set_ylabel(ylabel)
    axes[0, 0].legend(fontsize="small")
    plt.close(fig)
    return fig
