"""The notebooks the launch buttons open (tools/make_notebooks.py)."""

import importlib.util
import json
import os
import subprocess
import sys

import nbformat
import pytest
from book_build import ROOT, load_tool

make_notebooks = load_tool("make_notebooks")
REPO, BRANCH = "https://github.com/o/r", "notebooks"


def _notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A page"), nbformat.v4.new_code_cell("1 + 1")]
    nb.cells[1].outputs = [
        nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)
    ]
    return json.loads(nbformat.writes(nb))


def _run_setup(monkeypatch, found: set[str]):
    """Execute the setup cell with ``found`` as the only importable modules; record effects."""
    calls, moves = [], []
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: (
            object()
            if name in found
            else (None if name in {"nnbook", "google.colab"} else real(name, *a))
        ),
    )
    monkeypatch.setattr(subprocess, "run", lambda cmd, check: calls.append(cmd))
    monkeypatch.setattr(os, "chdir", moves.append)
    monkeypatch.setattr(sys, "path", list(sys.path))
    cell = make_notebooks.setup_cell(REPO, BRANCH, "myst-nb==1.4.0")
    exec("".join(cell["source"]), {})
    return calls, moves, sys.path


def test_setup_cell_prepares_colab(monkeypatch):
    calls, moves, path = _run_setup(monkeypatch, {"google.colab"})
    assert calls == [
        ["git", "clone", "--quiet", "--depth", "1", "--branch", BRANCH, REPO, "/content/nnbook"],
        [sys.executable, "-m", "pip", "install", "--quiet", "myst-nb==1.4.0"],
    ]
    assert moves == ["/content/nnbook/book"] and path[0] == "/content/nnbook/code"


@pytest.mark.parametrize("found", [{"nnbook"}, {"nnbook", "google.colab"}, set()])
def test_setup_cell_does_nothing_outside_colab_or_with_nnbook(monkeypatch, found):
    calls, moves, _ = _run_setup(monkeypatch, found)
    assert calls == [] and moves == []


def test_notebooks_get_the_setup_cell_first_and_stay_valid(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    executed = _notebook()
    (src / "page.ipynb").write_text(json.dumps(executed))
    assert make_notebooks.main([str(src), str(out)]) == 0
    nb = json.loads((out / "page.ipynb").read_text())
    nbformat.validate(nbformat.reads(json.dumps(nb), as_version=4))
    assert nb["cells"][0]["id"] == "nnbook-setup"
    assert nb["cells"][1:] == executed["cells"]  # the executed cells, outputs and all
    # the real repository, branch and pinned myst-nb come from the project's files
    source = "".join(nb["cells"][0]["source"])
    assert "'https://github.com/nnbook/nnbook'" in source and "'notebooks'" in source
    assert make_notebooks.locked_version(ROOT / "requirements-lock.txt", "myst-nb") in source
    # running it twice does not stack setup cells
    again = make_notebooks.with_setup(nb, nb["cells"][0])
    assert [c.get("id") for c in again["cells"]].count("nnbook-setup") == 1


def test_bad_inputs_are_named(tmp_path):
    with pytest.raises(ValueError, match="expected an nbformat 4 notebook, got 3"):
        make_notebooks.with_setup({"nbformat": 3, "cells": []}, {"id": "x"})
    (tmp_path / "lock.txt").write_text("torch==2.13.0\n")
    with pytest.raises(ValueError, match="myst-nb is not pinned in"):
        make_notebooks.locked_version(tmp_path / "lock.txt", "myst-nb")
    with pytest.raises(SystemExit, match=r"no \.ipynb files in"):
        make_notebooks.main([str(tmp_path), str(tmp_path / "out")])
