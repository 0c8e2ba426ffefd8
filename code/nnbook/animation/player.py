"""The HTML of an animated figure: an inline SVG, its step captions, the controls, a transcript,
and the small self-contained player script (``assets/player.js``) that steps through it.

Used by every :class:`nnbook.animation.stepped.SteppedFigure`; any figure whose SVG groups are
named ``<id>-s<k>-<j>`` (revealed from step ``k`` on) and ``<id>-h<k>`` (shown at step ``k``
only) can use it.  Such a figure is drawn with ``PREFIX`` in place of its id, rendered with
:func:`nnbook.animation.render.render_svg`, and given its id by :func:`name_figure`.

Figures for slides (the links under a figure) come from :mod:`nnbook.animation.slides`.
"""

from __future__ import annotations

import hashlib
import html
import math
import re
from collections.abc import Sequence
from importlib.resources import files
from typing import NamedTuple

from .captions import layout
from .labels import LABELS, label

__all__ = [
    "MIN_LABEL_PX",
    "PREFIX",
    "View",
    "ViewSwitch",
    "legible",
    "name_figure",
    "player_html",
]

#: Stands for the figure's id in the SVG ids of its steps until :func:`name_figure` sets it.
PREFIX = "STEPPREFIX"

_ASSETS = files("nnbook.animation") / "assets"
_CURRENT = ' class="current"'


class ViewSwitch(NamedTuple):
    """How a player is one of two views of a figure (collapsed and expanded composites).

    Attributes
    ----------
    other : str
        The other view's figure id.
    pressed : bool
        Whether this view is the expanded one (the switch's ``aria-pressed``).
    hidden : bool
        Whether it is not the view shown first.
    steps : sequence of int
        For each step of this view, the step of the other that shows as much.
    """

    other: str
    pressed: bool
    hidden: bool
    steps: Sequence[int]


View = ViewSwitch | None


