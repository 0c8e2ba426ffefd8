"""nnbook.animation.render: frames and GIFs."""

import pytest

from nnbook.animation.render import save_gif

SVG = "{http://www.w3.org/2000/svg}"


def test_a_gif_needs_frames(tmp_path):
    with pytest.raises(ValueError, match="at least one frame"):
        save_gif(tmp_path / "x.gif", [], 100)
