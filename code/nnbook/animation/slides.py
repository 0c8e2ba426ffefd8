"""Figures for slides: each animated figure as a player page, a GIF, PNG key frames and an SVG.

When the environment variable ``NNBOOK_SLIDES_DIR`` names a folder (the Makefile sets it for
the book's build), an animated figure's HTML also saves, in that folder, files a lecturer can
put in a lecture, and links them under the figure:

- ``<id>.html``: the figure's player on a page of its own (full screen, clicker keys), with
  nothing fetched from anywhere: the book's build typesets its captions to SVG
  (``tools/typeset_math.js``), so the file works from a USB stick;
- ``<id>.gif``: every step, at least :data:`SLIDE_WIDTH_PX` pixels wide (sharp on a 1080p
  projector), and ``<id>-step<k>.png``: the key frames, as wide;
- ``<id>.svg``: the final frame (every step shown), scalable.

Drawing every step at that size takes seconds per figure, so the chapter need not wait for it:
when ``NNBOOK_SLIDES_QUEUE`` names a folder too, the figure is only pickled there (a
:class:`SlideJob`, drawn once) and ``tools/book_slides.py`` renders the queue after the
chapters executed, in parallel.  Without it the files are rendered at once.  A reader running a
chapter in Jupyter sets neither and gets no files and no wait.
"""

from __future__ import annotations

import dataclasses
import html
import os
import pickle
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import matplotlib as mpl

from .render import save_gif, step_frames, write_svg
from .theme import plain_colours

__all__ = [
    "QUEUE_ENV",
    "SLIDES_ENV",
    "SLIDES_URL",
    "SLIDE_WIDTH_PX",
    "SlideJob",
    "render_job",
    "save_for_slides",
    "standalone_page",
]

#: The environment variable naming the folder where figures save their files for slides.
SLIDES_ENV = "NNBOOK_SLIDES_DIR"
#: The environment variable naming the folder where figures leave their pickled drawing for
#: ``tools/book_slides.py`` to render, instead of rendering it while the chapter runs.
QUEUE_ENV = "NNBOOK_SLIDES_QUEUE"
#: Where that folder appears from a chapter page: the site's ``slides/``, one level up, since
#: the chapters live in ``book/``.
SLIDES_URL = "../slides/"
#: The smallest width of a GIF or PNG for slides: a full-width slide on a 1080p projector.
SLIDE_WIDTH_PX = 1600


@dataclasses.dataclass
class SlideJob:
    """Everything needed to render a figure's GIF and key frames, without the computation.

    ``drawing`` is the pickled ``(figure, revealed, highlights, caption)`` of a
    :class:`nnbook.animation.stepped.SteppedFigure` (see its ``_draw``): matplotlib figures
    pickle, and one pickle keeps the artists the step maps point to.
    """

    fig_id: str
    rc: Mapping[str, object]
    drawing: bytes
    gif_steps: list[int]
    gif_captions: list[str]
    key_steps: list[int]
    duration_ms: int
    min_dpi: float

    def png_name(self, step: int) -> str:
        """The file name of the key frame of ``step`` (counted from 1, as the player does)."""
        return f"{self.fig_id}-step{step + 1}.png"


def _frames(job: SlideJob, steps: Sequence[int], captions: Sequence[str]):
    figure, revealed, highlights, caption = pickle.loads(job.drawing)
    dpi = max(job.min_dpi, SLIDE_WIDTH_PX / figure.get_size_inches()[0])
    return step_frames(figure, steps, revealed, caption, captions, dpi, highlights=highlights)


def render_job(job: SlideJob, folder: str | Path) -> list[Path]:
    """Render ``job``'s GIF (every step, captioned) and PNG key frames (no caption) into
    ``folder``; the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with mpl.rc_context(job.rc):
        gif = folder / f"{job.fig_id}.gif"
        save_gif(gif, _frames(job, job.gif_steps, job.gif_captions), job.duration_ms)
        written = [gif]
        keys = _frames(job, job.key_steps, [""] * len(job.key_steps))
        for step, image in zip(job.key_steps, keys, strict=True):
            path = folder / job.png_name(step)
            image.save(path, format="PNG", optimize=True)
            written.append(path)
    return written


def standalone_page(player: str, title: str) -> str:
    """A page of its own for one figure's player: focused, at its first step, ready for a
    clicker (Page Down / Page Up), ``f`` for full screen."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title>"
        "<style>body{margin:0 auto;padding:1rem;max-width:1400px;"
        "font-family:system-ui,sans-serif;font-size:1.25rem}"
        ".nnbook-keys{color:#555;font-size:1rem}</style></head><body>"
        f"{player}"
        '<p class="nnbook-keys">Keys: Page Down, right arrow or space: next step; Page Up, '
        "left arrow: previous; Home, End: first, last; p: play or pause; f: full screen.</p>"
        "<script>(function () { var f = document.querySelector('.nnbook-anim'); f.focus();"
        " f.dispatchEvent(new KeyboardEvent('keydown', {key: 'Home'})); })();</script>"
        "</body></html>\n"
    )


def save_for_slides(
    fig_id: str, svg: str, page: Callable[[], str], job: Callable[[], SlideJob]
) -> list[tuple[str, str]]:
    """Save the figure's files for slides in ``$NNBOOK_SLIDES_DIR`` and return the links to
    them, ``(label, href)``; save nothing and return ``[]`` when it is not set.

    ``page`` makes the player page; ``job`` draws the figure (called only when the files are
    wanted).  With ``$NNBOOK_SLIDES_QUEUE`` set the job is pickled there, to be rendered by
    ``tools/book_slides.py``; otherwise it is rendered now.
    """
    folder = os.environ.get(SLIDES_ENV)
    if not folder:
        return []
    folder_path = Path(folder)
    folder_path.mkdir(parents=True, exist_ok=True)
    write_svg(folder_path / f"{fig_id}.svg", plain_colours(svg))  # no page theme there
    (folder_path / f"{fig_id}.html").write_text(page(), encoding="utf-8")
    drawn = job()
    queue = os.environ.get(QUEUE_ENV)
    if queue:
        Path(queue).mkdir(parents=True, exist_ok=True)
        # written whole, then renamed: tools/book_execute.py renders the queue while other
        # chapters are still writing to it
        partial = Path(queue) / f"{fig_id}.pickle.part"
        partial.write_bytes(pickle.dumps(drawn))
        partial.replace(Path(queue) / f"{fig_id}.pickle")
    else:
        render_job(drawn, folder_path)
    pngs = [
        (f"PNG {k + 1}", f"{SLIDES_URL}{drawn.png_name(k)}") for k in drawn.key_steps
    ]  # "PNG 5": the key frame of step 5
    return [
        ("player", f"{SLIDES_URL}{fig_id}.html"),  # labelled in the page's language
        ("GIF", f"{SLIDES_URL}{fig_id}.gif"),
        *pngs,
        ("SVG", f"{SLIDES_URL}{fig_id}.svg"),
    ]