def player_html(
    fig_id: str,
    svg: str,
    captions: list[str],
    kinds: list[str],
    *,
    interval_ms: int = 1500,
    autoplay: bool = True,
    links: Sequence[tuple[str, str]] = (),
    language: str = "en",
    view: View = None,
) -> str:
    """HTML for a stepped figure.

    Parameters
    ----------
    fig_id
        A page-unique id; it prefixes the ids of the SVG groups.
    svg
        The figure, drawn in its final state (every step shown): what a reader without
        JavaScript sees.
    captions
        One LaTeX caption per step, typeset by MathJax.
    kinds
        One word per step for the transcript ("forward", "backward", ...).
    autoplay
        Start playing when the figure scrolls into view, unless the reader prefers reduced
        motion.
    links
        ``(label, href)`` pairs shown under the figure as downloads "for slides" (see
        :mod:`nnbook.animation.slides`); a label that is a key of
        :data:`nnbook.animation.labels.LABELS` (``"player"``) is written in ``language``.
    language
        The language of the player's words (:data:`nnbook.animation.labels.LABELS`); the
        figure and its captions are the same in every language.
    view
        When the figure is one of two views (:class:`ViewSwitch`): the switch to the other
        (a toggle button, key ``e``), the step map, and whether it starts hidden.
    """
    if len(captions) != len(kinds) or not captions:
        raise ValueError(f"need one kind per caption, got {len(captions)} and {len(kinds)}")
    n = len(captions)

    def word(key: str) -> str:  # a step kind the labels do not know is written as it is
        return label(key, language, n) if key in LABELS["en"] else key

    captions = [layout(c) for c in captions]  # long ones broken at "=" and "+" to fit a phone
    caps = "".join(
        f"<div{_CURRENT if k == n - 1 else ''}>\\({html.escape(c)}\\)</div>"
        for k, c in enumerate(captions)
    )
    items = "".join(
        f"<li><em>{html.escape(word(kind))}</em>: \\({html.escape(c)}\\)</li>"
        for kind, c in zip(kinds, captions, strict=True)
    )
    button = '<button type="button" data-act="{}" aria-label="{}">{}</button>'
    icons = {
        "first": _icon("M3 3h2v10H3z", "M13 3v10L6 8z"),
        "prev": _icon("M12 3v10L5 8z"),
        "play": _icon("M5 3v10l8-5z", cls="i-play")
        + _icon("M4 3h3v10H4zM9 3h3v10H9z", cls="i-pause"),
        "next": _icon("M4 3v10l7-5z", "M11 3h2v10h-2z"),
        "full": _icon("M2 2h5v2H4v3H2zM9 2h5v5h-2V4H9zM2 9h2v3h3v2H2zM12 9h2v5H9v-2h3z"),
    }
    controls = "".join(button.format(act, word(act), icons[act]) for act in list(icons)[:4])
    full = button.format("full", word("full"), icons["full"])
    data = ""
    if view is not None:
        if len(view.steps) != n:
            raise ValueError(f"view.steps needs one step per caption ({n}), got {len(view.steps)}")
        data = (f' data-other="{html.escape(view.other)}" data-map="'
                + ",".join(str(int(k)) for k in view.steps) + '"'
                + (" hidden" if view.hidden else ""))  # fmt: skip
        full = (f'<button type="button" aria-pressed="{str(view.pressed).lower()}" '
                f'title="{html.escape(word("view_key"))}" '
                f'data-act="view">{html.escape(word("view"))}</button>{full}')  # fmt: skip
    slides = ""
    if links:
        anchors = " · ".join(
            f'<a href="{html.escape(href)}" download>{html.escape(word(name))}</a>'
            for name, href in links
        )
        slides = f'<div class="nnbook-anim-slides">{html.escape(word("slides"))} {anchors}</div>'
    return (
        f"<style>{(_ASSETS / 'player.css').read_text()}</style>"
        f'<figure class="nnbook-anim" id="{fig_id}" tabindex="0" data-steps="{n}" '
        f'data-interval="{interval_ms}" data-autoplay="{str(autoplay).lower()}"{data} '
        f'aria-label="{html.escape(word("figure"))}">'
        # focusable, so that a keyboard can scroll a figure wider than the screen (WCAG 2.1.1)
        f'<div class="nnbook-anim-stage" tabindex="0" role="group" '
        f'aria-label="{html.escape(word("stage"))}">'
        f"{legible(svg)}</div>"
        f'<div class="nnbook-anim-captions mathjax_process" aria-live="polite">{caps}</div>'
        f'<div class="nnbook-anim-controls">{controls}'
        f'<input type="range" min="0" max="{n - 1}" value="{n - 1}" aria-label="{word("slider")}">'
        f'<span class="nnbook-anim-counter">{n} / {n}</span>' + full + "</div>"
        f'<details class="nnbook-anim-transcript"><summary>{html.escape(word("transcript"))}'
        "</summary>"
        f'<ol class="mathjax_process">{items}</ol></details>{slides}</figure>'
        f"<script>{(_ASSETS / 'player.js').read_text()}</script>"
    )


#: The smallest size, in CSS pixels, at which a figure's labels may be drawn on any screen.
MIN_LABEL_PX = 11


def legible(svg: str, min_label_px: float = MIN_LABEL_PX) -> str:
    """``svg`` with a minimum width at which its smallest label is ``min_label_px`` tall.

    A label's size on screen is its font size times (rendered width / viewBox width), so a
    large graph shrunk into a phone's column becomes unreadable.  With this minimum width the
    figure stops shrinking there; its stage scrolls sideways instead and the player keeps the
    current step in view (``assets/player.js``).
    """
    view = re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) [\d.]+"', svg)
    sizes = [float(f) for f in re.findall(r"font-size: ?([\d.]+)px", svg)]
    if not view or not sizes:
        return svg
    width = math.ceil(float(view.group(1)) * min_label_px / min(sizes))
    return svg.replace("<svg ", f'<svg style="min-width: {width}px" ', 1)


def name_figure(svg: str, kind: str) -> tuple[str, str]:
    """A page-unique id from the SVG's content, and the SVG with ``PREFIX`` replaced by it.

    The id depends only on what is drawn, so two builds give the same id.
    """
    fig_id = f"{kind}-" + hashlib.sha256(svg.encode()).hexdigest()[:10]
    return fig_id, svg.replace(PREFIX, fig_id)


def _icon(*paths: str, cls: str = "") -> str:
    """A 16 x 16 icon drawn in the text colour (font glyphs for these are often missing)."""
    d = "".join(f'<path d="{p}"/>' for p in paths)
    c = f' class="{cls}"' if cls else ""
    return f'<svg{c} viewBox="0 0 16 16" width="14" height="14" fill="currentColor">{d}</svg>'
