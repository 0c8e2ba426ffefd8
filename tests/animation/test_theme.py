"""nnbook.animation.theme: animated figures in the light and the dark theme."""

import re

import pytest

from nnbook.animation.graph import animate
from nnbook.animation.theme import (
    DARK_CARD,
    DARK_INK,
    contrast,
    dark_colour,
    plain_colours,
    themeable,
)
from nnbook.autodiff import Value

# the colours the book's figures draw with: graph values, gradients, highlight, greys, the
# trajectories' tab10 lines
INK = ["#1f5fa8", "#c0392b", "#f2b134", "#4c4c4c", "#737373", "#333333", "#000000",
       "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#999999"]  # fmt: skip


def test_contrast_matches_wcag_reference_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#123456", "#123456") == pytest.approx(1.0)


@pytest.mark.parametrize("colour", INK)
def test_every_ink_is_legible_on_the_dark_card_and_keeps_its_hue(colour):
    dark = dark_colour(colour)
    assert contrast(dark, DARK_CARD) >= 4.5
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    dr, dg, db = (int(dark[i : i + 2], 16) for i in (1, 3, 5))
    # the strongest channel of a colour stays the strongest: blue stays blue, red stays red
    if len({r, g, b}) > 1:
        assert max(range(3), key=(r, g, b).__getitem__) == max(
            range(3), key=(dr, dg, db).__getitem__
        )


def test_surfaces_stay_dark_and_the_extremes_take_the_themes_colours():
    assert dark_colour("#ffffff") == DARK_CARD and dark_colour("#000000") == DARK_INK
    assert contrast(dark_colour("#f5f5f5"), "#000000") < 2  # a node's light face stays dark


def test_bad_colour_is_named():
    with pytest.raises(ValueError, match="hex_colour"):
        dark_colour("blue")


def _figure():
    a, b = Value(2.0), Value(3.0)
    y = a * b + a
    y.backward()
    return animate(y)


def test_a_figure_switches_every_colour_in_dark_mode_and_only_its_own():
    anim = _figure()
    styles = " ".join(re.findall(r'style="([^"]*)"', anim.svg))
    literal = re.findall(r"(?:fill|stroke): ?(#[0-9a-f]{6})", styles)
    assert literal == []  # every colour is a variable with its light value as fallback
    used = set(re.findall(r"var\(--nnb-([0-9a-f]{6}), #\1\)", anim.svg))
    assert {"1f5fa8", "c0392b", "f2b134", "ffffff"} <= used
    sheet = re.search(r'<style>(html\[data-theme="dark"\] #' + anim.id + r" \{[^<]*)</style>",
                      anim.svg).group(1)  # fmt: skip
    assert {c: f"--nnb-{c}: {dark_colour('#' + c)};" in sheet for c in used} == dict.fromkeys(
        used, True
    )
    assert f".nnbook-anim-stage > svg {{fill: {DARK_INK}}}" in sheet
    assert 'data-theme="dark"] #' + anim.id in anim._repr_html_()


def test_plain_colours_restores_matplotlibs_literals():
    svg = '<svg><defs></defs><path style="fill: #1f5fa8; stroke: #ffffff"/></svg>'
    themed = themeable(svg)
    assert "var(--nnb-1f5fa8, #1f5fa8)" in themed
    assert plain_colours(themed) == svg


def test_player_css_uses_the_dark_card():
    from importlib.resources import files

    css = (files("nnbook.animation") / "assets" / "player.css").read_text()
    assert f'html[data-theme="dark"] .nnbook-anim-stage {{ background: {DARK_CARD}; }}' in css
