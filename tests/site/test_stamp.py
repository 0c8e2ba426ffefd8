"""nnbook.site.stamp: the reproducibility stamp."""

import torch


def test_build_stamp_names_versions_and_commit():
    import platform
    import re

    from nnbook import __version__
    from nnbook.site.stamp import build_stamp

    stamp = build_stamp()
    assert stamp.startswith(f"nnbook {__version__} (commit ")
    assert re.search(r"commit ([0-9a-f]{12}|unknown)", stamp)
    assert f"torch {torch.__version__}" in stamp and f"Python {platform.python_version()}" in stamp
