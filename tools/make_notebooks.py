"""The executed chapters as notebooks that open on Colab and Binder (run by the Pages workflow).

    python tools/make_notebooks.py _build/html/_sources/book _build/notebooks/book

Copies each executed notebook the build left for the download button (``.ipynb``, outputs
included) and puts one setup cell first.  The workflow commits them as ``book/<page>.ipynb`` to
the branch the launch buttons open (``repository.branch`` in _config.yml), next to the code
that produced them.  On Binder the repository is cloned and ``binder/postBuild`` installs
nnbook, so the cell does nothing; on Colab it clones that branch, puts ``code/`` on the path,
installs myst-nb (for ``glue``) at the version of requirements-lock.txt, and moves to
``book/`` so the chapter's relative paths hold as in the build.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

SETUP = """\
# Setup for Colab: fetch the book's code at the commit these notebooks were executed with.
# Elsewhere (Binder, a local checkout) nnbook is installed already and this does nothing.
# Colab's own torch, numpy, ... may differ from the book's pinned versions, and with them
# the last digits of some numbers.
import importlib.util
import os
import subprocess
import sys

if importlib.util.find_spec("nnbook") is None and importlib.util.find_spec("google.colab"):
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", "--branch", {branch!r},
                    {repo!r}, "/content/nnbook"], check=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", {myst_nb!r}], check=True)
    sys.path.insert(0, "/content/nnbook/code")
    os.chdir("/content/nnbook/book")
"""


def setup_cell(repo: str, branch: str, myst_nb: str) -> dict:
    """The code cell that prepares a Colab runtime (see the module docstring)."""
    source = SETUP.format(repo=repo, branch=branch, myst_nb=myst_nb)
    compile(source, "<setup cell>", "exec")  # a typo here would break every notebook
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": "nnbook-setup",
        "metadata": {"tags": ["nnbook-setup"]},
        "outputs": [],
        "source": source.splitlines(keepends=True),
    }


def with_setup(notebook: dict, cell: dict) -> dict:
    """A copy of ``notebook`` with ``cell`` first (replacing an earlier setup cell)."""
    if notebook.get("nbformat") != 4:
        raise ValueError(f"expected an nbformat 4 notebook, got {notebook.get('nbformat')!r}")
    out = copy.deepcopy(notebook)
    cells = [c for c in out["cells"] if c.get("id") != cell["id"]]
    out["cells"] = [cell, *cells]
    out["nbformat_minor"] = max(out.get("nbformat_minor", 0), 5)  # cell ids need 4.5
    return out


def locked_version(lock: Path, name: str) -> str:
    """``name==version`` as pinned in the lock file."""
    for line in lock.read_text().splitlines():
        if re.fullmatch(rf"{re.escape(name)}==\S+", line.strip(), flags=re.IGNORECASE):
            return line.strip()
    raise ValueError(f"{name} is not pinned in {lock}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder of executed .ipynb files")
    parser.add_argument("target", type=Path, help="folder to write the notebooks to")
    args = parser.parse_args(argv)
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    cell = setup_cell(
        config["repository"]["url"],
        config["repository"]["branch"],
        locked_version(ROOT / "requirements-lock.txt", "myst-nb"),
    )
    sources = sorted(args.source.glob("*.ipynb"))
    if not sources:
        raise SystemExit(f"no .ipynb files in {args.source}: build the book first")
    args.target.mkdir(parents=True, exist_ok=True)
    for path in sources:
        notebook = with_setup(json.loads(path.read_text()), cell)
        (args.target / path.name).write_text(json.dumps(notebook, indent=1) + "\n")
    print(f"{len(sources)} notebooks written to {args.target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
