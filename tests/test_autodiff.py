"""nnbook.autodiff against torch.autograd (float64), dual numbers and finite differences."""

import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from nnbook.autodiff import Dual, Value
from nnbook.derivatives import forward_jacobian

UNARY = ["neg", "exp", "log", "tanh", "sigmoid", "relu", "pow2", "pow3", "inv", "sqrt"]
BINARY = ["+", "-", "*", "/"]

# A program: leaf values, then instructions (op, i, j) over the list of nodes so far.  Indices
# may repeat, so sub-expressions are reused (fan-out), which is where gradients must add up.
programs = st.integers(1, 4).flatmap(
    lambda n: st.tuples(
        st.lists(
            st.floats(-2, 2, allow_nan=False).filter(lambda x: abs(x) > 1e-3),
            min_size=n,
            max_size=n,
        ),
        st.lists(
            st.tuples(st.sampled_from(UNARY + BINARY), st.integers(0, 99), st.integers(0, 99)),
            min_size=1,
            max_size=12,
        ),
    )
)


def _safe(op, a, b=None):
    """Whether op is smooth and well-conditioned at these values (otherwise skip it)."""
    if op == "log" or op == "sqrt":
        return a > 1e-2
    if op in ("inv",):
        return abs(a) > 1e-2
    if op == "/":
        return abs(b) > 1e-2
    if op == "exp":
        return a < 10
    if op == "relu":
        return abs(a) > 1e-6  # away from the kink, where finite differences are meaningless
    return True


def run(program, leaves, ops, path=None):
    """Evaluate a program with the given leaf objects and op table; return the last node.

    ``path``, if given, receives the instructions actually taken.
    """
    _, instructions = program
    nodes = list(leaves)
    for op, i, j in instructions:
        a, b = nodes[i % len(nodes)], nodes[j % len(nodes)]
        if not _safe(op, ops["value"](a), ops["value"](b)):
            continue
        if op in BINARY:
            nodes.append(ops[op](a, b))
        else:
            nodes.append(ops[op](a))
        if abs(ops["value"](nodes[-1])) > 1e6:  # keep magnitudes where 1e-12 is meaningful
            nodes.pop()
        elif path is not None:
            path.append((op, i, j))
    return nodes[-1]


def methods(value):
    return {
        "value": value,
        "+": lambda a, b: a + b,
        "-": lambda a, b: a - b,
        "*": lambda a, b: a * b,
        "/": lambda a, b: a / b,
        "neg": lambda a: -a,
        "exp": lambda a: a.exp(),
        "log": lambda a: a.log(),
        "tanh": lambda a: a.tanh(),
        "sigmoid": lambda a: a.sigmoid(),
        "relu": lambda a: a.relu(),
        "pow2": lambda a: a**2,
        "pow3": lambda a: a**3,
        "inv": lambda a: 1 / a,
        "sqrt": lambda a: a**0.5,
    }


VALUE_OPS = methods(lambda v: v.data)
DUAL_OPS = methods(lambda d: d.value)
FLOAT_OPS = {
    **methods(lambda x: x),
    "exp": math.exp,
    "log": math.log,
    "tanh": math.tanh,
    "sigmoid": lambda a: 1 / (1 + math.exp(-a)),
    "relu": lambda a: max(a, 0.0),
}
TORCH_OPS = {
    **methods(lambda t: t.item()),
    "exp": torch.exp,
    "log": torch.log,
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "relu": torch.relu,
}


def close(a, b, tol):
    return abs(a - b) <= tol * max(1.0, abs(b))


def engine(program, path=None):
    """The program on Values, after backward(): (leaves, output)."""
    leaves = [Value(x) for x in program[0]]
    out = run(program, leaves, VALUE_OPS, path)
    out.backward()
    return leaves, out


