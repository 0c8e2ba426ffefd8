"""The table of the engine's operations: how each is written, drawn and recorded from PyTorch.

:class:`nnbook.autodiff.Value` defines what an operation *computes* (its value and local
derivatives, side by side, in one method).  Everything else about it is one row here, keyed by
the ``op`` string the method stores on its node:

- ``symbol``: the text drawn inside the node of a graph figure;
- ``tex``: the formula of a caption, given its operands' names or numbers;
- ``torch``: the names of the PyTorch functions that perform it, so that
  :func:`nnbook.animation.torchtrace.trace_torch` can record a real PyTorch computation as
  the same nodes (``reflected`` names take their operands in reverse, as ``__radd__`` does).

So adding an operation means a method of ``Value`` and a row of :data:`OPS`; a test checks
that every operation the engine can produce has its row.  The power ``x ** k`` is the one
family of operations: its ``op`` is ``"**k"`` and its row is ``"**"``.  Used in "Backpropagation
and automatic differentiation" (``book/backprop.md``) and by every graph figure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["COMPOSITE", "OPS", "Op", "formula", "node_symbol", "paren", "torch_ops"]


def paren(s: str) -> str:
    """A negative operand in parentheses, so ``x \\times (-2)`` never reads ``x \\times -2``."""
    return f"({s})" if s.startswith("-") else s


@dataclass(frozen=True)
class Op:
    """How one operation of the engine is drawn, written and recorded."""

    symbol: str
    tex: Callable[[Sequence[str], str], str]  # (operands, exponent or "") -> LaTeX
    torch: tuple[str, ...] = ()
    reflected: tuple[str, ...] = ()


def _function(name: str) -> Callable[[Sequence[str], str], str]:
    return lambda a, _: f"{name}({a[0]})"


OPS: dict[str, Op] = {
    "+": Op("+", lambda a, _: f"{a[0]} + {paren(a[1])}",
            ("__add__", "add"), ("__radd__",)),
    "-": Op("−", lambda a, _: f"{a[0]} - {paren(a[1])}",
            ("__sub__", "sub"), ("__rsub__",)),
    "*": Op("×", lambda a, _: f"{paren(a[0])} \\times {paren(a[1])}",
            ("__mul__", "mul"), ("__rmul__",)),
    "/": Op("÷", lambda a, _: f"\\frac{{{a[0]}}}{{{a[1]}}}",
            ("__truediv__", "div"), ("__rtruediv__",)),
    "**": Op("x", lambda a, k: f"{paren(a[0])}^{{{k}}}"),
    "neg": Op("−", lambda a, _: f"-({a[0]})", ("__neg__", "neg")),
    "exp": Op("exp", _function("\\exp"), ("exp",)),
    "log": Op("log", _function("\\log"), ("log",)),
    "tanh": Op("tanh", _function("\\tanh"), ("tanh",)),
    "sigmoid": Op("σ", _function("\\sigma"), ("sigmoid",)),
    "relu": Op("ReLU", _function("\\mathrm{ReLU}"), ("relu",)),
}  # fmt: skip

#: The ``op`` of a node that stands for a whole composite operation in a collapsed figure
#: (:func:`nnbook.animation.composite.collapse`): it has no row, its group writes and draws it.
COMPOSITE = "composite"

_SUPERSCRIPT = str.maketrans("0123456789-.", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻·")


def _row(op: str) -> tuple[Op, str]:
    """The row of a node's ``op`` string, and the exponent for a power (else ``""``)."""
    if op.startswith("**"):
        return OPS["**"], op[2:]
    if op not in OPS:
        raise ValueError(f"op {op!r} has no row in nnbook.ops.OPS")
    return OPS[op], ""


def formula(op: str, operands: Sequence[str]) -> str:
    """The LaTeX of ``op`` applied to ``operands`` (names or numbers)."""
    row, exponent = _row(op)
    return row.tex(operands, exponent)


def node_symbol(op: str) -> str:
    """The text drawn inside an operation's node (``x²`` for the power ``**2``)."""
    row, exponent = _row(op)
    return row.symbol + exponent.translate(_SUPERSCRIPT)


def torch_ops() -> dict[str, tuple[str, bool]]:
    """PyTorch function name -> (the engine's ``op``, whether its operands come reversed)."""
    table: dict[str, tuple[str, bool]] = {}
    for op, row in OPS.items():
        table.update({name: (op, False) for name in row.torch})
        table.update({name: (op, True) for name in row.reflected})
    return table
