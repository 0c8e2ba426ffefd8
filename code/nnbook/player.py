"""The HTML of an animated figure: an inline SVG, its step captions, the controls, a transcript,
and the small self-contained player script (``assets/player.js``) that steps through it.

Used by :mod:`nnbook.graphfigure`; any figure whose SVG groups are named ``<id>-s<k>-<j>``
(revealed from step ``k`` on) and ``<id>-h<k>`` (shown at step ``k`` only) can use it.
"""

from __future__ import annotations

import html
from importlib.resources import files

__all__ = ["player_html"]

_ASSETS = files("nnbook") / "assets"
_CURRENT = ' class="current"'


def player_html(
    fig_id: str,
    svg: str,
    captions: list[str],
    kinds: list[str],
    *,
    interval_ms: int = 1500,
    autoplay: bool = True,
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
    """
    if len(captions) != len(kinds) or not captions:
        raise ValueError(f"need one kind per caption, got {len(captions)} and {len(kinds)}")
    n = len(captions)
    caps = "".join(
        f"<div{_CURRENT if k == n - 1 else ''}>\\({html.escape(c)}\\)</div>"
        for k, c in enumerate(captions)
    )
    items = "".join(
        f"<li><em>{html.escape(kind)}</em>: \\({html.escape(c)}\\)</li>"
        for kind, c in zip(kinds, captions, strict=True)
    )
    button = '<button type="button" data-act="{}" aria-label="{}">{}</button>'
    controls = "".join(
        button.format(*b)
        for b in [
            ("first", "First step", "\u23ee"),
            ("prev", "Previous step", "\u25c0"),
            ("play", "Play", "\u25b6"),
            ("next", "Next step", "\u25b6\u25b6"),
        ]
    )
    return (
        f"<style>{(_ASSETS / 'player.css').read_text()}</style>"
        f'<figure class="nnbook-anim" id="{fig_id}" tabindex="0" data-steps="{n}" '
        f'data-interval="{interval_ms}" data-autoplay="{str(autoplay).lower()}" '
        f'aria-label="Animated figure in {n} steps: arrow keys, Page Up/Down or space to step">'
        f'<div class="nnbook-anim-stage">{svg}</div>'
        f'<div class="nnbook-anim-captions mathjax_process" aria-live="polite">{caps}</div>'
        f'<div class="nnbook-anim-controls">{controls}'
        f'<input type="range" min="0" max="{n - 1}" value="{n - 1}" aria-label="Step">'
        f'<span class="nnbook-anim-counter">{n} / {n}</span>'
        + button.format("full", "Full screen", "\u26f6")
        + "</div>"
        f'<details class="nnbook-anim-transcript"><summary>Transcript ({n} steps)</summary>'
        f'<ol class="mathjax_process">{items}</ol></details></figure>'
        f"<script>{(_ASSETS / 'player.js').read_text()}</script>"
    )
