"""Rendering a figure for the page and for slides: inline SVG, PNG, frames and GIF.

The matplotlib and Pillow side of every animated figure (:mod:`nnbook.animation.stepped`):
reproducible bytes (no date, no software stamp), and frames of a figure drawn once and
re-rendered per step, as the player would show it.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

from ..figures.style import SVG_METADATA

__all__ = ["render_png", "render_svg", "save_gif", "step_frames", "write_svg"]


def render_svg(fig: Figure) -> str:
    """``fig`` as SVG markup to inline in HTML (no XML prologue, no date); closes ``fig``."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata=SVG_METADATA)
    plt.close(fig)
    svg = buf.getvalue()
    return svg[svg.index("<svg") :]


def render_png(fig: Figure, dpi: int = 110) -> bytes:
    """``fig`` as PNG bytes without a software stamp (reproducible); closes ``fig``."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def step_frames(
    fig: Figure,
    steps: Sequence[int],
    revealed: Mapping[int, Sequence[Artist]],
    caption: Text,
    captions: Sequence[str],
    dpi: int,
    highlights: Mapping[int, Artist] | None = None,
) -> list[Image.Image]:
    """Frames of a figure drawn once, as the player shows it at each of ``steps``.

    At step ``k`` the artists of ``revealed[j]`` show for ``j <= k`` (the SVG's ``-s<j>-``
    groups), ``highlights[k]`` alone shows (the ``-h<k>`` groups), and ``caption`` reads
    ``captions[i]`` for the ``i``-th step.  Each frame is re-rendered, not re-drawn; closes
    ``fig``.

    A figure with a layout engine (``layout="constrained"``) is laid out once, at the last of
    ``steps`` (the most drawn), and every frame keeps that layout: the axes do not shift when
    a caption is taller, and the engine does not run again for each frame (it took about a
    quarter of a frame's time).
    """
    fig.set_facecolor("white")
    fig.set_dpi(dpi)

    def show(k: int, text: str) -> None:
        for j, artists in revealed.items():
            for artist in artists:
                artist.set_visible(j <= k)
        for j, artist in (highlights or {}).items():
            artist.set_visible(j == k)
        caption.set_text(text)

    if fig.get_layout_engine() is not None and steps:
        show(steps[-1], captions[-1])
        fig.canvas.draw()
        fig.set_layout_engine("none")  # keep the positions just computed
    frames = []
    for k, text in zip(steps, captions, strict=True):
        show(k, text)
        fig.canvas.draw()
        frames.append(Image.fromarray(np.asarray(fig.canvas.buffer_rgba())).convert("RGB"))
    plt.close(fig)
    return frames


def save_gif(path: str | Path, frames: Sequence[Image.Image], duration_ms: int) -> None:
    """Frames as a looping GIF with one palette taken from the last frame (every value
    drawn), without dithering: flat colours stay flat, so unchanged areas cost nothing."""
    if not frames:
        raise ValueError("a GIF needs at least one frame")
    palette = frames[-1].quantize(colors=255, dither=Image.Dither.NONE)
    indexed = [f.quantize(palette=palette, dither=Image.Dither.NONE) for f in frames]
    indexed[0].save(path, save_all=True, append_images=indexed[1:], loop=0, duration=duration_ms)


def write_svg(path: str | Path, svg: str) -> None:
    """Save inlined SVG markup as a standalone file (for slides)."""
    Path(path).write_text('<?xml version="1.0" encoding="utf-8"?>\n' + svg)