@settings(max_examples=300, deadline=None)
@given(programs)
def test_reverse_mode_equals_torch_autograd(program):
    xs = program[0]
    leaves, out = engine(program)
    t_leaves = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in xs]
    t_out = run(program, t_leaves, TORCH_OPS)
    assert close(out.data, t_out.item(), 1e-12)
    if t_out.requires_grad:
        t_out.backward()
    for v, t in zip(leaves, t_leaves, strict=True):
        expected = 0.0 if t.grad is None else t.grad.item()
        assert close(v.grad, expected, 1e-12), (v.grad, expected)


@settings(max_examples=200, deadline=None)
@given(programs)
def test_reverse_mode_equals_forward_mode(program):
    xs = program[0]
    leaves, out = engine(program)
    jac = forward_jacobian(lambda *d: run(program, d, DUAL_OPS), *xs)
    assert close(jac.values[0], out.data, 1e-12)
    for v, g in zip(leaves, jac.matrix[0], strict=True):
        assert close(v.grad, g, 1e-12)


@settings(max_examples=200, deadline=None)
@given(programs)
def test_reverse_mode_equals_central_differences(program):
    xs = program[0]
    path = []
    leaves, _ = engine(program, path)
    h = 1e-6
    for i, v in enumerate(leaves):
        up = [x + h * (k == i) for k, x in enumerate(xs)]
        down = [x - h * (k == i) for k, x in enumerate(xs)]
        path_up, path_down = [], []
        f_up = run((up, program[1]), up, FLOAT_OPS, path_up)
        f_down = run((down, program[1]), down, FLOAT_OPS, path_down)
        # the same function must be evaluated on both sides for the quotient to mean anything
        if not path == path_up == path_down:
            continue
        fd = (f_up - f_down) / (2 * h)
        assert close(v.grad, fd, 1e-6), (v.grad, fd)


def test_fan_out_adds_gradients():
    x = Value(3.0, "x")
    y = x * x + x  # x is used three times
    y.backward()
    assert x.grad == 2 * 3.0 + 1


def test_backward_twice_accumulates_like_torch():
    a, b = Value(2.0), Value(-1.5)
    out = (a * b).tanh() + a
    out.backward()
    once = (a.grad, b.grad)
    out.backward()
    assert (a.grad, b.grad) == (2 * once[0], 2 * once[1])
    ta = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
    tb = torch.tensor(-1.5, dtype=torch.float64, requires_grad=True)
    t_out = torch.tanh(ta * tb) + ta
    t_out.backward(retain_graph=True)
    t_out.backward()
    assert close(a.grad, ta.grad.item(), 1e-12) and close(b.grad, tb.grad.item(), 1e-12)
    out.zero_grad()
    assert a.grad == b.grad == out.grad == 0.0


def test_graph_is_in_creation_order():
    a, x, b = Value(-2.0, "a"), Value(3.0, "x"), Value(4.0, "b")
    y = a * x + b
    order = y.graph()
    assert order[-1] is y
    assert [n.label for n in order[:3]] == ["a", "x", "b"]
    assert all(n.id < y.id for n in order[:-1])


def test_bad_input():
    with pytest.raises(TypeError, match="unsupported operand type for Value: str"):
        Value(1.0) + "2"
    with pytest.raises(TypeError, match="real number"):
        Value(torch.tensor(1.0))
    with pytest.raises(ValueError, match=r"log of a non-positive value: -0\.5"):
        Value(-0.5).log()
    with pytest.raises(ValueError, match=r"log of a non-positive value: 0\.0"):
        Dual(0.0, 1.0).log()
    with pytest.raises(ZeroDivisionError):
        Value(1.0) / 0
    with pytest.raises(TypeError, match="exponent"):
        Value(2.0) ** Value(2.0)
    with pytest.raises(ValueError, match="not a real number"):
        Value(-2.0) ** 0.5
    with pytest.raises(TypeError, match="unsupported operand type for Dual"):
        Dual(1.0) * [1]


def test_sigmoid_does_not_overflow():
    assert Value(-1000.0).sigmoid().data == 0.0
    assert Value(1000.0).sigmoid().data == 1.0
    assert Dual(-1000.0, 1.0).sigmoid().deriv == 0.0
