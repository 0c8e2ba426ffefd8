"""nnbook.ops: one row per operation of the engine, and every consumer reads that row."""

import itertools

import pytest
import torch

from nnbook.autodiff import Value
from nnbook.ops import OPS, formula, node_symbol, paren, torch_ops


def _every_op_the_engine_makes() -> set[str]:
    a, b = Value(0.5, "a"), Value(2.0, "b")
    made = [a + b, a * b, a / b, a**2, -a, a.exp(), a.log(), a.tanh(), a.sigmoid(), a.relu(),
            a - b, 1 - a, 2 / a]  # fmt: skip
    return {n.op for out in made for n in out.graph() if n.op}


def test_every_operation_of_the_engine_has_a_row():
    for op in _every_op_the_engine_makes():
        formula(op, ["a", "b"])  # raises for an op without a row
        assert node_symbol(op)


def test_every_method_of_value_that_builds_a_node_is_covered():
    # a new operation added to Value without a row would be caught by the test above only if
    # it is listed there: compare with the methods Value defines
    methods = {"__add__", "__mul__", "__truediv__", "__pow__", "__neg__", "exp", "log", "tanh",
               "sigmoid", "relu"}  # fmt: skip
    defined = {
        name
        for name, f in vars(Value).items()
        if callable(f)
        and not name.startswith("__r")
        and name not in {"__init__", "__repr__", "graph", "backward", "zero_grad", "__sub__"}
    }
    assert defined == methods


def test_an_unknown_op_is_named():
    with pytest.raises(ValueError, match="op 'sinh' has no row"):
        formula("sinh", ["x"])


@pytest.mark.parametrize(("op", "args", "tex"), [
    ("+", ["a", "-2"], "a + (-2)"),
    ("*", ["-1", "b"], "(-1) \\times b"),
    ("/", ["a", "b"], "\\frac{a}{b}"),
    ("**2", ["-3"], "(-3)^{2}"),
    ("**-0.5", ["v"], "v^{-0.5}"),
    ("sigmoid", ["z"], "\\sigma(z)"),
])  # fmt: skip
def test_formulas(op, args, tex):
    assert formula(op, args) == tex


def test_power_symbol_carries_its_exponent():
    assert node_symbol("**2") == "x²"
    assert node_symbol("**-0.5") == "x⁻⁰·⁵"


def test_every_torch_name_is_a_torch_function_or_tensor_method():
    for name, (op, _) in torch_ops().items():
        assert op in OPS
        assert hasattr(torch.Tensor, name) or hasattr(torch, name), name


def test_reflected_names_only_for_binary_operations():
    table = torch_ops()
    assert {op for op, reflected in table.values() if reflected} == {"+", "-", "*", "/"}


def test_paren():
    assert [paren(s) for s in ["x", "-x"]] == ["x", "(-x)"]
    assert list(itertools.islice(OPS, 1)) == ["+"]
