"""Optimizer trajectories on a 2-D test problem, as an animated figure.

:func:`animate_trajectories` runs several optimizers from the same start
(:func:`nnbook.testproblems.run_optimizer`) and draws their paths over the contours of the
loss, as one SVG whose segment for step ``k`` of optimizer ``j`` is a group ``<id>-s<k>-<j>``:
the same player as the computation graphs' reveals the paths step by step.  There is no
per-step marker: the growing path's end is the current point, and a marker per step and
optimizer would double the figure's weight.  Taught in "Optimizers" (``book/optimizers.md``,
section ``sec-optim-momentum``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import ClassVar

import matplotlib.pyplot as plt
import numpy as np
import torch

from ..checks import check_int
from ..testproblems import Problem, run_optimizer
from .player import PREFIX
from .render import render_png
from .stepped import Drawing, SteppedFigure

__all__ = ["TrajectoryAnimation", "animate_trajectories"]

_GIF_FRAMES = 60  # GIF for slides: at most this many frames
_DECIMALS = re.compile(r"(\.\d\d)\d+")


class TrajectoryAnimation(SteppedFigure):
    """Paths of several optimizers over the contours of a problem, revealed step by step.

    Parameters
    ----------
    problem
        The test problem whose contours are drawn.
    paths
        ``paths[name][k]`` is the point of optimizer ``name`` after ``k * every`` steps.
    every
        How many optimizer steps one frame stands for (the captions count optimizer steps).
    interval_ms
        Time per frame when the player plays.
    """

    kind = "tr"
    rc: ClassVar[dict[str, object]] = {
        "svg.fonttype": "none",
        "svg.hashsalt": "nnbook-traj",
        "font.family": "DejaVu Sans",
    }
    gif_dpi = 110

    def __init__(
        self,
        problem: Problem,
        paths: Mapping[str, np.ndarray],
        *,
        every: int = 1,
        interval_ms: int = 120,
    ):
        if not paths:
            raise ValueError("paths must name at least one optimizer")
        self.every = every
        self.problem = problem
        self.paths = {name: np.asarray(p, dtype=np.float64) for name, p in paths.items()}
        self.n_steps = max(len(p) for p in self.paths.values())  # frames: steps 0 .. n-1
        self.losses = {n: problem(torch.as_tensor(p)).numpy() for n, p in self.paths.items()}
        self.interval_ms = interval_ms
        self._finish()

    def _values(self, k: int) -> list[tuple[str, str]]:
        """``(optimizer, loss after step k)`` in the legend's order."""
        return [
            (name, f"{loss[k]:.3g}" if k < len(loss) else "diverged")
            for name, loss in self.losses.items()
        ]

    def captions(self) -> list[str]:
        """One LaTeX caption per frame: a small table of each optimizer's loss at that step,
        in the legend's order (one long line would run off a phone's screen)."""
        out = []
        for k in range(self.n_steps):
            rows = "".join(
                rf"\text{{{_tex_text(name)}}} & {_tex_value(value)} \\ "
                for name, value in self._values(k)
            )
            head = rf"\text{{step }} t = {k * self.every} & f(x_t, y_t) \\ \hline "
            out.append(rf"\begin{{array}}{{lr}} {head}{rows}\end{{array}}")
        return out

    def gif_captions(self) -> list[str]:
        """The same table as plain text, one optimizer per line (matplotlib draws no arrays)."""
        return [
            f"step t = {k * self.every}\n"
            + "\n".join(f"{name}: {value}" for name, value in self._values(k))
            for k in range(self.n_steps)
        ]

    def kinds(self) -> list[str]:
        return ["step"] * self.n_steps

    def _draw(self) -> Drawing:
        p = self.problem
        fig, ax = plt.subplots(figsize=(5.6, 3.9), layout="constrained")
        xx, yy = np.meshgrid(np.linspace(*p.xlim, 120), np.linspace(*p.ylim, 120))
        grid = torch.as_tensor(np.stack([xx, yy], axis=-1))
        zz = p(grid).numpy()
        levels = np.unique(np.quantile(zz, np.linspace(0.01, 0.95, 14) ** 2))
        ax.contour(xx, yy, zz, levels=levels, colors="0.6", linewidths=0.7)
        for mx, my in p.minima:
            ax.plot(mx, my, "*", color="k", ms=11, zorder=5)
        ax.plot(*p.start, "o", color="k", ms=5, zorder=5)
        segments: dict[int, list] = {}
        for j, (name, path) in enumerate(self.paths.items()):
            color = f"C{j}"
            ax.plot([], [], color=color, lw=2, label=name)  # legend entry, always visible
            for k in range(1, len(path)):
                (line,) = ax.plot(path[k - 1 : k + 1, 0], path[k - 1 : k + 1, 1], color=color,
                                  lw=1.8, solid_capstyle="round")  # fmt: skip
                line.set_gid(f"{PREFIX}-s{k}-{j}")
                segments.setdefault(k, []).append(line)
        ax.set_xlim(*p.xlim)
        ax.set_ylim(*p.ylim)
        ax.set_xlabel("$x$")
        ax.set_ylabel("$y$")
        ax.set_title(f"${p.tex}$", fontsize=10)
        ax.legend(loc="upper right", fontsize=8, framealpha=0.9)
        return fig, segments, {}

    def _caption(self, fig):
        return fig.supxlabel("", fontsize=8)  # below the axes' labels, laid out

    def _compact(self, svg: str) -> str:
        # path coordinates to 0.01 pt instead of matplotlib's 0.000001: a third lighter, and
        # no visible difference
        svg = re.sub(r' d="[^"]*"', lambda m: _DECIMALS.sub(r"\1", m.group(0)), svg)
        # the segments (the only round-capped lines) repeat one style per optimizer: name
        # each style once, as a class, instead of writing it into every segment
        styles: dict[str, str] = {}

        def to_class(m: re.Match) -> str:
            name = styles.setdefault(m.group(1), f"{PREFIX}-c{len(styles)}")
            return f'class="{name}"'

        svg = re.sub(r'style="([^"]*stroke-linecap: round[^"]*)"', to_class, svg)
        css = "".join(f".{name}{{{style}}}" for style, name in styles.items())
        return svg.replace("<defs>", f"<defs><style>{css}</style>", 1)

    def _repr_png_(self) -> bytes:
        """The last frame, every path drawn: for builders that cannot run the player."""
        import matplotlib as mpl

        with mpl.rc_context(self.rc):
            return render_png(self._draw()[0])

    def gif_steps(self) -> list[int]:
        """The steps a GIF shows: all of them, or at most ``_GIF_FRAMES`` evenly spread (first
        and last included), so that a long run stays a light file."""
        n = min(self.n_steps, _GIF_FRAMES)
        return sorted({round(k) for k in np.linspace(0, self.n_steps - 1, n)})

    def gif_ms(self) -> int:
        """Time per GIF frame, so the GIF lasts as long as the player's run."""
        return max(20, round(self.interval_ms * self.n_steps / len(self.gif_steps())))


def _tex_text(text: str) -> str:
    """``text`` safe inside ``\\text{...}``."""
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def _tex_value(value: str) -> str:
    return r"\text{diverged}" if value == "diverged" else value


def animate_trajectories(
    problem: Problem,
    optimizers: Mapping[str, Callable[[list[torch.Tensor]], torch.optim.Optimizer]],
    steps: int,
    *,
    start: tuple[float, float] | None = None,
    every: int = 1,
) -> TrajectoryAnimation:
    """Run each optimizer ``steps`` steps from the same start and animate their paths.

    With ``every > 1`` only every ``every``-th point is drawn (a lighter figure for long
    runs); the captions still count optimizer steps.
    """
    start = problem.start if start is None else start
    if not all(math.isfinite(v) for v in start):
        raise ValueError(f"start must be finite, got {start!r}")
    check_int("every", every)
    paths = {
        name: run_optimizer(problem, make, start, steps)[::every]
        for name, make in optimizers.items()
    }
    return TrajectoryAnimation(problem, paths, every=every)
