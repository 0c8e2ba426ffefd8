"""nnbook.animation.captions: long step captions broken at "=" and "+" to fit a phone."""

import pytest

from nnbook.animation.captions import MAX_EM, layout, width_em
from nnbook.animation.graph import animate
from nnbook.animation.scalar_graphs import batchnorm_graph

LONG = (
    r"\frac{\partial L}{\partial \beta} = \frac{\partial L}{\partial y_1}\frac{\partial y_1}"
    r"{\partial \beta} + \frac{\partial L}{\partial y_2}\frac{\partial y_2}{\partial \beta} + "
    r"\frac{\partial L}{\partial y_3}\frac{\partial y_3}{\partial \beta} = 1 \times 1 + (-2) "
    r"\times 1 + 0.5 \times 1 = -0.5"
)


def test_a_short_caption_stays_one_line():
    short = r"y = a x + b = 7"
    assert width_em(short) < MAX_EM and layout(short) == short


def test_width_grows_with_content_and_a_fraction_counts_its_wider_part():
    assert width_em("a") < width_em("ab") < width_em("a + b")
    assert width_em(r"\frac{abc}{d}") == pytest.approx(width_em(r"\frac{d}{abc}"))
    assert width_em(r"\frac{abc}{d}") < width_em("abc")  # an inline fraction is smaller


def test_a_long_caption_is_aligned_at_its_equals_signs_and_continued_at_plus():
    out = layout(LONG)
    assert out.startswith(r"\begin{aligned}") and out.endswith(r"\end{aligned}")
    rows = out[len(r"\begin{aligned}") : -len(r"\end{aligned}")].split(r" \\ ")
    assert rows[0].startswith(r"\frac{\partial L}{\partial \beta} &= ")
    assert rows[-1] == "&= -0.5"
    assert all(width_em(row) <= MAX_EM for row in rows)
    # nothing lost: the same terms in the same order
    flat = "".join(rows).replace("&", "").replace(r"\quad", "").replace(" ", "")
    assert flat == LONG.replace(" ", "")


def test_sums_inside_parentheses_or_braces_are_not_broken():
    tex = r"z = (a_1 + a_2 + a_3 + a_4 + a_5 + a_6 + a_7 + a_8 + a_9 + a_{10} + a_{11}) \times 2"
    rows = layout(tex, max_em=10).split(r" \\ ")
    assert len(rows) == 1 or all(row.count("(") == row.count(")") for row in rows)


def test_arrays_and_captions_without_equals_are_left_alone():
    table = r"\begin{array}{lr} a & 1 \\ b & 2 \end{array}"
    assert layout(table, max_em=1) == table
    assert layout("a + b + c + d", max_em=1) == "a + b + c + d"


def test_every_caption_of_the_batch_norm_graph_fits_after_layout():
    loss, _ = batchnorm_graph([1.0, 2.0, 4.0], gamma=1.5, beta=0.5, upstream=[1.0, -2.0, 0.5])
    loss.backward()
    views = animate(loss)
    for caption in views.collapsed.captions() + views.expanded.captions():
        for row in layout(caption).split(r" \\ "):
            assert (
                width_em(row.replace(r"\begin{aligned}", "").replace(r"\end{aligned}", ""))
                <= MAX_EM + 2
            )
    html = views._repr_html_()
    assert r"\begin{aligned}" in html  # the player shows the laid-out captions


def test_a_list_of_assignments_gets_one_row_per_assignment():
    tex = r"w_1 = 1,\; x_1 = 1,\; w_2 = 0.5,\; x_2 = -1"
    assert layout(tex, max_em=5) == (
        r"\begin{aligned}w_1 &= 1, \\ x_1 &= 1, \\ w_2 &= 0.5, \\ x_2 &= -1\end{aligned}"
    )
    assert layout(r"a = 2,\; x = 3") == r"a = 2,\; x = 3"  # short: one line
