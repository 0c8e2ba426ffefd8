"""Files for slides: a player page that needs nothing else, a GIF and key frames >= 1600 px wide,
rendered at once or queued for tools/book_slides.py with the same result."""

import pickle
import re

import numpy as np
import pytest
from PIL import Image

from nnbook.animation.graph import animate
from nnbook.animation.slides import (
    QUEUE_ENV,
    SLIDE_WIDTH_PX,
    SLIDES_ENV,
    SLIDES_URL,
    render_job,
    standalone_page,
)
from nnbook.autodiff import Value


def small_graph():
    a, x, b = Value(2.0), Value(-1.5), Value(0.5)
    y = (a * x + b).tanh()
    y.backward()
    return animate(y)


def gif_frames(path):
    with Image.open(path) as im:
        frames = []
        for k in range(im.n_frames):
            im.seek(k)
            frames.append(np.asarray(im.convert("RGB")))
    return frames


def test_a_small_figure_is_rendered_wide_enough_for_a_projector(tmp_path, monkeypatch):
    fig = small_graph()
    monkeypatch.setenv(SLIDES_ENV, str(tmp_path))
    monkeypatch.delenv(QUEUE_ENV, raising=False)
    html = fig._repr_html_()
    frames = gif_frames(tmp_path / f"{fig.id}.gif")
    assert len(frames) == len(fig.steps)
    assert all(f.shape[1] >= SLIDE_WIDTH_PX for f in frames)
    assert fig.key_frames() == [3, 9]  # forward pass done (4 steps), backward pass done
    for k in fig.key_frames():
        name = f"{fig.id}-step{k + 1}.png"
        assert f'href="{SLIDES_URL}{name}" download' in html
        with Image.open(tmp_path / name) as png:
            assert png.width >= SLIDE_WIDTH_PX
    for name in (f"{fig.id}.html", f"{fig.id}.gif", f"{fig.id}.svg"):
        assert f'href="{SLIDES_URL}{name}" download' in html
        assert (tmp_path / name).is_file()


def test_the_player_page_stands_alone(tmp_path, monkeypatch):
    fig = small_graph()
    monkeypatch.setenv(SLIDES_ENV, str(tmp_path))
    fig._repr_html_()
    page = (tmp_path / f"{fig.id}.html").read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert f'id="{fig.id}"' in page and 'data-autoplay="false"' in page  # the lecturer steps
    assert "For slides" not in page  # no links to itself
    assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing fetched from elsewhere
    assert page.count("<script>") == 2  # the player and the focus-on-load script, inline


def test_a_queued_figure_renders_later_to_the_same_files(tmp_path, monkeypatch):
    fig = small_graph()
    now, later, queue = tmp_path / "now", tmp_path / "later", tmp_path / "queue"
    monkeypatch.setenv(SLIDES_ENV, str(now))
    monkeypatch.delenv(QUEUE_ENV, raising=False)
    html_now = fig._repr_html_()
    monkeypatch.setenv(SLIDES_ENV, str(later))
    monkeypatch.setenv(QUEUE_ENV, str(queue))
    assert fig._repr_html_() == html_now  # the same links
    assert not (later / f"{fig.id}.gif").exists()  # nothing rendered while the chapter runs
    job = pickle.loads((queue / f"{fig.id}.pickle").read_bytes())
    written = render_job(job, later)
    assert sorted(p.name for p in written) == sorted(
        p.name for p in now.iterdir() if p.suffix in (".gif", ".png")
    )
    for path in written:
        a = gif_frames(path) if path.suffix == ".gif" else [np.asarray(Image.open(path))]
        b = (
            gif_frames(now / path.name)
            if path.suffix == ".gif"
            else [np.asarray(Image.open(now / path.name))]
        )
        assert len(a) == len(b) and all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))


def test_no_files_for_a_reader(monkeypatch):
    monkeypatch.delenv(SLIDES_ENV, raising=False)
    assert "For slides" not in small_graph()._repr_html_()


@pytest.mark.parametrize("title", ["A <b> figure", "x & y"])
def test_the_page_title_is_escaped(title):
    assert "<title>" + title.replace("&", "&amp;").replace("<", "&lt;").replace(
        ">", "&gt;"
    ) in standalone_page("", title)


def test_queueing_a_figure_leaves_no_figure_open(tmp_path, monkeypatch):
    # Jupyter's inline backend would show (and warn about) any figure left open in pyplot
    import matplotlib.pyplot as plt

    plt.close("all")
    monkeypatch.setenv(SLIDES_ENV, str(tmp_path / "slides"))
    monkeypatch.setenv(QUEUE_ENV, str(tmp_path / "queue"))
    small_graph()._repr_html_()
    assert list((tmp_path / "queue").glob("*.pickle")) and plt.get_fignums() == []
