"""The package map in nnbook's docstring names every module, and the layout keeps its rules."""

import ast
import dataclasses
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest

import nnbook

PACKAGE = Path(nnbook.__file__).parent
MODULES = sorted(
    m.name for m in pkgutil.walk_packages([str(PACKAGE)], prefix="nnbook.") if not m.ispkg
)
TOP_LEVEL = [m for m in MODULES if m.count(".") == 1]


def test_the_map_names_every_module():
    missing = [m for m in MODULES if f":mod:`{m}`" not in nnbook.__doc__]
    assert not missing, f"add these modules to the map in nnbook/__init__.py: {missing}"


def test_the_map_names_no_module_that_does_not_exist():
    named = {part.split("`")[0] for part in nnbook.__doc__.split(":mod:`")[1:]}
    packages = {m.name for m in pkgutil.walk_packages([str(PACKAGE)], prefix="nnbook.") if m.ispkg}
    assert named <= set(MODULES) | packages


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("module", TOP_LEVEL)
def test_no_top_level_module_draws(module):
    path = PACKAGE / (module.split(".", 1)[1].replace(".", "/") + ".py")
    assert not any(n.split(".")[0] == "matplotlib" for n in _imports(path))


@pytest.mark.parametrize("module", MODULES)
def test_every_module_declares_its_public_names(module):
    path = PACKAGE / (module.split(".", 1)[1].replace(".", "/") + ".py")
    if path.name == "_shared.py":
        return  # private helpers of nnbook.optim, imported by name by its modules
    tree = ast.parse(path.read_text())
    assert ast.get_docstring(tree), f"{module} has no docstring"
    assert any(
        isinstance(n, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in n.targets)
        for n in tree.body
    ), f"{module} has no __all__"


BIB_KEYS = set(
    re.findall(r"^@\w+\{([^,]+),", (PACKAGE.parents[1] / "references.bib").read_text(), re.M)
)


@pytest.mark.parametrize("module", MODULES)
def test_papers_are_cited_by_their_bibliography_key(module):
    text = (PACKAGE / (module.split(".", 1)[1].replace(".", "/") + ".py")).read_text()
    cited = set(re.findall(r"\[([a-z]+\d{4}[a-z]?)\]", text))
    assert cited <= BIB_KEYS, f"{module} cites keys missing from references.bib: {cited - BIB_KEYS}"


def _public_classes():
    for module in MODULES:
        mod = importlib.import_module(module)
        for name in getattr(mod, "__all__", []):
            obj = getattr(mod, name)
            if inspect.isclass(obj) and obj.__module__ == module:
                yield pytest.param(obj, id=f"{module}.{name}")


@pytest.mark.parametrize("cls", list(_public_classes()))
def test_every_public_class_documents_its_arguments(cls):
    doc = inspect.getdoc(cls) or ""
    if dataclasses.is_dataclass(cls) or issubclass(cls, Exception):
        assert doc, f"{cls.__name__} has no docstring"
        return  # a record or an error: its fields are its documentation
    assert re.search(r"^(Parameters|Attributes)\n-{5,}", doc, re.M), (
        f"{cls.__name__} has no Parameters (or Attributes) section"
    )
