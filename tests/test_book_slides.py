"""tools/book_slides.py: the queued figures rendered after execution, the player pages typeset."""

import re

from book_build import load_tool
from PIL import Image

from nnbook.animation.graph import animate
from nnbook.animation.slides import QUEUE_ENV, SLIDE_WIDTH_PX, SLIDES_ENV
from nnbook.autodiff import Value

book_slides = load_tool("book_slides")


def test_queued_figures_are_rendered_and_their_pages_typeset(tmp_path, monkeypatch):
    out, queue = tmp_path / "slides", tmp_path / "queue"
    monkeypatch.setenv(SLIDES_ENV, str(out))
    monkeypatch.setenv(QUEUE_ENV, str(queue))
    figures = []
    for a in (2.0, 3.0):
        x = Value(a)
        y = (x * x + Value(1.0)).tanh()
        y.backward()
        figures.append(animate(y))
        figures[-1]._repr_html_()
    assert len(list(queue.glob("*.pickle"))) == 2 and not list(out.glob("*.gif"))
    assert book_slides.main(["--queue", str(queue), "--out", str(out), "--jobs", "2"]) == 0
    assert not list(queue.glob("*.pickle"))  # each job removed once its files exist
    for fig in figures:
        with Image.open(out / f"{fig.id}.gif") as gif:
            assert gif.n_frames == len(fig.steps) and gif.width >= SLIDE_WIDTH_PX
        page = (out / f"{fig.id}.html").read_text()
        assert "\\(" not in page and page.count("<mjx-container") == 2 * len(fig.steps)
        assert not re.search(r'(src|href)="(https?:)?//', page)
    # A second run renders nothing and typesets nothing twice.
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert book_slides.main(["--queue", str(queue), "--out", str(out)]) == 0
    assert before == {p.name: p.read_bytes() for p in out.iterdir()}
