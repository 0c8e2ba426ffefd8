"""Animated figures in the reader's theme: dark ink on a light card, or light ink on a dark one.

matplotlib writes every colour of an SVG as a literal (``style="fill: #1f5fa8"``).
:func:`themeable` turns each into a CSS variable with that literal as its fallback,
``fill: var(--nnb-1f5fa8, #1f5fa8)``, and adds a style sheet that gives the variables their
dark-theme values when the page is in dark mode (``html[data-theme="dark"]``, the
pydata-sphinx-theme switch).  In light mode, and anywhere the variables are not set (a slide,
an image viewer), the figure keeps matplotlib's colours; :func:`plain_colours` removes the
variables for a standalone file.

A dark colour is the light one with its lightness mirrored (light grey on white becomes dark
grey on the dark card) and, for ink, raised until it has at least WCAG's 4.5 : 1 contrast on
the dark card, so that values stay blue, gradients red and the highlight amber, and every
label stays legible.  The card itself is the theme's "on-background" surface.
"""

from __future__ import annotations

import colorsys
import re

from .player import PREFIX

__all__ = ["DARK_CARD", "DARK_INK", "contrast", "dark_colour", "plain_colours", "themeable"]

#: The dark theme's surface the figure sits on (pydata-sphinx-theme's
#: ``--pst-color-on-background`` in dark mode) and its text colour (``--pst-color-text-base``).
DARK_CARD = "#222832"
DARK_INK = "#ced6dd"
_LIGHT_CARD = "#ffffff"
_MIN_CONTRAST = 4.5  # WCAG 2 AA for normal text
_COLOUR = re.compile(r"((?:fill|stroke): ?)(#[0-9a-fA-F]{6})\b")
_VARIABLE = re.compile(r"var\(--nnb-[0-9a-f]{6}, (#[0-9a-f]{6})\)")


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", hex_colour):
        raise ValueError(f"hex_colour must look like '#1f5fa8', got {hex_colour!r}")
    return tuple(int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02x}" for c in rgb)


def _luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def dark_colour(hex_colour: str) -> str:
    """The dark-theme version of a light-theme colour.

    White (the card) becomes :data:`DARK_CARD` and black :data:`DARK_INK`.  Every other colour
    keeps its hue and saturation; its lightness is mirrored (``l -> 1 - l``; a colour keeps
    the lighter of ``l`` and ``1 - l``, so it does not turn murky), and ink is then lightened
    until it has :data:`_MIN_CONTRAST` on :data:`DARK_CARD`.  A very light colour
    (lightness > 0.9: a node's face, a legend's box) is a surface, never ink: on a white page
    it could not be read as ink anyway.
    """
    colour = hex_colour.lower()
    if colour == _LIGHT_CARD:
        return DARK_CARD
    if colour == "#000000":
        return DARK_INK
    h, lightness, s = colorsys.rgb_to_hls(*_rgb(colour))
    surface = lightness > 0.9
    lightness = max(lightness, 1 - lightness) if s > 0.08 and not surface else 1 - lightness
    out = _hex(colorsys.hls_to_rgb(h, lightness, s))
    while not surface and contrast(out, DARK_CARD) < _MIN_CONTRAST and lightness < 1:
        lightness = min(1.0, lightness + 0.02)
        out = _hex(colorsys.hls_to_rgb(h, lightness, s))
    return out


def themeable(svg: str) -> str:
    """``svg`` with its colours as CSS variables and their dark-theme values.

    The style sheet is scoped to the figure (its id is :data:`~nnbook.animation.player.PREFIX`
    until :func:`~nnbook.animation.player.name_figure` names it), so figures on one page do
    not touch each other.  Unfilled text and paths (matplotlib leaves black implicit) take
    :data:`DARK_INK` from the root.
    """
    found: dict[str, None] = {}

    def variable(m: re.Match) -> str:
        colour = m.group(2).lower()
        found[colour] = None
        return f"{m.group(1)}var(--nnb-{colour[1:]}, {colour})"

    svg = _COLOUR.sub(variable, svg)
    values = "".join(f"--nnb-{c[1:]}: {dark_colour(c)};" for c in sorted(found))
    css = (
        f'html[data-theme="dark"] #{PREFIX} {{{values}}}'
        f'html[data-theme="dark"] #{PREFIX} .nnbook-anim-stage > svg {{fill: {DARK_INK}}}'
    )
    return svg.replace("<defs>", f"<defs><style>{css}</style>", 1)


def plain_colours(svg: str) -> str:
    """``svg`` with matplotlib's literal colours back (for a file opened outside the book)."""
    svg = re.sub(r'<style>html\[data-theme="dark"\][^<]*</style>', "", svg)
    return _VARIABLE.sub(r"\1", svg)
