"""The steps of an animated computation graph, read off a recorded `nnbook.autodiff.Value`.

A recorded computation becomes a list of :class:`Step`: first the inputs, then one step per
operation in the order it was computed (the forward pass), then, if ``backward()`` was called,
one step per node in reverse order (the backward pass).  Every number a step shows is read off
the nodes, and its caption spells out the arithmetic.  How each operation is written
comes from :data:`nnbook.ops.OPS`; the positions from :mod:`nnbook.animation.layout`, the
drawing from :mod:`nnbook.animation.graph`.  Taught in ``book/backprop.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..autodiff import Value
from ..ops import COMPOSITE, formula, paren

__all__ = ["Step", "build_steps", "consumers", "fmt", "symbols"]

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
    """A LaTeX name for every node: its label, else the next Greek letter (``\\alpha``...)
    that no label uses, then the letters again with a prime.  Never a counter: a caption
    reads as mathematics, and two nodes never share a name."""
    order = output.graph()
    used = {n.label for n in order if n.label}
    letters = (f"\\{g}{prime}" for prime in ("", "'", "''") for g in _GREEK if f"\\{g}" not in used)
    names: dict[int, str] = {}
    for node in order:
        name = node.label or next(letters, None)
        if name is None:
            raise ValueError(
                f"the graph has more unnamed nodes than the {3 * len(_GREEK)} names available: "
                "give some intermediate nodes a label"
            )
        names[node.id] = name
    return names


def fmt(x: float) -> str:
    """A number as the captions show it (LaTeX): integers plain, others with 4 decimals, and
    one that 4 decimals would show as 0 in powers of ten (an epsilon of 1e-5 is not 0)."""
    if abs(x - round(x)) < 5e-13:
        return str(round(x))
    if abs(x) < 5e-5:
        mantissa, exponent = f"{x:.2e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".")
        power = f"10^{{{int(exponent)}}}"
        return {"1": power, "-1": "-" + power}.get(mantissa, rf"{mantissa} \times {power}")
    return f"{x:.4f}".rstrip("0").rstrip(".")


def _partial(top: str, bottom: str) -> str:
    return f"\\frac{{\\partial {top}}}{{\\partial {bottom}}}"


def consumers(order: list[Value]) -> dict[int, list[tuple[Value, int]]]:
    """For every node, the nodes that use it and at which input position."""
    uses: dict[int, list[tuple[Value, int]]] = {n.id: [] for n in order}
    for node in order:
        for k, inp in enumerate(node.inputs):
            uses[inp.id].append((node, k))
    return uses


def _formula(node: Value, operands: list[str]) -> str:
    """The formula of ``node``'s operation; a composite's is written by its group (a negative
    number in parentheses, whatever the group's formula does with it)."""
    if node.op == COMPOSITE:
        return node.group.formula([paren(a) for a in operands])
    return formula(node.op, operands)


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
    uses_of = consumers(order)
    for node in reversed(order[:-1]):
        if node.constant:
            continue
        uses = uses_of[node.id]
        chain = " + ".join(
            _partial(y, name[c.id]) + _partial(name[c.id], name[node.id]) for c, _ in uses
        )
        nums = " + ".join(f"{paren(fmt(c.grad))} \\times {paren(fmt(c.local[k]))}" for c, k in uses)
        steps.append(
            Step(
                "backward",
                (node.id,),
                f"{_partial(y, name[node.id])} = {chain} = {nums} = {fmt(node.grad)}",
            )
        )
    return steps
