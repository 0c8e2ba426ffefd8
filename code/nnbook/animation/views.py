"""Two views of one animated graph: its composite operations collapsed, or expanded.

:func:`nnbook.animation.graph.animate` gives a graph with composite operations
(:mod:`nnbook.animation.composite`) two players on the page, one shown and one hidden, each
with a switch (a toggle button, key ``e``) that hides it and shows the other at the step
that shows as much: a step of the collapsed view reveals a node the expanded view reveals
too, so it maps to that step; a step of the expanded view maps to the last collapsed step at
or before it.  Counter, captions and transcript are each view's own.  Each view saves its own
files for slides (:mod:`nnbook.animation.slides`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from .player import ViewSwitch

__all__ = ["GraphViews", "step_maps"]

Key = tuple[str, tuple[str, ...]]


class _View(Protocol):
    id: str

    def step_keys(self) -> list[Key]: ...

    def _repr_html_(self, view: ViewSwitch | None = None) -> str: ...

    def _repr_png_(self) -> bytes: ...

    def save_svg(self, path: str | Path) -> None: ...

    def save_gif(self, path: str | Path, ms_per_frame: int | None = None) -> None: ...


def step_maps(collapsed: Sequence[Key], expanded: Sequence[Key]) -> tuple[list[int], list[int]]:
    """For each collapsed step the expanded step that shows the same node, and for each
    expanded step the last collapsed step at or before it."""
    where = {key: k for k, key in enumerate(expanded)}
    missing = [key for key in collapsed if key not in where]
    if missing:
        raise ValueError(f"collapsed steps {missing[:3]} are not steps of the expanded view")
    to_expanded = [where[key] for key in collapsed]
    if to_expanded != sorted(to_expanded) or to_expanded[:1] != [0]:
        raise ValueError(f"the collapsed steps come in another order: {to_expanded}")
    to_collapsed = [
        max(j for j, k in enumerate(to_expanded) if k <= i) for i in range(len(expanded))
    ]
    return to_expanded, to_collapsed


class GraphViews:
    """A graph figure with its composites collapsed and expanded.

    The PNG fallback, the static SVG and the GIF (``save_svg``, ``save_gif``) are those of
    the view shown first.

    Parameters
    ----------
    collapsed, expanded
        The two views (:class:`nnbook.animation.graph.GraphAnimation`): the same steps, the
        collapsed view's a subset of the expanded view's.
    start
        The view shown first: "collapsed" or "expanded".
    """

    def __init__(self, collapsed: _View, expanded: _View, *, start: str = "collapsed"):
        if start not in ("collapsed", "expanded"):
            raise ValueError(f"start must be 'collapsed' or 'expanded', got {start!r}")
        self.collapsed, self.expanded, self.start = collapsed, expanded, start
        self.shown = collapsed if start == "collapsed" else expanded
        self.maps = step_maps(collapsed.step_keys(), expanded.step_keys())

    def _repr_html_(self) -> str:
        to_expanded, to_collapsed = self.maps
        first = ViewSwitch(self.expanded.id, False, self.start != "collapsed", to_expanded)
        second = ViewSwitch(self.collapsed.id, True, self.start != "expanded", to_collapsed)
        return (
            '<div class="nnbook-anim-views">'
            + self.collapsed._repr_html_(view=first)
            + self.expanded._repr_html_(view=second)
            + "</div>"
        )

    def _repr_png_(self) -> bytes:
        return self.shown._repr_png_()

    def save_svg(self, path: str | Path) -> None:
        """The final frame of the view shown first, for slides."""
        self.shown.save_svg(path)

    def save_gif(self, path: str | Path, ms_per_frame: int | None = None) -> None:
        """The steps of the view shown first, as an animated GIF."""
        self.shown.save_gif(path, ms_per_frame)
