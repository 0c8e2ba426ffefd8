"""nnbook.animation.player: the page's player keeps every label legible."""

import re

import pytest

from nnbook.animation.graph import animate
from nnbook.animation.player import MIN_LABEL_PX, ViewSwitch, legible, player_html
from nnbook.autodiff import Value


def _effective_min_label(svg: str) -> float:
    """The smallest label's size in CSS px when the figure is drawn at its minimum width."""
    view_width = float(re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+)', svg).group(1))
    min_width = float(re.search(r'style="min-width: (\d+)px"', svg).group(1))
    smallest = min(float(f) for f in re.findall(r"font-size: ?([\d.]+)px", svg))
    return smallest * min_width / view_width


@pytest.mark.parametrize("n_terms", [1, 4, 12])
def test_no_label_is_drawn_below_the_minimum_on_any_screen(n_terms):
    xs = [Value(0.1 * k, f"x_{k}") for k in range(1, n_terms + 1)]
    total = xs[0]
    for x in xs[1:]:
        total = total + x * x
    out = total.tanh()
    out.backward()
    svg = legible(animate(out).svg)
    assert MIN_LABEL_PX <= _effective_min_label(svg) < MIN_LABEL_PX + 0.1


def test_the_player_inlines_the_legible_svg():
    y = Value(2.0, "a") * Value(3.0, "b")
    y.backward()
    html = animate(y)._repr_html_()
    assert 'screen)"><svg style="min-width: ' in html
    # the stage can take the keyboard's focus (it may scroll sideways)
    assert '<div class="nnbook-anim-stage" tabindex="0" role="group" aria-label=' in html


def test_an_svg_without_text_is_left_alone():
    svg = '<svg viewBox="0 0 10 10"><path d="M0 0"/></svg>'
    assert legible(svg) == svg


def test_a_view_switch_is_a_toggle_button_with_the_step_map():
    svg = '<svg viewBox="0 0 10 10"><text style="font-size: 11px">a</text></svg>'
    view = ViewSwitch("cg-other", pressed=False, hidden=True, steps=[0, 2])
    html = player_html("cg-this", svg, ["a = 1", "b = 2"], ["inputs", "forward"], view=view)
    assert 'data-other="cg-other" data-map="0,2" hidden ' in html
    assert (
        '<button type="button" aria-pressed="false" title="Switch between the composite '
        'operations and every operation (key e)" data-act="view">Show every operation<' in html
    )
    assert "<li><em>inputs</em>: " in html
    japanese = player_html(
        "cg-this", svg, ["a = 1", "b = 2"], ["inputs", "forward"], view=view, language="ja"
    )
    assert "<li><em>入力</em>: " in japanese and "（キー e）" in japanese
    assert 'data-act="view"' not in player_html("cg-this", svg, ["a = 1"], ["inputs"])
    with pytest.raises(ValueError, match=r"view.steps needs one step per caption \(2\), got 1"):
        player_html(
            "cg-this", svg, ["a", "b"], ["inputs", "forward"], view=view._replace(steps=[0])
        )
