"""A small automatic-differentiation engine on scalars: reverse mode (`Value`) and forward mode
(`Dual`).

Taught in "Backpropagation and automatic differentiation" (``book/backprop.md``).  The shape
follows Karpathy's micrograd: every operation builds its output node with the local derivatives
right beside it, and ``backward`` walks the graph in reverse and accumulates with ``+=``.
Unlike micrograd, nodes are numbered as they are created, so the order of every walk (and so
every figure drawn from it) is the same from run to run.
"""

from __future__ import annotations

import itertools
import math

from .checks import is_real

__all__ = ["Dual", "Value"]

_counter = itertools.count()
#: The composite operations being recorded, innermost last: a node created inside
#: ``with nnbook.animation.composite.composite(...)`` belongs to it (figures only).
GROUPS: list[object] = []


class Value:
    """A scalar that remembers how it was computed.

    Attributes
    ----------
    data : float
        The forward value.
    grad : float
        d(output)/d(self), summed over every ``backward()`` call made through this node.
    op : str
        The operation that produced it (``""`` for a leaf).
    inputs : tuple of Value
        The operands, in order.
    local : tuple of float
        The local derivatives d(self)/d(input), one per input.
    label : str
        A name for figures (LaTeX allowed, e.g. ``"w_1"``).
    constant : bool
        True for a number that was wrapped automatically (``x * 2``): figures show no gradient
        for it.
    group : object or None
        The composite operation it was created in (:mod:`nnbook.animation.composite`), for
        figures that show it as one node; ``None`` outside one.
    """

    def __init__(
        self,
        data: float,
        label: str = "",
        *,
        op: str = "",
        inputs=(),
        local=(),
        constant: bool = False,
    ):
        if not is_real(data):
            raise TypeError(f"Value needs a real number, got {type(data).__name__}: {data!r}")
        self.data = float(data)
        self.grad = 0.0
        self.op = op
        self.inputs = tuple(inputs)
        self.local = tuple(float(d) for d in local)
        self.label = label
        self.constant = constant
        self.id = next(_counter)  # creation order: a topological order of any graph
        self.group = GROUPS[-1] if GROUPS else None

    def __repr__(self) -> str:
        name = f"{self.label}=" if self.label else ""
        return f"Value({name}{self.data:.6g}, grad={self.grad:.6g})"

    # -- the operations: each returns a new node with its local derivatives ---------------
    def __add__(self, other) -> Value:
        other = _wrap(other)
        return Value(self.data + other.data, op="+", inputs=(self, other), local=(1.0, 1.0))

    def __mul__(self, other) -> Value:
        other = _wrap(other)
        return Value(
            self.data * other.data, op="*", inputs=(self, other), local=(other.data, self.data)
        )

    def __truediv__(self, other) -> Value:
        other = _wrap(other)
        if other.data == 0.0:
            raise ZeroDivisionError(f"division of {self.data} by a Value equal to 0")
        a, b = self.data, other.data
        return Value(a / b, op="/", inputs=(self, other), local=(1 / b, -a / b**2))

    def __pow__(self, exponent) -> Value:
        if not is_real(exponent):
            raise TypeError(f"the exponent must be a number, got {type(exponent).__name__}")
        if self.data < 0 and not float(exponent).is_integer():
            raise ValueError(f"{self.data} ** {exponent} is not a real number")
        return Value(
            self.data**exponent,
            op=f"**{exponent:g}",
            inputs=(self,),
            local=(exponent * self.data ** (exponent - 1),),
        )

    def __neg__(self) -> Value:
        return Value(-self.data, op="neg", inputs=(self,), local=(-1.0,))

    def exp(self) -> Value:
        e = math.exp(self.data)
        return Value(e, op="exp", inputs=(self,), local=(e,))

    def log(self) -> Value:
        if self.data <= 0:
            raise ValueError(f"log of a non-positive value: {self.data}")
        return Value(math.log(self.data), op="log", inputs=(self,), local=(1 / self.data,))

    def tanh(self) -> Value:
        t = math.tanh(self.data)
        return Value(t, op="tanh", inputs=(self,), local=(1 - t**2,))

    def sigmoid(self) -> Value:
        s = _sigmoid(self.data)
        return Value(s, op="sigmoid", inputs=(self,), local=(s * (1 - s),))

    def relu(self) -> Value:
        # the derivative at exactly 0 is taken as 0, as torch.relu does
        return Value(
            max(self.data, 0.0), op="relu", inputs=(self,), local=(1.0 if self.data > 0 else 0.0,)
        )

    # -- composites and reflected operands --------------------------------------------------
    def __sub__(self, other) -> Value:
        return self + (-_wrap(other))

    def __radd__(self, other) -> Value:
        return _wrap(other) + self

    def __rsub__(self, other) -> Value:
        return _wrap(other) + (-self)

    def __rmul__(self, other) -> Value:
        return _wrap(other) * self

    def __rtruediv__(self, other) -> Value:
        return _wrap(other) / self

    # -- reverse mode -------------------------------------------------------------------
    def graph(self) -> list[Value]:
        """Every node this one depends on, itself included, in creation (topological) order."""
        seen: dict[int, Value] = {}
        stack = [self]
        while stack:
            node = stack.pop()
            if node.id not in seen:
                seen[node.id] = node
                stack.extend(node.inputs)
        return [seen[i] for i in sorted(seen)]

    def backward(self) -> None:
        """Add d(self)/d(node) to ``node.grad`` for every node of the graph (the chain rule).

        Nodes are visited in reverse topological order, so a node's gradient is complete (all
        its consumers have passed theirs on) before it is passed on to its inputs.  A node used
        several times receives one term per use, summed.

        Calling it twice adds the gradients twice, as ``torch.Tensor.backward`` does for a
        leaf's ``.grad`` (with ``retain_graph=True``); :meth:`zero_grad` clears them.
        """
        order = self.graph()
        this_pass = {node.id: 0.0 for node in order}  # this call's gradients only
        this_pass[self.id] = 1.0
        for node in reversed(order):
            for inp, local in zip(node.inputs, node.local, strict=True):
                this_pass[inp.id] += local * this_pass[node.id]
        for node in order:
            node.grad += this_pass[node.id]

    def zero_grad(self) -> None:
        """Set the gradient of every node of the graph to 0."""
        for node in self.graph():
            node.grad = 0.0


