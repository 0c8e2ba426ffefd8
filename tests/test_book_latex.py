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


def test_the_japanese_settings_fit_sphinx_and_the_installed_tex():
    import re
    from importlib.resources import files

    ja = book_latex.CJK_ELEMENTS["ja"]
    # the line the preamble patches is in the sphinxVerbatim environment of this Sphinx
    patched = re.search(r"\\patchcmd\{\\endsphinxVerbatim\}\{([^}]*)\}", ja["preamble"])
    literals = files("sphinx").joinpath("texinputs", "sphinxlatexliterals.sty").read_text()
    assert patched and patched.group(1) in "".join(literals.split())
    # the fonts are those tools/install_tex.sh installs and checks
    install = (ROOT / "tools" / "install_tex.sh").read_text()
    for font in set(re.findall(r"IPAex\w+", ja["fontenc"])):
        assert f"fc-list {font}" in install, font
    assert "xeCJK.sty" in install and "texlive-lang-cjk" in install
    ctexhook = (book_latex.TEX_FILES / "ctexhook.sty").read_text()
    assert "\\ProvidesExplPackage{ctexhook}" in ctexhook and "LaTeX Project Public" in ctexhook
