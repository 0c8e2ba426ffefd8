"""nnbook.animation.graph and the steps of nnbook.animation.steps: every number shown is
the engine's."""

import io
import re
import xml.etree.ElementTree as ET
from itertools import pairwise

import numpy as np
import pytest
from PIL import Image

from nnbook.animation.graph import animate
from nnbook.animation.slides import SLIDES_ENV, SLIDES_URL
from nnbook.animation.steps import build_steps, fmt
from nnbook.animation.theme import plain_colours
from nnbook.autodiff import Value

SVG = "{http://www.w3.org/2000/svg}"


def logistic_loss():
    w1, x1, w2, x2 = Value(1.0, "w_1"), Value(1.0, "x_1"), Value(0.5, "w_2"), Value(-1.0, "x_2")
    p = 1 / (1 + (-(w1 * x1 + w2 * x2)).exp())
    loss = -p.log()
    loss.label = "l"
    loss.backward()
    return loss, (w1, w2)


def groups_by_step(fig):
    """Step k -> the texts of the SVG groups revealed at step k."""
    root = ET.fromstring(fig.svg)
    shown: dict[int, list[str]] = {}
    for g in root.iter(f"{SVG}g"):
        m = re.fullmatch(rf"{fig.id}-s(\d+)-\d+", g.get("id", ""))
        if m:
            text = "".join(t.text or "" for t in g.iter(f"{SVG}text"))
            shown.setdefault(int(m.group(1)), []).append(text)
    return shown


def test_every_value_and_gradient_shown_is_the_engines():
    loss, _ = logistic_loss()
    fig = animate(loss)
    nodes = {n.id: n for n in loss.graph()}
    shown = groups_by_step(fig)
    for k, step in enumerate(fig.steps):
        expected = [
            fmt(nodes[i].grad if step.kind == "backward" else nodes[i].data)
            for i in step.node_ids
            if step.kind == "backward" or not nodes[i].constant
        ]
        assert shown.get(k, []) == expected, k


def test_one_group_per_step_and_a_ring_per_computed_node():
    loss, _ = logistic_loss()
    fig = animate(loss)
    shown = groups_by_step(fig)
    assert sorted(shown) == list(range(len(fig.steps)))
    rings = re.findall(rf'id="{fig.id}-h(\d+)"', fig.svg)
    assert sorted(map(int, rings)) == list(range(1, len(fig.steps)))


def test_logistic_example_numbers_and_caption():
    loss, (w1, w2) = logistic_loss()
    assert fmt(loss.data) == "0.4741"
    assert (fmt(w1.grad), fmt(w2.grad)) == ("-0.3775", "0.3775")
    captions = [s.tex for s in animate(loss).steps]
    assert any(c.endswith("= (-1) \\times 1.6065 = -1.6065") for c in captions)


def test_linear_example_gradients():
    a, x, b = Value(-2.0, "a"), Value(3.0, "x"), Value(4.0, "b")
    y = a * x + b
    y.label = "y"
    y.backward()
    tex = [s.tex for s in build_steps(y)]
    assert tex[0] == "a = -2,\\; x = 3,\\; b = 4"
    assert tex[-3:] == [
        "\\frac{\\partial y}{\\partial b} = \\frac{\\partial y}{\\partial y}"
        "\\frac{\\partial y}{\\partial b} = 1 \\times 1 = 1",
        "\\frac{\\partial y}{\\partial x} = \\frac{\\partial y}{\\partial \\alpha}"
        "\\frac{\\partial \\alpha}{\\partial x} = 1 \\times (-2) = -2",
        "\\frac{\\partial y}{\\partial a} = \\frac{\\partial y}{\\partial \\alpha}"
        "\\frac{\\partial \\alpha}{\\partial a} = 1 \\times 3 = 3",
    ]


def test_fan_out_caption_adds_the_terms():
    x = Value(2.0, "x")
    y = x * x
    y.label = "y"
    y.backward()
    assert build_steps(y)[-1].tex.endswith("= 1 \\times 2 + 1 \\times 2 = 4")


