"""Build a small Jupyter Book in a temporary folder (shared by the tests that need one)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

FRONT_MATTER = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


def page(title: str, *cells: str) -> str:
    """A MyST notebook with the book's front matter and one code cell per string."""
    body = "".join(f"\n```{{code-cell}} ipython3\n{cell}\n```\n" for cell in cells)
    return f"{FRONT_MATTER}# {title}\n{body}"


def build(root: Path, *, pythonpath: Path | None = None) -> subprocess.CompletedProcess:
    """Run the strict build the Makefile runs; return the finished process."""
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    jb = Path(sys.executable).parent / "jupyter-book"
    return subprocess.run(
        [jb, "build", str(root), "-W", "-n", "--keep-going"],
        env=env,
        capture_output=True,
        text=True,
    )


def load_tool(name: str):
    """Import ``tools/<name>.py`` (the tools are scripts, not part of the package).

    tools/ goes on ``sys.path``, as it is for a script run from it and for the Sphinx
    extensions _config.yml loads from it, so that one tool can import another.
    """
    if str(ROOT / "tools") not in sys.path:
        sys.path.insert(0, str(ROOT / "tools"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def copy_config(root: Path) -> dict:
    """The real _config.yml and what it names, copied beside a temporary book; its content."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    for name in ("_config.yml", "references.bib", "CITATION.cff"):
        shutil.copy(ROOT / name, root / name)
    (root / "_mathjax").mkdir()  # html_static_path (the Makefile fills it with MathJax)
    (root / "_build" / "site-extra").mkdir(parents=True)  # html_extra_path
    # the local Sphinx extensions _config.yml loads, and the tools they import
    shutil.copytree(ROOT / "tools", root / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    assert all((root / "tools" / f"{n}.py").is_file() for n in config["sphinx"]["local_extensions"])
    return config
