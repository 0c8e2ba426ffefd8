"""Tables of computed numbers, as Markdown that the book pastes with ``{glue:md}``.

A chapter glues ``IPython.display.Markdown(markdown_table(...))`` and places it with the
``glue:md`` directive (``:format: myst``): the table is then a real table in HTML and in
LaTeX, and every number in it comes from the computation.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["markdown_table"]


def markdown_table(
    header: Sequence[str], rows: Sequence[Sequence[object]], *, floatfmt: str = ".3f"
) -> str:
    """A Markdown pipe table; floats are formatted with ``floatfmt``, other cells with ``str``.

    Raises
    ------
    ValueError
        When a row does not have one cell per column, or a cell contains ``|`` or a newline
        (either would break the table silently).
    """
    if not header:
        raise ValueError("header must name at least one column")

    def cell(value: object) -> str:
        text = format(value, floatfmt) if isinstance(value, float) else str(value)
        if "|" in text or "\n" in text:
            raise ValueError(f"table cell {text!r} contains '|' or a newline")
        return text

    lines = ["| " + " | ".join(cell(h) for h in header) + " |"]
    lines.append("|" + "|".join(" --- " for _ in header) + "|")
    for i, row in enumerate(rows):
        if len(row) != len(header):
            raise ValueError(f"row {i} has {len(row)} cells, the header has {len(header)}")
        lines.append("| " + " | ".join(cell(v) for v in row) + " |")
    return "\n".join(lines) + "\n"