def _wrap(x) -> Value:
    if isinstance(x, Value):
        return x
    if not is_real(x):
        raise TypeError(f"unsupported operand type for Value: {type(x).__name__}")
    return Value(x, label=_number(x), constant=True)


def _number(x: float) -> str:
    return f"{x:g}"


def _sigmoid(x: float) -> float:
    # two forms, so that exp never overflows
    if x >= 0:
        return 1 / (1 + math.exp(-x))
    e = math.exp(x)
    return e / (1 + e)


class Dual:
    r"""A dual number :math:`a + b\varepsilon` with :math:`\varepsilon^2 = 0`: forward mode.

    Evaluating ``f`` on ``Dual(x, 1)`` carries the derivative along with the value:
    :math:`f(x + \varepsilon) = f(x) + f'(x)\,\varepsilon`.  One evaluation gives the
    derivative with respect to the one input whose ``deriv`` is 1.

    Parameters
    ----------
    value
        The real part :math:`a`, the value.
    deriv
        The :math:`\varepsilon` part :math:`b`, the derivative carried along.
    """

    def __init__(self, value: float, deriv: float = 0.0):
        for name, v in (("value", value), ("deriv", deriv)):
            if not is_real(v):
                raise TypeError(f"Dual {name} must be a real number, got {type(v).__name__}")
        self.value, self.deriv = float(value), float(deriv)

    def __repr__(self) -> str:
        return f"Dual({self.value:.6g}, {self.deriv:.6g})"

    def __add__(self, other) -> Dual:
        o = _dual(other)
        return Dual(self.value + o.value, self.deriv + o.deriv)

    def __mul__(self, other) -> Dual:
        o = _dual(other)
        return Dual(self.value * o.value, self.deriv * o.value + self.value * o.deriv)

    def __truediv__(self, other) -> Dual:
        o = _dual(other)
        if o.value == 0.0:
            raise ZeroDivisionError(f"division of {self.value} by a Dual equal to 0")
        return Dual(
            self.value / o.value, (self.deriv * o.value - self.value * o.deriv) / o.value**2
        )

    def __pow__(self, exponent) -> Dual:
        if not is_real(exponent):
            raise TypeError(f"the exponent must be a number, got {type(exponent).__name__}")
        if self.value < 0 and not float(exponent).is_integer():
            raise ValueError(f"{self.value} ** {exponent} is not a real number")
        return Dual(self.value**exponent, exponent * self.value ** (exponent - 1) * self.deriv)

    def __neg__(self) -> Dual:
        return Dual(-self.value, -self.deriv)

    def __sub__(self, other) -> Dual:
        return self + (-_dual(other))

    def __rsub__(self, other) -> Dual:
        return _dual(other) - self

    def __rtruediv__(self, other) -> Dual:
        return _dual(other) / self

    __radd__ = __add__
    __rmul__ = __mul__

    def exp(self) -> Dual:
        e = math.exp(self.value)
        return Dual(e, e * self.deriv)

    def log(self) -> Dual:
        if self.value <= 0:
            raise ValueError(f"log of a non-positive value: {self.value}")
        return Dual(math.log(self.value), self.deriv / self.value)

    def tanh(self) -> Dual:
        t = math.tanh(self.value)
        return Dual(t, (1 - t**2) * self.deriv)

    def sigmoid(self) -> Dual:
        s = _sigmoid(self.value)
        return Dual(s, s * (1 - s) * self.deriv)

    def relu(self) -> Dual:
        return Dual(max(self.value, 0.0), self.deriv if self.value > 0 else 0.0)


def _dual(x) -> Dual:
    if isinstance(x, Dual):
        return x
    if not is_real(x):
        raise TypeError(f"unsupported operand type for Dual: {type(x).__name__}")
    return Dual(x, 0.0)
