"""The reproducibility stamp at the end of every chapter: what the page was executed with."""

from __future__ import annotations

import platform
import subprocess
from pathlib import Path

import torch

from ..runtime import get_device

__all__ = ["build_stamp"]


def build_stamp() -> str:
    """What a page was executed with: nnbook's version and commit, torch, Python and device.

    The commit is the checkout's ``HEAD`` (with "+ local changes" when the working tree
    differs from it), or "unknown" outside a git checkout.  Each chapter ends with it.
    """
    from .. import __version__

    root = Path(__file__).resolve().parents[3]

    def git(*args: str) -> str:
        try:
            done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
        except OSError:  # no git on this machine
            return ""
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short=12", "HEAD") or "unknown"
    if commit != "unknown" and git("status", "--porcelain", "--untracked-files=no"):
        commit += " + local changes"
    return (
        f"nnbook {__version__} (commit {commit}), torch {torch.__version__}, "
        f"Python {platform.python_version()}, device {get_device()}"
    )
