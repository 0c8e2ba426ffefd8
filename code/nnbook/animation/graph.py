"""Animated computation graphs: a recorded computation drawn once, played step by step.

``animate(output)`` draws the graph of a :class:`nnbook.autodiff.Value` once, as one SVG in
which everything a step reveals is a group whose id names the step (the steps and the layout
come from :mod:`nnbook.animation.steps` and :mod:`nnbook.animation.layout`).  In HTML the
player shows the groups of steps ``0..k`` and the caption of step ``k``; the same figure saves
as a GIF or a static SVG for slides, and shows as a PNG of its last step (every value and
every gradient) where HTML cannot be shown, as in the PDF.  Taught in ``book/backprop.md``.
"""

from __future__ import annotations

import io
from typing import ClassVar

import matplotlib.pyplot as plt
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from ..autodiff import Value
from ..ops import COMPOSITE, node_symbol
from .composite import collapse, has_composites
from .layout import layout
from .player import PREFIX
from .stepped import Drawing, SteppedFigure
from .steps import Step, build_steps, fmt, symbols
from .views import GraphViews

__all__ = ["GraphAnimation", "animate"]

_DX, _R = 1.45, 0.27  # column spacing and node radius, in rows
_VALUE, _GRAD, _HIGHLIGHT = "#1f5fa8", "#c0392b", "#f2b134"


