r"""Composite operations: a group of nodes of a graph shown as one named node.

A large graph reads as ideas when a mean, a variance or a layer's affine map is one node.  The
nodes created inside ``with composite("mean"):`` belong to one composite operation; a figure
can show them as they were computed (expanded) or as one node (collapsed,
:func:`collapse`).  The collapsed node has the composite's outside operands as inputs, in the
order its formula reads them, and as local derivatives the derivatives of its
result with respect to them through every path inside, read off the recorded nodes
(:func:`local_derivatives`); so the backward pass of the collapsed graph gives every visible
node the engine's own gradient.  Numbers created inside (``x / 3``) belong to it too; a
parameter created inside stays a visible input.  Used by :func:`nnbook.animation.graph.animate`
("Batch normalization", ``book/batchnorm.md``; "Backpropagation", ``book/backprop.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from .. import autodiff
from ..autodiff import Value
from ..ops import COMPOSITE
from .steps import consumers, symbols

__all__ = [
    "Composite",
    "collapse",
    "composite",
    "has_composites",
    "local_derivatives",
    "sum_of_products",
]


@dataclass(frozen=True, eq=False)
class Composite:
    r"""One composite operation: how its node is drawn and its caption written.

    Attributes
    ----------
    name : str
        What it computes, in a word or two ("mean", "affine map"): the default caption writes
        ``\mathrm{name}(operands)``.
    symbol : str
        The short text drawn inside its node (by default ``name``).
    tex : callable or None
        The caption's formula, given the operands' names or numbers in input order (LaTeX);
        ``None`` for the default.
    """

    name: str
    symbol: str
    tex: Callable[[Sequence[str]], str] | None = None

    def formula(self, operands: Sequence[str]) -> str:
        """The LaTeX of this operation applied to ``operands`` (names or numbers)."""
        if self.tex is not None:
            return self.tex(list(operands))
        word = self.name.replace(" ", r"\ ")
        return rf"\mathrm{{{word}}}({', '.join(operands)})"


def sum_of_products(a: Sequence[str]) -> str:
    r"""The formula ``a_0 \times a_1 + a_2 \times a_3 + ...`` (and ``+ a_last`` for an odd
    count): a weighted sum, or an affine map ``w_1 x_1 + w_2 x_2 + b``."""
    terms = [rf"{a[k]} \times {a[k + 1]}" for k in range(0, len(a) - 1, 2)]
    return " + ".join(terms + ([a[-1]] if len(a) % 2 else []))


@contextmanager
def composite(
    name: str, tex: Callable[[Sequence[str]], str] | None = None, symbol: str | None = None
) -> Iterator[Composite]:
    r"""Record the nodes created inside as one composite operation named ``name``.

    ``tex`` writes its caption's formula from its operands (e.g.
    ``lambda a: rf"\frac{{{a[0]} + {a[1]}}}{{2}}"``); ``symbol`` is the text inside its
    node.  Composites do not nest.
    """
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"name must be a non-empty string, got {name!r}")
    if tex is not None and not callable(tex):
        raise TypeError(f"tex must be callable (operands -> LaTeX), got {type(tex).__name__}")
    if autodiff.GROUPS:
        raise ValueError(f"composite {name!r} inside composite {autodiff.GROUPS[-1].name!r}: "
                         "composites do not nest")  # fmt: skip
    group = Composite(name, symbol or name, tex)
    autodiff.GROUPS.append(group)
    try:
        yield group
    finally:
        autodiff.GROUPS.pop()


def _members(order: list[Value]) -> dict[int, Composite]:
    """Node id -> its composite, for the nodes a collapsed figure hides or merges (a parameter
    created inside a composite stays visible)."""
    return {
        n.id: n.group for n in order if isinstance(n.group, Composite) and (n.inputs or n.constant)
    }


def has_composites(output: Value) -> bool:
    """Whether the graph of ``output`` has a composite operation to collapse."""
    return bool(_members(output.graph()))


def _results(output: Value, order: list[Value], group_of: dict[int, Composite]):
    """Each composite's result: its one node used outside it (or the graph's output)."""
    names, uses = symbols(output), consumers(order)
    results: dict[Composite, Value] = {}
    for node in order:
        group = group_of.get(node.id)
        if group is None:
            continue
        if node is output or any(group_of.get(c.id) is not group for c, _ in uses[node.id]):
            if group in results:
                raise ValueError(
                    f"composite {group.name!r} has two results used outside it, "
                    f"{names[results[group].id]} and {names[node.id]}: it must have one"
                )
            results[group] = node
    return results


def local_derivatives(result: Value, members: set[int]) -> tuple[list[Value], list[float]]:
    """The outside operands of the composite ``members`` whose result is ``result``, as its
    formula reads them (left to right: depth first from the result, each input in order), and
    d(result)/d(operand) through every path inside (the chain rule on the recorded local
    derivatives)."""
    inside = [n for n in result.graph() if n.id in members]
    operands: dict[int, Value] = {}
    stack = [result]
    while stack:
        node = stack.pop()
        if node.id not in members:
            operands.setdefault(node.id, node)
        else:
            stack.extend(reversed(node.inputs))
    adjoint = dict.fromkeys([*members, *operands], 0.0)
    adjoint[result.id] = 1.0
    for node in reversed(inside):
        for inp, local in zip(node.inputs, node.local, strict=True):
            adjoint[inp.id] += local * adjoint[node.id]
    return list(operands.values()), [adjoint[i] for i in operands]


def collapse(output: Value) -> Value:
    """The graph of ``output`` with each composite operation as one node.

    A new graph of new nodes with the same values and gradients: every node outside a
    composite, each composite's result (``op`` :data:`nnbook.ops.COMPOSITE`, ``group`` its
    :class:`Composite`), labelled with the names the expanded figure gives them
    (:func:`nnbook.animation.steps.symbols`), so both views name a node alike.  Raises
    ``ValueError`` when a composite has more than one result used outside it.
    """
    order = output.graph()
    names = symbols(output)
    group_of = _members(order)
    results = _results(output, order, group_of)
    copies: dict[int, Value] = {}
    for node in order:
        group = group_of.get(node.id)
        if group is not None and results.get(group) is not node:
            continue  # inside a composite: hidden
        if group is None or not node.inputs:
            inputs, local, op = node.inputs, node.local, node.op
        else:
            inside = {i for i, g in group_of.items() if g is group}
            inputs, local = local_derivatives(node, inside)
            op = COMPOSITE
        copy = Value(node.data, names[node.id], op=op, local=local, constant=node.constant,
                     inputs=[copies[i.id] for i in inputs])  # fmt: skip
        copy.grad, copy.group = node.grad, group if op == COMPOSITE else None
        copies[node.id] = copy
    return copies[output.id]
