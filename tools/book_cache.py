"""Invalidate the book's execution cache when the code it imports changes.

jupyter-cache (``execute_notebooks: cache``) keys a notebook on its own cells only, and
Sphinx re-reads only pages whose source changed.  A change to ``code/nnbook`` or to the
pinned versions would therefore leave pages showing results of the *old* code.  This
script hashes everything a chapter's output depends on besides its own text and, when
the hash differs from the one the last build recorded, deletes the execution cache and
Sphinx's environment so that every chapter is executed again.

Usage (the Makefile runs it before every build)::

    python tools/book_cache.py [--root .] [--build _build]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from pathlib import Path

#: What a chapter's output depends on besides its own cells, relative to the root.
KEYED_PATHS = ("code", "requirements-lock.txt", "pyproject.toml")
#: What the build keeps between runs and must be dropped when the key changes: the executions,
#: and every build's doctrees, or Sphinx would not read an unchanged page again (the site's,
#: the PDF's from tools/book_sphinx.py, the Japanese edition's in ja/ from
#: tools/book_ja.py).
CACHED_DIRS = (".jupyter_cache", ".doctrees", ".doctrees-latex", "ja", "site-extra")
#: Where executed chapters leave their figures' GIF and SVG for slides (NNBOOK_SLIDES_DIR in
#: the Makefile; html_extra_path copies site-extra/ into the site).  A cached execution does
#: not write them again, so the cache is dropped when they are gone.
SLIDES_DIR = "site-extra/slides"
KEY_FILE = ".nnbook-cache-key"
_IGNORED_PARTS = {"__pycache__", ".pytest_cache"}


def cache_key(root: Path) -> str:
    """SHA-256 of the Python version and of every keyed file's path and bytes."""
    digest = hashlib.sha256(sys.version.encode())
    for keyed in KEYED_PATHS:
        path = root / keyed
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            if not f.is_file() or _IGNORED_PARTS & set(f.parts) or f.suffix == ".pyc":
                continue
            if any(part.endswith(".egg-info") for part in f.parts):
                continue
            digest.update(f.relative_to(root).as_posix().encode() + b"\0")
            digest.update(f.read_bytes() + b"\0")
    return digest.hexdigest()


def guard(root: Path, build: Path) -> bool:
    """Drop the cached executions if the key changed; return whether it did."""
    key = cache_key(root)
    key_file = build / KEY_FILE
    current = key_file.is_file() and key_file.read_text() == key
    slides_lost = (build / ".jupyter_cache").is_dir() and not (build / SLIDES_DIR).is_dir()
    if current and not slides_lost:
        return False
    for name in CACHED_DIRS:
        shutil.rmtree(build / name, ignore_errors=True)
    (build / SLIDES_DIR).mkdir(parents=True)
    key_file.write_text(key)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--build", type=Path, default=Path("_build"))
    args = parser.parse_args(argv)
    if guard(args.root, args.build):
        print(
            "book_cache: code or pinned versions changed, or the figures for slides are gone:"
            " every chapter will be re-executed"
        )
    else:
        print("book_cache: code and pinned versions unchanged: cached executions are valid")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
