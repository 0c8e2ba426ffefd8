"""The base of every animated figure: drawn once, played step by step in the browser.

A stepped figure is one matplotlib drawing in which everything step ``k`` reveals is a set of
artists with SVG ids ``<id>-s<k>-<j>`` and the highlight of step ``k`` alone is ``<id>-h<k>``
(see :mod:`nnbook.animation.player`).  A subclass says what to draw and what each step's
caption reads; this class turns that into the page's player, the PNG fallback's frames, the GIF
and SVG for slides, all under the subclass's matplotlib settings.  Subclasses:
:class:`nnbook.animation.graph.GraphAnimation` and
:class:`nnbook.animation.trajectories.TrajectoryAnimation`.
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import ClassVar

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

from .labels import label
from .player import View, name_figure, player_html
from .render import render_svg, save_gif, step_frames, write_svg
from .slides import SlideJob, save_for_slides, standalone_page
from .theme import themeable

__all__ = ["SteppedFigure"]

Drawing = tuple[Figure, Mapping[int, Sequence[Artist]], Mapping[int, Artist]]


class SteppedFigure:
    """An animated figure: subclasses set the class attributes and implement the hooks.

    Attributes
    ----------
    kind : str
        The prefix of the figure's id (``"cg"`` for graphs, ``"tr"`` for trajectories).
    rc : dict
        The matplotlib settings every drawing of the figure is made under.
    interval_ms : int
        Time per step when the player plays.
    gif_dpi : int
        Resolution of the GIF for slides.
    """

    kind = "fig"
    rc: ClassVar[Mapping[str, object]] = {}
    interval_ms = 1500
    gif_dpi = 110

    def _finish(self) -> None:
        """Draw the figure's SVG once and name it: subclasses call this at the end of
        ``__init__``, once everything the drawing needs is set."""
        with mpl.rc_context(self.rc):
            svg = themeable(self._compact(render_svg(self._draw()[0])))
        self.id, self.svg = name_figure(svg, self.kind)

    # -- what a subclass provides --------------------------------------------------------
    def _draw(self) -> Drawing:
        """The figure in its final state, the artists each step reveals, and the artist each
        step highlights."""
        raise NotImplementedError

    def _caption(self, fig: Figure) -> Text:
        """The text artist that shows a step's caption in GIF frames."""
        raise NotImplementedError

    def captions(self) -> list[str]:
        """One LaTeX caption per step."""
        raise NotImplementedError

    def kinds(self) -> list[str]:
        """One word per step for the transcript ("forward", "backward", "step"...)."""
        raise NotImplementedError

    def gif_captions(self) -> list[str]:
        """The captions as matplotlib draws them into GIF frames: by default each LaTeX caption
        as mathtext; a subclass whose captions use what mathtext lacks (arrays) overrides it."""
        return [f"${text}$" for text in self.captions()]

    def gif_steps(self) -> list[int]:
        """The steps a GIF shows (all of them, unless a subclass thins them out)."""
        return list(range(len(self.captions())))

    def gif_ms(self) -> int:
        """Time per GIF frame."""
        return self.interval_ms

    def key_frames(self) -> list[int]:
        """The steps worth a still image (for slides): the last one, everything shown."""
        return [len(self.captions()) - 1]

    def _compact(self, svg: str) -> str:
        """A chance to make the SVG lighter before it is named (nothing by default)."""
        return svg

    # -- what every stepped figure does --------------------------------------------------
    def frames(
        self, steps: Sequence[int], dpi: int = 110, captions: bool = True
    ) -> list[Image.Image]:
        """Images of the figure at each of ``steps``, as the player shows them."""
        texts = self.gif_captions()
        with mpl.rc_context(self.rc):
            fig, revealed, highlights = self._draw()
            caption = self._caption(fig)
            shown = [texts[k] if captions else "" for k in steps]
            return step_frames(fig, steps, revealed, caption, shown, dpi, highlights=highlights)

    def _gif_frames(self) -> list[Image.Image]:
        return self.frames(self.gif_steps(), dpi=self.gif_dpi)

    def _slide_job(self) -> SlideJob:
        """The figure drawn once, with the steps and captions its slide files show."""
        texts, steps = self.gif_captions(), self.gif_steps()
        with mpl.rc_context(self.rc):
            fig, revealed, highlights = self._draw()
            drawing = pickle.dumps((fig, revealed, highlights, self._caption(fig)))
        # pyplot must forget it: Jupyter's inline backend shows every figure still open at
        # the end of a cell (a stray image, and a layout warning on stderr)
        plt.close(fig)
        return SlideJob(
            fig_id=self.id,
            rc=dict(self.rc),
            drawing=drawing,
            gif_steps=steps,
            gif_captions=[texts[k] for k in steps],
            key_steps=self.key_frames(),
            duration_ms=self.gif_ms(),
            min_dpi=self.gif_dpi,
        )

    def _player(
        self, links: Sequence[tuple[str, str]] = (), autoplay: bool = True, view: View = None
    ) -> str:
        return player_html(
            self.id, self.svg, self.captions(), self.kinds(),
            interval_ms=self.interval_ms, autoplay=autoplay, links=links, view=view,
        )  # fmt: skip

    def _repr_html_(self, view: View = None) -> str:
        """The player, its files for slides saved (see :mod:`nnbook.animation.slides`);
        ``view`` makes it one of two views of a figure (:mod:`nnbook.animation.views`)."""

        def page() -> str:  # for a lecture: no autoplay, the lecturer steps
            n = len(self.captions())
            return standalone_page(self._player(autoplay=False), label("page", n=n))

        links = save_for_slides(self.id, self.svg, page, self._slide_job)
        return self._player(links, view=view)

    def save_svg(self, path: str | Path) -> None:
        """The final frame (every step shown) as a standalone SVG file, for slides."""
        write_svg(path, self.svg)

    def save_gif(self, path: str | Path, ms_per_frame: int | None = None) -> None:
        """The steps as an animated GIF, caption included, for slides."""
        save_gif(path, self._gif_frames(), ms_per_frame or self.gif_ms())
