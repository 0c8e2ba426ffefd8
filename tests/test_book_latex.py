"""tools/book_latex.py: what the LaTeX build needs to compile with a lean TeX."""

import pytest
from book_build import ROOT, load_tool
from sphinx.errors import ExtensionError

book_latex = load_tool("book_latex")


def test_mathjax_macros_become_latex_commands():
    config = {"tex": {"macros": {"R": "\\mathbb{R}", "norm": ["\\lVert #1 \\rVert", 1]}}}
    assert book_latex.latex_macros(config).splitlines() == [
        r"\newcommand{\R}{\mathbb{R}}",
        r"\newcommand{\norm}[1]{\lVert #1 \rVert}",
    ]
    assert book_latex.latex_macros(None) == ""
    with pytest.raises(ExtensionError, match="'R2' is not letters only"):
        book_latex.latex_macros({"tex": {"macros": {"R2": "x"}}})


def test_the_site_macros_are_in_the_latex_preamble():
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text())["sphinx"]["config"]
    assert r"\newcommand{\R}{\mathbb{R}}" in book_latex.latex_macros(config["mathjax3_config"])


def test_the_shipped_class_loses_bbm_and_keeps_the_rest():
    from importlib.resources import files

    import sphinx_jupyterbook_latex.theme as theme

    original = files(theme).joinpath("jupyterBook.cls").read_text()
    patched = book_latex.patch_class(original)
    assert r"\RequirePackage{bbm}" in original
    assert r"\RequirePackage{bbm}" not in patched
    assert r"\providecommand{\mathbbm}{\mathbb}" in patched
    assert patched.count("\n") == original.rstrip("\n").count("\n") + 1  # line for line


def test_a_class_without_the_line_fails_loudly():
    with pytest.raises(ExtensionError, match="no line"):
        book_latex.patch_class("\\LoadClass{sphinxmanual}\n")


def test_only_a_japanese_build_gets_xecjk_and_the_cjk_fonts_tag():
    from types import SimpleNamespace

    for language, japanese in (("en", False), ("ja", True)):
        app = SimpleNamespace(tags=set())
        config = SimpleNamespace(
            language=language,
            numfig_secnum_depth=2,
            book_site_secnum_depth=1,
            mathjax3_config=None,
            latex_elements={},
        )
        book_latex._on_config(app, config)
        assert ("cjk_fonts" in app.tags) is japanese  # {only} cjk_fonts: the glossary's table
        assert ("xeCJK" in config.latex_elements.get("fontenc", "")) is japanese
        assert book_latex.VERBATIM_PATCH in config.latex_elements["preamble"]  # both
        assert app.site_secnum_depth == 1  # exercises numbered as on the site
