"""Computation graphs of `nnbook.autodiff.Value`: layout and the steps of an animation.

A recorded computation becomes a list of :class:`Step`: first the inputs, then one step per
operation in the order it was computed (the forward pass), then, if ``backward()`` was called,
one step per node in reverse order (the backward pass).  Every number a step shows is read off
the nodes, and its caption spells out the arithmetic.  Drawing is in
:mod:`nnbook.graphfigure`; taught in ``book/backprop.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .autodiff import Value

__all__ = ["Step", "build_steps", "layout", "symbols"]

_GREEK = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "zeta",
    "eta",
    "theta",
    "kappa",
    "mu",
    "nu",
    "xi",
    "pi",
    "rho",
    "tau",
    "phi",
    "chi",
    "psi",
    "omega",
]


@dataclass(frozen=True)
class Step:
    """One frame: what it reveals and how it was computed."""

    kind: str  # "inputs", "forward" or "backward"
    node_ids: tuple[int, ...]  # the nodes whose value (forward) or gradient (backward) appear
    tex: str  # the caption, in LaTeX that both MathJax and matplotlib's mathtext can typeset


def symbols(output: Value) -> dict[int, str]:
    """A LaTeX name for every node: its label, else the next Greek letter (``\\alpha``...)."""
    names: dict[int, str] = {}
    letters = iter(_GREEK)
    for k, node in enumerate(output.graph()):
        if node.label:
            names[node.id] = node.label
        else:
            letter = next(letters, None)
            names[node.id] = f"\\{letter}" if letter else f"v_{{{k}}}"
    return names


def fmt(x: float) -> str:
    """A number as the captions show it: integers plain, others with 4 decimals."""
    if abs(x - round(x)) < 5e-13:
        return str(round(x))
    return f"{x:.4f}".rstrip("0")


def _paren(s: str) -> str:
    return f"({s})" if s.startswith("-") else s


def _formula(node: Value, arg: list[str]) -> str:
    """The operation of ``node`` applied to the strings ``arg`` (names or numbers)."""
    op = node.op
    if op == "+":
        return f"{arg[0]} + {_paren(arg[1])}"
    if op == "-":
        return f"{arg[0]} - {_paren(arg[1])}"
    if op == "*":
        return f"{_paren(arg[0])} \\times {_paren(arg[1])}"
    if op == "/":
        return f"\\frac{{{arg[0]}}}{{{arg[1]}}}"
    if op.startswith("**"):
        return f"{_paren(arg[0])}^{{{op[2:]}}}"
    if op == "neg":
        return f"-({arg[0]})"
    func = {
        "exp": "\\exp",
        "log": "\\log",
        "tanh": "\\tanh",
        "sigmoid": "\\sigma",
        "relu": "\\mathrm{ReLU}",
    }[op]
    return f"{func}({arg[0]})"


def _partial(top: str, bottom: str) -> str:
    return f"\\frac{{\\partial {top}}}{{\\partial {bottom}}}"


def _consumers(order: list[Value]) -> dict[int, list[tuple[Value, int]]]:
    """For every node, the nodes that use it and at which input position."""
    uses: dict[int, list[tuple[Value, int]]] = {n.id: [] for n in order}
    for node in order:
        for k, inp in enumerate(node.inputs):
            uses[inp.id].append((node, k))
    return uses


def build_steps(output: Value, backward: bool = True) -> list[Step]:
    """The frames of the animation of ``output``'s graph.

    With ``backward=True`` the gradients must be those of exactly one ``output.backward()``
    (``output.grad == 1``), so that the figure shows what the engine computed.
    """
    if backward and output.grad != 1.0:
        raise ValueError(
            f"call output.backward() once before drawing the backward pass "
            f"(output.grad is {output.grad}, expected 1.0)"
        )
    order = output.graph()
    name = symbols(output)
    leaves = [n for n in order if not n.inputs]
    steps = [
        Step(
            "inputs",
            tuple(n.id for n in leaves),
            ",\\; ".join(f"{name[n.id]} = {fmt(n.data)}" for n in leaves if not n.constant)
            or "\\text{inputs}",
        )
    ]
    for node in order:
        if node.inputs:
            sym = _formula(node, [name[i.id] for i in node.inputs])
            num = _formula(node, [fmt(i.data) for i in node.inputs])
            steps.append(
                Step("forward", (node.id,), f"{name[node.id]} = {sym} = {num} = {fmt(node.data)}")
            )
    if not backward:
        return steps
    y = name[output.id]
    steps.append(Step("backward", (output.id,), f"{_partial(y, y)} = 1"))
    consumers = _consumers(order)
    for node in reversed(order[:-1]):
        if node.constant:
            continue
        uses = consumers[node.id]
        chain = " + ".join(
            _partial(y, name[c.id]) + _partial(name[c.id], name[node.id]) for c, _ in uses
        )
        nums = " + ".join(
            f"{_paren(fmt(c.grad))} \\times {_paren(fmt(c.local[k]))}" for c, k in uses
        )
        steps.append(
            Step(
                "backward",
                (node.id,),
                f"{_partial(y, name[node.id])} = {chain} = {nums} = {fmt(node.grad)}",
            )
        )
    return steps


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
    consumers = _consumers(order)
    for node in order:
        if not node.inputs:
            column[node.id] = (
                min(column[c.id] for c, _ in consumers[node.id]) - 1 if consumers[node.id] else 0
            )
    row: dict[int, float] = {output.id: 0.0}
    for col in range(column[output.id] - 1, -1, -1):
        members = [n for n in order if column[n.id] == col and n.id != output.id]
        if not members:
            continue

        def target(n: Value) -> tuple[float, float, int]:
            uses = [(c, k) for c, k in consumers[n.id] if c.id in row]
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
