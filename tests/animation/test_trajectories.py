"""nnbook.animation.trajectories: optimizer paths revealed step by step."""

import re

import numpy as np
import pytest
import torch
from PIL import Image

import nnbook.optim as optim
from nnbook.animation.slides import SLIDES_ENV, SLIDES_URL
from nnbook.animation.theme import plain_colours
from nnbook.animation.trajectories import TrajectoryAnimation, animate_trajectories
from nnbook.testproblems import rosenbrock, run_optimizer


def _animation(steps=20):
    return animate_trajectories(
        rosenbrock,
        {
            "SGD": lambda ps: torch.optim.SGD(ps, lr=1e-3),
            "Adam": lambda ps: optim.Adam(ps, lr=0.1),
            "too fast": lambda ps: optim.SGD(ps, lr=0.05),
        },
        steps=steps,
    )


def test_one_svg_group_per_segment_and_captions_from_the_losses():
    anim = _animation()
    ids = re.findall(rf'id="{anim.id}-s(\d+)-(\d+)"', anim.svg)
    expected = {(k, j) for j, p in enumerate(anim.paths.values()) for k in range(1, len(p))}
    assert {(int(k), int(j)) for k, j in ids} == expected
    assert len(ids) == len(expected)
    # each optimizer's segment style is written once, as a class
    assert anim.svg.count("stroke-linecap: round") == len(anim.paths)
    assert anim.svg.count(f'class="{anim.id}-c0"') == len(anim.paths["SGD"]) - 1
    captions = anim.captions()
    assert len(captions) == anim.n_steps == 21
    adam = anim.paths["Adam"]
    assert f"{rosenbrock(torch.tensor(adam[7])).item():.3g}" in captions[7]
    assert len(anim.paths["too fast"]) < 21 and "diverged" in captions[-1]
    html = anim._repr_html_()
    assert f'data-steps="{anim.n_steps}"' in html


def test_captions_are_a_table_one_row_per_optimizer_in_the_legends_order():
    anim = _animation()
    assert min(len(v) for v in anim.losses.values()) > 2  # "too fast" diverges after that
    loss = {name: f"{v[2]:.3g}" for name, v in anim.losses.items()}
    caption = anim.captions()[2]
    assert caption.startswith(r"\begin{array}{lr}") and caption.endswith(r"\end{array}")
    rows = caption.split(r"\hline")[1].split(r"\\")[:-1]
    assert [r.strip() for r in rows] == [rf"\text{{{n}}} & {loss[n]}" for n in anim.paths]
    assert anim.captions()[-1].count(r"\text{diverged}") == 1
    # the GIF's caption: the same numbers as plain text, one line per optimizer
    assert anim.gif_captions()[2].splitlines() == ["step t = 2"] + [
        f"{n}: {loss[n]}" for n in anim.paths
    ]


def test_names_are_escaped_for_latex():
    anim = animate_trajectories(rosenbrock, {"SGD & 5% #1": lambda ps: optim.SGD(ps, lr=1e-3)}, 2)
    assert r"\text{SGD \& 5\% \#1}" in anim.captions()[0]


def test_animation_is_deterministic_and_light():
    a, b = _animation(60), _animation(60)
    assert a.svg == b.svg and a.id == b.id
    assert len(a._repr_html_().encode()) < 200_000
    assert a._repr_png_().startswith(b"\x89PNG")


def test_bad_arguments():
    with pytest.raises(ValueError, match="steps"):
        run_optimizer(rosenbrock, lambda ps: optim.SGD(ps, lr=0.1), (0.0, 0.0), 0)
    with pytest.raises(ValueError, match="at least one"):
        TrajectoryAnimation(rosenbrock, {})
    with pytest.raises(ValueError, match="finite"):
        animate_trajectories(
            rosenbrock, {"SGD": lambda ps: optim.SGD(ps)}, 5, start=(float("nan"), 0.0)
        )


def test_every_subsamples_and_captions_count_steps():
    anim = animate_trajectories(rosenbrock, {"SGD": lambda ps: optim.SGD(ps, lr=1e-3)}, 40, every=4)
    full = run_optimizer(rosenbrock, lambda ps: optim.SGD(ps, lr=1e-3), rosenbrock.start, 40)
    np.testing.assert_array_equal(anim.paths["SGD"], full[::4])
    assert anim.n_steps == 11 and r"t = 40 & f(x_t, y_t)" in anim.captions()[-1]
    assert anim.gif_captions()[-1].startswith("step t = 40\n")
    with pytest.raises(ValueError, match="every"):
        animate_trajectories(rosenbrock, {"SGD": lambda ps: optim.SGD(ps)}, 5, every=0)


def test_gif_for_slides_spreads_at_most_60_frames_over_the_run(tmp_path, monkeypatch):
    anim = _animation(200)
    steps = anim.gif_steps()
    assert steps[0] == 0 and steps[-1] == anim.n_steps - 1 and len(steps) == 60
    assert steps == sorted(set(steps))
    short = _animation()
    assert short.gif_steps() == list(range(short.n_steps))  # short runs keep every step
    monkeypatch.setenv(SLIDES_ENV, str(tmp_path))
    html = short._repr_html_()
    assert f'href="{SLIDES_URL}{short.id}.gif" download' in html
    with Image.open(tmp_path / f"{short.id}.gif") as gif:
        assert gif.n_frames == short.n_steps
        # the GIF lasts as long as the player's run
        assert gif.info["duration"] * gif.n_frames == short.interval_ms * short.n_steps
    assert (tmp_path / f"{short.id}.svg").read_text().endswith(plain_colours(short.svg))