class GraphAnimation(SteppedFigure):
    """An animated computation graph: HTML in a notebook or book, PNG elsewhere.

    Parameters
    ----------
    output
        The node whose computation is drawn; with ``backward=True`` its ``backward()`` must
        have been called once.
    backward
        Whether the steps go on into the backward pass.
    title
        A title drawn above the graph.
    """

    kind = "cg"
    rc: ClassVar[dict[str, object]] = {
        "figure.constrained_layout.use": False,  # one axes placed by hand fills the figure
        "svg.fonttype": "none",
        "svg.hashsalt": "nnbook-graph",
        "font.family": "DejaVu Sans",
        "mathtext.fontset": "dejavusans",
        "font.size": 11,
    }
    interval_ms = 1500
    gif_dpi = 90

    def __init__(self, output: Value, *, backward: bool = True, title: str = ""):
        self.output = output
        self.steps: list[Step] = build_steps(output, backward=backward)
        self.title = title
        self.positions = layout(output)
        self.names = symbols(output)
        self._finish()

    def captions(self) -> list[str]:
        return [s.tex for s in self.steps]

    def kinds(self) -> list[str]:
        return [s.kind for s in self.steps]

    def step_keys(self) -> list[tuple[str, tuple[str, ...]]]:
        """What each step shows, by the names of its nodes: the same in both views of a graph
        with composites (:mod:`nnbook.animation.views`)."""
        return [
            (s.kind, () if s.kind == "inputs" else tuple(self.names[i] for i in s.node_ids))
            for s in self.steps
        ]

    # -- drawing ------------------------------------------------------------------------
    def _figure(self):
        cols = [c for c, _ in self.positions.values()]
        rows = [r for _, r in self.positions.values()]
        width = (max(cols) - min(cols)) * _DX + 2.2
        height = max(rows) - min(rows) + 1.6
        fig = plt.figure(figsize=(0.9 * width, 0.9 * height))
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(min(cols) * _DX - 0.7, max(cols) * _DX + 1.5)
        ax.set_ylim(max(rows) + 0.8, min(rows) - 0.8)  # rows grow downwards
        ax.set_aspect("equal")
        ax.axis("off")
        return fig, ax

    def _draw(self) -> Drawing:
        """Draw every artist; return the figure, the labels each step reveals, and the rings
        that mark the node each step computes."""
        fig, ax = self._figure()
        pos = {i: (c * _DX, r) for i, (c, r) in self.positions.items()}
        nodes = {n.id: n for n in self.output.graph()}
        for node in nodes.values():
            for inp in node.inputs:
                (x0, y0), (x1, y1) = pos[inp.id], pos[node.id]
                ax.add_patch(
                    FancyArrowPatch(
                        (x0 + _R, y0),
                        (x1 - _R, y1),
                        arrowstyle="-|>",
                        mutation_scale=10,
                        color="0.45",
                        lw=1.0,
                    )
                )
        for node in nodes.values():
            x, y = pos[node.id]
            if node.inputs:
                ax.add_patch(Circle((x, y), _R, fc="white", ec="0.2", lw=1.2))
                if node.op == COMPOSITE:  # a double ring: several operations in one node
                    ax.add_patch(Circle((x, y), _R - 0.045, fc="none", ec="0.2", lw=0.8))
                op = node.group.symbol if node.op == COMPOSITE else node_symbol(node.op)
                ax.text(x, y, op, ha="center", va="center", fontsize=12 if len(op) < 3 else 8)
                ax.text(
                    x,
                    y - _R - 0.08,
                    f"${self.names[node.id]}$",
                    ha="center",
                    va="bottom",
                    fontsize=12,
                    color="0.3",
                )
            else:
                ax.add_patch(
                    FancyBboxPatch(
                        (x - _R, y - _R * 0.8),
                        2 * _R,
                        1.6 * _R,
                        boxstyle="round,pad=0.02",
                        fc="0.96" if node.constant else "white",
                        ec="0.2",
                        lw=1.2,
                    )
                )
                ax.text(
                    x,
                    y,
                    f"${self.names[node.id]}$",
                    ha="center",
                    va="center",
                    color="0.4" if node.constant else "black",
                )
        revealed: dict[int, list] = {}  # step -> the value/gradient labels it reveals
        rings: dict[int, Circle] = {}  # step -> the ring around the node it computes
        for k, step in enumerate(self.steps):
            labels = revealed.setdefault(k, [])
            for nid in step.node_ids:
                x, y = pos[nid]
                node = nodes[nid]
                # values above the outgoing arrow in blue, gradients below it in red
                if step.kind == "backward":
                    labels.append(_number(ax, x, y + 0.1, fmt(node.grad), "top", _GRAD))
                elif not node.constant:
                    labels.append(_number(ax, x, y - 0.08, fmt(node.data), "bottom", _VALUE))
            for j, label in enumerate(labels):
                label.set_gid(f"{PREFIX}-s{k}-{j}")
            if step.kind != "inputs":
                x, y = pos[step.node_ids[0]]
                rings[k] = ax.add_patch(Circle((x, y), _R + 0.09, fc="none", ec=_HIGHLIGHT, lw=2.5))
                rings[k].set_gid(f"{PREFIX}-h{k}")
        if self.title:
            ax.set_title(self.title)
        return fig, revealed, rings

    def _caption(self, fig):
        return fig.text(0.5, 0.01, "", ha="center", va="bottom", fontsize=10)

    # -- outputs ------------------------------------------------------------------------
    def key_frames(self) -> list[int]:
        """The steps worth a still image for slides: forward pass done, backward pass done."""
        last_forward = max(k for k, s in enumerate(self.steps) if s.kind != "backward")
        frames = [last_forward]
        if last_forward != len(self.steps) - 1:
            frames.append(len(self.steps) - 1)
        return frames

    def _repr_png_(self) -> bytes:
        # One frame, the last: it shows every value and every gradient.  A strip of the two
        # key frames added nothing but height, and in the PDF a tall graph's strip was shrunk
        # until the words in its nodes were 3 pt (a lecturer's review).
        (image,) = self.frames([len(self.steps) - 1], captions=False)
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        return buf.getvalue()


def animate(
    output: Value, *, backward: bool = True, title: str = "", start: str = "collapsed"
) -> GraphAnimation | GraphViews:
    """The animated figure of the computation that produced ``output``.

    With ``backward=True`` (the default) call ``output.backward()`` once first: the figure shows
    the gradients the engine computed, it does not compute them.  A graph with composite
    operations (:mod:`nnbook.animation.composite`) gets two views, each composite collapsed
    into one node or expanded, and a switch between them; ``start`` ("collapsed" or
    "expanded") is the one shown first.
    """
    if not isinstance(output, Value):
        raise TypeError(f"animate needs a nnbook.autodiff.Value, got {type(output).__name__}")
    if start not in ("collapsed", "expanded"):
        raise ValueError(f"start must be 'collapsed' or 'expanded', got {start!r}")
    expanded = GraphAnimation(output, backward=backward, title=title)
    if not has_composites(output):
        return expanded
    collapsed = GraphAnimation(collapse(output), backward=backward, title=title)
    return GraphViews(collapsed, expanded, start=start)


def _number(ax, x: float, y: float, text: str, va: str, color: str):
    text = f"${text}$" if "^" in text else text  # a power of ten (fmt) in matplotlib's mathtext
    return ax.text(x + _R + 0.06, y, text, ha="left", va=va, color=color, fontsize=11)
