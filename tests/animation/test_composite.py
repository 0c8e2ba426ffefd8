"""nnbook.animation.composite: a composite collapsed into one node keeps every number the
engine computed, and its local derivatives are autograd's Jacobian of what it hides."""

import math

import pytest
import torch

from nnbook.animation.composite import (
    Composite,
    collapse,
    composite,
    has_composites,
    sum_of_products,
)
from nnbook.animation.scalar_graphs import batchnorm_graph
from nnbook.animation.steps import build_steps, consumers, symbols
from nnbook.autodiff import Value
from nnbook.ops import COMPOSITE

_TORCH = {
    "+": lambda a, b: a + b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
    "neg": lambda a: -a,
    "exp": torch.exp,
    "log": torch.log,
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "relu": torch.relu,
}


def _replay(result: Value, group: Composite, operands: list[Value]):
    """The composite's computation as a torch function of its operands (float64)."""

    def f(*args):
        value = {v.id: a for v, a in zip(operands, args, strict=True)}
        for node in result.graph():
            if node.id in value or node.group is not group:
                continue  # an operand, or computed before the composite
            if not node.inputs:  # a number created inside the composite
                value[node.id] = torch.tensor(node.data, dtype=torch.float64)
                continue
            ins = [value[i.id] for i in node.inputs]
            if node.op.startswith("**"):
                value[node.id] = ins[0] ** float(node.op[2:])
            else:
                value[node.id] = _TORCH[node.op](*ins)
        return value[result.id]

    return f


def _check_collapsed(output: Value) -> int:
    """Every collapsed node's value and gradient are the expanded node's; every composite's
    local derivatives are torch's Jacobian; every backward caption's sum is the gradient."""
    names = symbols(output)
    by_name = {names[n.id]: n for n in output.graph()}
    small = collapse(output)
    order = small.graph()
    n_composites = 0
    for node in order:
        original = by_name[node.label]
        assert (node.data, node.grad) == (original.data, original.grad), node.label
        if node.op != COMPOSITE:
            continue
        n_composites += 1
        operands = [by_name[i.label] for i in node.inputs]
        args = tuple(torch.tensor(v.data, dtype=torch.float64) for v in operands)
        jac = torch.autograd.functional.jacobian(_replay(original, node.group, operands), args)
        assert torch.allclose(
            torch.stack(list(jac)), torch.tensor(node.local, dtype=torch.float64), atol=1e-12
        ), node.label
        # the value is the replayed computation's
        assert abs(_replay(original, node.group, operands)(*args).item() - node.data) < 1e-12
    uses = consumers(order)
    for node in order[:-1]:
        if not node.constant:
            chain = sum(c.grad * c.local[k] for c, k in uses[node.id])
            assert math.isclose(chain, node.grad, rel_tol=1e-12, abs_tol=1e-12), node.label
    return n_composites


def test_batchnorm_collapsed_numbers_are_the_engines_and_torchs():
    loss, _ = batchnorm_graph([1.0, 2.0, 4.0], 1.5, 0.5, [1.0, -2.0, 0.5])
    loss.backward()
    # mean, 3 differences, variance, inverse std, 3 scale-and-shifts, the weighted sum
    assert _check_collapsed(loss) == 10
    small = collapse(loss)
    assert (len(build_steps(small)), len(build_steps(loss))) == (32, 68)
    mu = next(n for n in small.graph() if n.label == r"\mu")
    assert mu.local == pytest.approx([1 / 3] * 3, abs=1e-15)


def test_an_affine_map_collapses_with_operands_in_reading_order():
    w, x, v, y, b = (Value(d, n) for d, n in [(2, "w"), (3, "x"), (-1, "v"), (5, "y"), (1, "b")])
    with composite("affine map", sum_of_products, symbol="affine"):
        a = w * x + v * y + b
    a.label = "a"
    out = a.tanh()
    out.label = "o"
    out.backward()
    assert _check_collapsed(out) == 1
    small = collapse(out)
    node = small.inputs[0]
    assert [i.label for i in node.inputs] == ["w", "x", "v", "y", "b"]
    assert node.local == (3.0, 2.0, 5.0, -1.0, 1.0)
    steps = build_steps(small)
    assert steps[1].tex == (r"a = w \times x + v \times y + b = 2 \times 3 + (-1) \times 5 + 1 = 2")
    assert len(steps) == 1 + 2 + 7  # inputs; a and o; the backward pass of o, a and 5 leaves


def test_paths_inside_a_composite_add_up():
    x, y = Value(1.5, "x"), Value(3.0, "y")
    with composite("polynomial"):
        t = x * x  # x used twice, t used twice
        p = t + t * y
    p.label = "p"
    p.backward()
    assert _check_collapsed(p) == 1
    small = collapse(p)
    assert small.local == pytest.approx((2 * 1.5 * (1 + 3.0), 1.5**2))  # (2x(1 + y), x^2)


def test_the_default_caption_names_the_operation():
    xs = [Value(float(k), f"x_{k}") for k in (1, 2)]
    with composite("batch mean"):
        m = (xs[0] + xs[1]) / 2
    m.label = "m"
    m.backward()
    assert build_steps(collapse(m))[1].tex == (
        r"m = \mathrm{batch\ mean}(x_1, x_2) = \mathrm{batch\ mean}(1, 2) = 1.5"
    )


def test_a_parameter_created_inside_stays_visible_and_numbers_do_not():
    x = Value(2.0, "x")
    with composite("scale"):
        w = Value(3.0, "w")
        y = w * x * 2
    y.backward()
    small = collapse(y)
    assert [n.label for n in small.graph()] == ["x", "w", small.label]
    assert small.op == COMPOSITE and small.local == (4.0, 6.0)  # d/dw = 2x, d/dx = 2w


def test_a_graph_without_composites_is_left_as_it_is():
    a = Value(1.0, "a")
    b = a.exp()
    assert not has_composites(b)
    assert [n.label for n in collapse(b).graph()] == ["a", symbols(b)[b.id]]


def test_misuse_is_named():
    with pytest.raises(ValueError, match="name must be a non-empty string, got ''"):
        with composite(""):
            pass
    with pytest.raises(TypeError, match="tex must be callable"):
        with composite("mean", tex="x"):
            pass
    with pytest.raises(ValueError, match="composite 'inner' inside composite 'outer'"):
        with composite("outer"), composite("inner"):
            pass
    a = Value(1.0, "a")
    with composite("two"):
        p, q = a * 2, a * 3
    p.label, q.label = "p", "q"
    out = p + q
    out.backward()
    with pytest.raises(
        ValueError, match="composite 'two' has two results used outside it, p and q"
    ):
        collapse(out)
    assert Value(1.0).group is None  # nothing left recording after the errors