def test_forward_only_and_misuse():
    a, b = Value(1.0, "a"), Value(2.0, "b")
    c = a * b
    assert [s.kind for s in build_steps(c, backward=False)] == ["inputs", "forward"]
    with pytest.raises(ValueError, match=r"call output.backward\(\) once"):
        animate(c)
    c.backward()
    c.backward()
    with pytest.raises(ValueError, match=r"output\.grad is 2\.0"):
        animate(c)
    with pytest.raises(TypeError, match="Value"):
        animate(3.0)


def test_svg_is_byte_identical_and_html_self_contained():
    first, second = animate(logistic_loss()[0]), animate(logistic_loss()[0])
    assert first.svg == second.svg and first.id == second.id
    html = first._repr_html_()
    for url in re.findall(r'(?:src|href)="([^"]*)"', html):
        assert url.startswith("#"), url
    assert "url(http" not in html and "@import" not in html
    assert len(html.encode()) <= 64 * 1024


def test_different_figures_have_different_ids():
    a = Value(1.0, "a")
    b = a.exp()
    b.backward()
    assert animate(b).id != animate(logistic_loss()[0]).id


def test_static_outputs(tmp_path):
    loss, _ = logistic_loss()
    fig = animate(loss)
    png = Image.open(io.BytesIO(fig._repr_png_()))
    last = fig.frames([len(fig.steps) - 1], captions=False)[0]
    assert png.size == last.size  # the last step alone: every value and gradient
    assert fig.key_frames() == [9, len(fig.steps) - 1]
    fig.save_gif(tmp_path / "l.gif")
    with Image.open(tmp_path / "l.gif") as gif:
        assert gif.n_frames == len(fig.steps)
    fig.save_svg(tmp_path / "l.svg")
    ET.parse(tmp_path / "l.svg")  # well-formed


def test_figures_for_slides_are_saved_and_linked_only_for_the_build(tmp_path, monkeypatch):
    loss, _ = logistic_loss()
    fig = animate(loss)
    monkeypatch.delenv(SLIDES_ENV, raising=False)
    assert "For slides" not in fig._repr_html_()  # a reader's notebook: no files, no wait
    monkeypatch.setenv(SLIDES_ENV, str(tmp_path / "slides"))
    html = fig._repr_html_()
    gif, svg = tmp_path / "slides" / f"{fig.id}.gif", tmp_path / "slides" / f"{fig.id}.svg"
    for path in (gif, svg):
        assert f'href="{SLIDES_URL}{path.name}" download' in html
    # the final frame as on the page, in its light colours (no page theme in a slide)
    assert svg.read_text().endswith(plain_colours(fig.svg)) and "var(" not in svg.read_text()
    ET.parse(svg)
    with Image.open(gif) as im:
        assert im.n_frames == len(fig.steps)
        frames = []
        for k in range(im.n_frames):
            im.seek(k)
            frames.append(np.asarray(im.convert("RGB")))
            assert im.info["duration"] == 1500
    # every step changes the picture (a value, a gradient or the ring moves)
    assert all((a != b).any() for a, b in pairwise(frames))
    # values (blue) appear during the forward pass, gradients (red) only in the backward pass
    rgb = [f.astype(int) for f in frames]
    blue = [((f[..., 2] - f[..., 0]) > 60).sum() for f in rgb]
    red = [((f[..., 0] - f[..., 2]) > 60).sum() for f in rgb]
    forward_done = fig.key_frames()[0]
    assert blue[0] < blue[forward_done]
    assert abs(blue[-1] - blue[forward_done]) <= 0.01 * blue[-1]  # anti-aliasing differs
    assert red[forward_done - 1] < red[-1]


@pytest.mark.parametrize(
    "x, shown",
    [
        (2.0, "2"),
        (0.47414, "0.4741"),
        (-0.37751, "-0.3775"),
        (2.00001, "2"),  # 4 decimals, no dangling point
        (1e-5, "10^{-5}"),  # an epsilon is not 0
        (-1e-5, "-10^{-5}"),
        (2.5e-7, r"2.5 \times 10^{-7}"),
    ],
)
def test_numbers_in_captions(x, shown):
    assert fmt(x) == shown
