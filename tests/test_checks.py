"""nnbook.checks: the shared argument rules and their messages."""

import math
import subprocess
import sys

import numpy as np
import pytest
import torch

from nnbook.checks import as_column, check_int, check_real, is_integer, is_real


@pytest.mark.parametrize("value", [0, 3, -2, np.int64(5)])
def test_integers_are_integers(value):
    assert is_integer(value) and is_real(value)


@pytest.mark.parametrize("value", [True, False, np.bool_(True), 1.0, "3", None])
def test_bools_floats_and_strings_are_not_integers(value):
    assert not is_integer(value)


def test_check_int_returns_a_python_int():
    assert check_int("n", np.int64(4)) == 4
    assert type(check_int("n", np.int64(4))) is int


@pytest.mark.parametrize("value", [0, -1, 1.5, True, "2"])
def test_check_int_names_argument_value_and_rule(value):
    with pytest.raises(ValueError, match=rf"epochs must be an integer >= 1, got {value!r}"):
        check_int("epochs", value)


def test_check_int_minimum():
    assert check_int("samples", 2, minimum=2) == 2
    with pytest.raises(ValueError, match=">= 2, got 1"):
        check_int("samples", 1, minimum=2)


@pytest.mark.parametrize(
    ("kwargs", "good", "bad", "rule"),
    [
        ({"low": 0, "high": 1, "high_open": True}, 0.0, 1, r"in \[0, 1\)"),
        ({"low": 0, "low_open": True}, 1e-9, 0, "> 0"),
        ({"low": 0}, 0, -0.1, ">= 0"),
        ({"high": 1}, 1, 1.5, "<= 1"),
        ({}, -5.0, math.inf, "a finite number, got inf"),
        ({}, 2, True, "a finite number, got True"),
    ],
)
def test_check_real_intervals(kwargs, good, bad, rule):
    assert check_real("x", good, **kwargs) == float(good)
    with pytest.raises(ValueError, match=rf"x must be .*{rule}"):
        check_real("x", bad, **kwargs)


def test_check_real_refuses_nan():
    with pytest.raises(ValueError, match="lr must be a finite number > 0, got nan"):
        check_real("lr", math.nan, low=0, low_open=True)


def test_as_column_accepts_tensors_and_columns():
    np.testing.assert_array_equal(as_column(torch.tensor([[1.0], [2.0]]), "y"), [1.0, 2.0])


@pytest.mark.parametrize(
    ("a", "message"),
    [(np.zeros((2, 2)), r"y must have shape \(n,\) or \(n, 1\)"), ([1.0, np.nan], "NaN")],
)
def test_as_column_errors_name_the_argument(a, message):
    with pytest.raises(ValueError, match=message):
        as_column(a, "y")


def test_the_site_helpers_do_not_import_torch():
    # the book's Sphinx extensions import nnbook.site; torch would add 3 s to every build
    code = "import sys, nnbook.site.citation, nnbook.checks; print('torch' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
