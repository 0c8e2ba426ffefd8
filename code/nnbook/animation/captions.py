"""Step captions laid out to fit a phone's column: long equations broken at their "=" and "+".

A step caption of a computation graph is one chain of equalities, e.g. the chain rule summed
over three consumers and then evaluated::

    dL/dgamma = dL/du_1 du_1/dgamma + dL/du_2 du_2/dgamma + ... = 1 x (-1.07) + ... = 0.134

On one line that is wider than a phone's screen, and MathJax 3 does not break lines.
:func:`layout` estimates a caption's width and, when it is too wide, sets it as an
``aligned`` block: one row per "=", and a row still too wide continued at its top-level "+"
signs.  A caption that fits stays one line.  The estimate is deliberately generous; the browser
check (``tools/browser_check.py``) measures the real widths at 1280 and 390 px.
"""

from __future__ import annotations

import re

__all__ = ["MAX_EM", "layout", "width_em"]

#: The widest caption row, in em of the formula's font (MathJax draws math about 1.18 times the
#: text's size): a 390-px phone's column holds 17.2 of them, a figure inside an exercise's
#: solution 13.7, and the estimate was up to 20 % short of the width MathJax draws on a few
#: captions (measured on the book's captions in Chromium).
MAX_EM = 11.0

_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[{}]|[^\\{}]")
_WIDE = {r"\times": 1.3, r"\quad": 1.0, r"\qquad": 2.0, r"\cdot": 0.8, r"\partial": 0.6}
_NAMES = {r"\log", r"\exp", r"\sin", r"\cos", r"\tanh", r"\max", r"\min", r"\ln"}
_SKIP = {r"\left", r"\right", r"\,", r"\;", r"\!", r"\ ", r"\hat", r"\bar", r"\tilde", r"\text"}


def _groups(tokens: list[str], i: int) -> tuple[list[str], int]:
    """The tokens of the brace group starting at ``tokens[i]`` (or the single token there)."""
    if tokens[i] != "{":
        return [tokens[i]], i + 1
    depth, j = 0, i
    while j < len(tokens):
        depth += {"{": 1, "}": -1}.get(tokens[j], 0)
        if depth == 0:
            return tokens[i + 1 : j], j + 1
        j += 1
    return tokens[i + 1 :], len(tokens)


def _width(tokens: list[str]) -> float:
    total, i = 0.0, 0
    while i < len(tokens):
        t = tokens[i]
        if t == r"\frac":  # an inline fraction: as wide as its wider part, in a smaller font
            top, i = _groups(tokens, i + 1)
            bottom, i = _groups(tokens, i)
            total += 0.75 * max(_width(top), _width(bottom)) + 0.3
            continue
        if t in ("{", "}", " ") or t in _SKIP:
            pass
        elif t in ("=", "+"):
            total += 1.5  # the operator and its spaces
        elif t in "-":
            total += 1.0
        elif t in _WIDE:
            total += _WIDE[t]
        elif t in _NAMES:  # an operator name is set upright, letter by letter
            total += 0.5 * (len(t) - 1) + 0.2
        elif t.startswith("\\"):
            total += 0.65  # a Greek letter or another symbol
        elif t in "().,":
            total += 0.35
        else:
            total += 0.55  # a digit or a letter
        i += 1
    return total


def width_em(tex: str) -> float:
    """A generous estimate of the width of inline math ``tex``, in em."""
    return _width(_TOKEN.findall(tex))


def _split_top(tex: str, sep: str) -> list[str]:
    """``tex`` split at ``sep`` outside braces and parentheses."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(tex):
        if ch in "{(":
            depth += 1
        elif ch in "})":
            depth -= 1
        elif ch == sep and depth == 0 and tex[i - 1 : i] != "\\":
            parts.append(tex[start:i].strip())
            start = i + 1
    parts.append(tex[start:].strip())
    return parts


def _split_list(tex: str) -> list[str]:
    """The items of a list of assignments ``a = 1,\\; b = 2`` (the inputs' caption)."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(tex):
        ch = tex[i]
        depth += {"{": 1, "(": 1, "}": -1, ")": -1}.get(ch, 0)
        if depth == 0 and tex.startswith(",\\;", i):
            parts.append(tex[start:i].strip())
            start = i = i + 3
            continue
        i += 1
    parts.append(tex[start:].strip())
    return parts


def layout(tex: str, max_em: float = MAX_EM) -> str:
    """``tex`` as one line if it fits in ``max_em``, else as an ``aligned`` block (see above).
    A list of assignments (``a = 1,\\; b = 2``) gets one row per assignment instead."""
    if width_em(tex) <= max_em or tex.lstrip().startswith(r"\begin"):
        return tex
    items = _split_list(tex)
    if len(items) > 1:
        rows = [item.replace("=", "&=", 1) + ("," if k < len(items) - 1 else "")
                for k, item in enumerate(items)]  # fmt: skip
        return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"
    sides = _split_top(tex, "=")
    if len(sides) < 2:
        return tex
    rows = []
    for k, rhs in enumerate(sides[1:]):
        lead = (sides[0] + " ") if k == 0 else ""
        terms = _split_top(rhs, "+")
        row = f"{lead}&= {terms[0]}"
        for term in terms[1:]:
            if width_em(f"{row} + {term}") > max_em:
                rows.append(row)
                row = rf"&\quad + {term}"
            else:
                row = f"{row} + {term}"
        rows.append(row)
    return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"
