"""Check a LaTeX build of the book: every figure has an image, never an empty placeholder.

Usage: python tools/check_latex.py _build/latex/book.tex
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def empty_figures(tex: str) -> list[str]:
    """The labels (or first caption words) of figure environments without an image."""
    bad = []
    for body in re.findall(r"\\begin\{figure\}(.*?)\\end\{figure\}", tex, re.S):
        if "includegraphics" not in body:
            label = re.search(r"\\label\{\\detokenize\{([^}]*)\}\}", body)
            bad.append(label.group(1) if label else body[:80])
    return bad


def main(path: str) -> int:
    tex = Path(path).read_text()
    n = len(re.findall(r"\\begin\{figure\}", tex))
    bad = empty_figures(tex)
    if bad or n == 0:
        print(f"check_latex: {len(bad)} of {n} figures have no image: {bad}")
        return 1
    print(f"check_latex: all {n} figures have an image")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
