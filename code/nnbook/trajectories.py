"""Optimizer trajectories on a 2-D test problem, as an animated figure.

:func:`run_optimizer` records the path of one optimizer; :func:`animate_trajectories` runs
several from the same start and draws them over the contours of the loss, as one SVG whose
segment for step ``k`` of optimizer ``j`` is a group ``<id>-s<k>-<j>``: the player of
:mod:`nnbook.player` (the same as the computation graphs') reveals the paths step by step.
There is no per-step marker: the growing path's end is the current point, and a marker per
step and optimizer would double the figure's weight.  Taught in
"Optimizers" (``book/optimizers.md``, section ``sec-optim-momentum``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import torch

from .player import (
    PREFIX,
    name_figure,
    player_html,
    render_png,
    render_svg,
    save_gif,
    slides_links,
    step_frames,
    write_svg,
)
from .testproblems import Problem

__all__ = ["TrajectoryAnimation", "animate_trajectories", "run_optimizer"]

_GIF_FRAMES, _GIF_DPI = 60, 110  # GIF for slides: most frames, resolution
_RC = {"svg.fonttype": "none", "svg.hashsalt": "nnbook-traj", "font.family": "DejaVu Sans"}
_DECIMALS = re.compile(r"(\.\d\d)\d+")
_LIMIT = 1e6  # a coordinate beyond this counts as diverged: the path stops there


def run_optimizer(
    problem: Callable[[torch.Tensor], torch.Tensor],
    optimizer: Callable[[list[torch.Tensor]], torch.optim.Optimizer],
    start: tuple[float, float],
    steps: int,
) -> np.ndarray:
    """The points ``(steps + 1, 2)`` an optimizer visits from ``start`` on ``problem``.

    ``optimizer`` is called with ``[xy]``, e.g. ``lambda ps: torch.optim.SGD(ps, lr=0.1)``.
    If the iterate becomes non-finite or leaves ``|x|, |y| < 1e6`` the optimizer has
    diverged: the path ends there (it has fewer rows).
    """
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise ValueError(f"steps must be an integer >= 1, got {steps!r}")
    xy = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = optimizer([xy])
    path = [xy.detach().clone()]
    for _ in range(steps):
        opt.zero_grad()
        problem(xy).backward()
        opt.step()
        point = xy.detach().clone()
        if not torch.isfinite(point).all() or point.abs().max() > _LIMIT:
            break
        path.append(point)
    return torch.stack(path).numpy()


class TrajectoryAnimation:
    """Paths of several optimizers over the contours of a problem, revealed step by step."""

    def __init__(
        self,
        problem: Problem,
        paths: Mapping[str, np.ndarray],
        *,
        every: int = 1,
        interval_ms: int = 120,
    ):
        """``paths[name][k]`` is the point after ``k * every`` steps."""
        if not paths:
            raise ValueError("paths must name at least one optimizer")
        self.every = every
        self.problem = problem
        self.paths = {name: np.asarray(p, dtype=np.float64) for name, p in paths.items()}
        self.n_steps = max(len(p) for p in self.paths.values())  # frames: steps 0 .. n-1
        self.losses = {n: problem(torch.as_tensor(p)).numpy() for n, p in self.paths.items()}
        self.interval_ms = interval_ms
        self.id, self.svg = name_figure(self._draw_svg(), "tr")

    def captions(self) -> list[str]:
        """One LaTeX caption per frame: the loss of each optimizer at that step."""
        out = []
        for k in range(self.n_steps):
            parts = []
            for name, loss in self.losses.items():
                value = f"{loss[k]:.3g}" if k < len(loss) else r"\text{diverged}"
                parts.append(rf"\text{{{name}}}\ {value}")
            out.append(rf"t = {k * self.every}:\quad f = " + r",\ ".join(parts))
        return out

    def _draw(self):
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
        return fig, segments

    def _draw_svg(self) -> str:
        with mpl.rc_context(_RC):
            svg = render_svg(self._draw()[0])
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

    def _repr_html_(self) -> str:
        links = slides_links(self.id, self.svg, self._gif_frames, self._gif_ms())
        return player_html(self.id, self.svg, self.captions(), ["step"] * self.n_steps,
                           interval_ms=self.interval_ms, links=links)  # fmt: skip

    def _repr_png_(self) -> bytes:
        """The last frame, every path drawn: for builders that cannot run the player."""
        with mpl.rc_context(_RC):
            return render_png(self._draw()[0])

    def save_svg(self, path: str | Path) -> None:
        """The last frame as a standalone SVG file (for slides)."""
        write_svg(path, self.svg)

    def gif_steps(self) -> list[int]:
        """The steps a GIF shows: all of them, or at most ``_GIF_FRAMES`` evenly spread (first
        and last included), so that a long run stays a light file."""
        n = min(self.n_steps, _GIF_FRAMES)
        return sorted({round(k) for k in np.linspace(0, self.n_steps - 1, n)})

    def _gif_ms(self) -> int:
        """Time per GIF frame, so the GIF lasts as long as the player's run."""
        return max(20, round(self.interval_ms * self.n_steps / len(self.gif_steps())))

    def _gif_frames(self) -> list:
        steps, captions = self.gif_steps(), self.captions()
        with mpl.rc_context(_RC):
            fig, segments = self._draw()
            caption = fig.supxlabel("", fontsize=8)  # below the axes' labels, laid out
            texts = [f"${captions[k]}$" for k in steps]
            return step_frames(fig, steps, segments, caption, texts, _GIF_DPI)

    def save_gif(self, path: str | Path) -> None:
        """The run as an animated GIF (for slides), the losses of each frame underneath."""
        save_gif(path, self._gif_frames(), self._gif_ms())


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
    if isinstance(every, bool) or not isinstance(every, int) or every < 1:
        raise ValueError(f"every must be an integer >= 1, got {every!r}")
    paths = {
        name: run_optimizer(problem, make, start, steps)[::every]
        for name, make in optimizers.items()
    }
    return TrajectoryAnimation(problem, paths, every=every)
