"""Where each node of an animated computation graph sits: a layered layout.

Leaves on the left, the output on the right, operations in columns by depth; used by
:mod:`nnbook.animation.graph`.
"""

from __future__ import annotations

from ..autodiff import Value
from .steps import consumers

__all__ = ["layout"]


def layout(output: Value) -> dict[int, tuple[float, float]]:
    """Layered positions ``(column, row)``: leaves on the left, the output on the right.

    An operation sits one column right of its deepest input; a leaf sits just left of its
    first consumer.  Within a column, nodes are ordered by the rows of their consumers (the
    barycentre heuristic) and spaced at least one row apart, so no two nodes overlap.
    """
    order = output.graph()
    column: dict[int, int] = {}
    for node in order:
        column[node.id] = 1 + max((column[i.id] for i in node.inputs), default=-1)
    uses_of = consumers(order)
    for node in order:
        if not node.inputs:
            column[node.id] = (
                min(column[c.id] for c, _ in uses_of[node.id]) - 1 if uses_of[node.id] else 0
            )
    row: dict[int, float] = {output.id: 0.0}
    for col in range(column[output.id] - 1, -1, -1):
        members = [n for n in order if column[n.id] == col and n.id != output.id]
        if not members:
            continue

        def target(n: Value) -> tuple[float, float, int]:
            uses = [(c, k) for c, k in uses_of[n.id] if c.id in row]
            if not uses:
                return (0.0, 0.0, n.id)
            mean = sum(row[c.id] for c, _ in uses) / len(uses)
            return (mean, min(k for _, k in uses), n.id)

        members.sort(key=target)
        wanted = [target(n)[0] for n in members]
        placed: list[float] = []
        for w in wanted:
            placed.append(w if not placed else max(w, placed[-1] + 1.0))
        shift = sum(w - p for w, p in zip(wanted, placed, strict=True)) / len(placed)
        for n, p in zip(members, placed, strict=True):
            row[n.id] = p + shift
    return {n.id: (float(column[n.id]), row[n.id]) for n in order}
