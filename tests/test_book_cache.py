"""The execution cache must not outlive the code it executed (tools/book_cache.py)."""

import shutil
from pathlib import Path

import pytest
from book_build import build, load_tool, page

book_cache = load_tool("book_cache")


def _project(tmp_path: Path, value: int) -> Path:
    (tmp_path / "code" / "pkg").mkdir(parents=True, exist_ok=True)
    (tmp_path / "code" / "pkg" / "__init__.py").write_text(f"VALUE = {value}\n")
    (tmp_path / "requirements-lock.txt").write_text("torch==2.13.0\n")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'pkg'\n")
    return tmp_path


def test_key_follows_code_and_pins_but_not_bytecode(tmp_path):
    root = _project(tmp_path, 1)
    key = book_cache.cache_key(root)
    (root / "code" / "pkg" / "__pycache__").mkdir()
    (root / "code" / "pkg" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"junk")
    assert book_cache.cache_key(root) == key
    _project(root, 2)
    assert book_cache.cache_key(root) != key
    _project(root, 1)
    assert book_cache.cache_key(root) == key
    (root / "requirements-lock.txt").write_text("torch==2.14.1\n")
    assert book_cache.cache_key(root) != key


def test_guard_drops_caches_only_when_the_key_changes(tmp_path):
    root = _project(tmp_path / "src", 1)
    build = tmp_path / "build"
    assert book_cache.guard(root, build)  # first build: no key recorded yet
    assert (build / book_cache.SLIDES_DIR).is_dir()  # html_extra_path needs it to exist
    for name in book_cache.CACHED_DIRS:
        (build / name).mkdir(exist_ok=True)
        (build / name / "x").touch()
    assert not book_cache.guard(root, build)
    assert all((build / name).is_dir() for name in book_cache.CACHED_DIRS)
    _project(root, 2)
    assert book_cache.guard(root, build)
    assert not any((build / name / "x").exists() for name in book_cache.CACHED_DIRS)


def test_every_builds_doctrees_are_dropped_with_the_executions(monkeypatch):
    # a build whose doctrees survive does not read an unchanged page again: it would keep
    # showing the outputs of the old code
    book_ja, latex = load_tool("book_ja"), load_tool("book_sphinx")
    japanese = []
    monkeypatch.setattr(
        book_ja, "build", lambda build_dir, out, force_all: japanese.append(build_dir)
    )
    book_ja.main(["build"])
    top = japanese[0].relative_to(book_ja.ROOT / "_build").parts[0]
    assert {".doctrees", latex.DOCTREES, top} <= set(book_cache.CACHED_DIRS)


def test_guard_drops_the_cache_when_the_figures_for_slides_are_gone(tmp_path):
    root = _project(tmp_path / "src", 1)
    build = tmp_path / "build"
    book_cache.guard(root, build)
    (build / ".jupyter_cache").mkdir()
    (build / ".jupyter_cache" / "x").touch()
    (build / book_cache.SLIDES_DIR / "fig.gif").touch()
    assert not book_cache.guard(root, build)
    shutil.rmtree(build / "site-extra")  # a cached execution would not write them again
    assert book_cache.guard(root, build)
    assert not (build / ".jupyter_cache").exists() and (build / book_cache.SLIDES_DIR).is_dir()


def _build(root: Path, guarded: bool) -> str:
    if guarded:
        book_cache.guard(root, root / "_build")
    done = build(root, pythonpath=root / "code")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    html = (root / "_build" / "html" / "page.html").read_text()
    return html[html.index("value is ") :][:10]


@pytest.mark.slow
def test_a_real_build_reexecutes_after_a_code_change(tmp_path):
    root = _project(tmp_path, 1)
    (root / "_config.yml").write_text(
        "title: t\nonly_build_toc_files: true\nexecute:\n  execute_notebooks: cache\n"
    )
    (root / "_toc.yml").write_text("format: jb-book\nroot: page\n")
    (root / "page.md").write_text(page("Page", "import pkg", 'print("value", "is", pkg.VALUE)'))
    assert _build(root, guarded=True) == "value is 1"
    _project(root, 2)
    # Without the guard the page is stale: this is the bug the guard exists for.
    assert _build(root, guarded=False) == "value is 1"
    assert _build(root, guarded=True) == "value is 2"
