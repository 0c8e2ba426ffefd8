"""nnbook.animation.views: a graph with composites is two players, one switch between them,
and each step of one view maps to the step of the other that shows as much."""

import io
import re

import pytest
from PIL import Image

from nnbook.animation.graph import GraphAnimation, animate
from nnbook.animation.labels import localize
from nnbook.animation.scalar_graphs import batchnorm_graph
from nnbook.animation.views import GraphViews, step_maps


def bn_figure(**kwargs):
    loss, _ = batchnorm_graph([1.0, 2.0, 4.0], 1.5, 0.5, [1.0, -2.0, 0.5])
    loss.backward()
    return animate(loss, **kwargs)


def test_step_maps_follow_the_nodes_both_ways():
    fig = bn_figure()
    assert isinstance(fig, GraphViews)
    small, big = fig.collapsed.step_keys(), fig.expanded.step_keys()
    to_big, to_small = fig.maps
    assert [big[k] for k in to_big] == small  # the same node, value or gradient
    assert to_big == sorted(to_big) and len(to_small) == len(big)
    for k, j in enumerate(to_small):  # the last collapsed step not ahead of the expanded one
        assert to_big[j] <= k and (j + 1 == len(small) or to_big[j + 1] > k)
    assert to_small[-1] == len(small) - 1  # the end is the end


def test_step_maps_refuse_views_of_different_graphs():
    keys = [("inputs", ()), ("forward", ("a",)), ("forward", ("b",))]
    assert step_maps(keys[:2], keys) == ([0, 1], [0, 1, 1])
    with pytest.raises(ValueError, match="are not steps of the expanded view"):
        step_maps([*keys[:1], ("forward", ("c",))], keys)
    with pytest.raises(ValueError, match="in another order"):
        step_maps([keys[0], keys[2], keys[1]], keys)


def test_the_page_holds_both_views_and_one_switch_each():
    fig = bn_figure()
    html = fig._repr_html_()
    figures = re.findall(r'<figure class="nnbook-anim" id="([^"]+)"[^>]*>', html)
    assert figures == [fig.collapsed.id, fig.expanded.id]
    tags = re.findall(r'<figure class="nnbook-anim"[^>]*>', html)
    assert " hidden " not in tags[0] and " hidden " in tags[1]  # collapsed first
    assert f'data-other="{fig.expanded.id}"' in tags[0]
    assert f'data-other="{fig.collapsed.id}"' in tags[1]
    pressed = re.findall(
        r'aria-pressed="(true|false)" title="[^"]*" data-act="view">Show every operation<', html
    )
    assert pressed == ["false", "true"]
    maps = re.findall(r'data-map="([\d,]+)"', html)
    assert [list(map(int, m.split(","))) for m in maps] == list(fig.maps)
    assert html.count('data-steps="32"') == 1 and html.count('data-steps="68"') == 1
    # the Japanese edition's switch
    assert "すべての演算を表示" in localize(html, "ja")
    assert fig._repr_html_() == html  # the same build after build


def test_expanded_first_on_request_and_the_fallbacks_follow_the_view_shown():
    fig = bn_figure(start="expanded")
    tags = re.findall(r'<figure class="nnbook-anim"[^>]*>', fig._repr_html_())
    assert " hidden " in tags[0] and " hidden " not in tags[1]
    png = Image.open(io.BytesIO(fig._repr_png_()))
    assert png.size == Image.open(io.BytesIO(fig.expanded._repr_png_())).size
    assert png.size != Image.open(io.BytesIO(fig.collapsed._repr_png_())).size
    with pytest.raises(ValueError, match="start must be 'collapsed' or 'expanded', got 'both'"):
        bn_figure(start="both")


def test_the_collapsed_view_draws_each_composite_as_a_double_ring():
    fig = bn_figure()
    assert isinstance(fig.collapsed, GraphAnimation)
    # an inner ring (drawn 0.8 wide) for each of the 10 composites, none when expanded
    assert fig.collapsed.svg.count("stroke-width: 0.8") == 10
    assert "stroke-width: 0.8" not in fig.expanded.svg
    for symbol in ("mean", "var", "1/√", "Σ"):
        assert f">{symbol}<" in fig.collapsed.svg, symbol
    assert r"<!-- $\gamma\hat{x}+\beta$ -->" in fig.collapsed.svg  # mathtext: one glyph each
    assert ">var<" not in fig.expanded.svg
