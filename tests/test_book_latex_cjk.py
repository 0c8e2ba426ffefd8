"""tools/book_latex_cjk.py: the Japanese PDF's LaTeX settings fit Sphinx and the TeX that
tools/install_tex.sh installs."""

import re
from importlib.resources import files

from book_build import ROOT, load_tool

book_latex_cjk = load_tool("book_latex_cjk")
book_latex = load_tool("book_latex")


def test_the_japanese_settings_fit_sphinx_and_the_installed_tex():
    ja = book_latex_cjk.CJK_ELEMENTS["ja"]
    # the line tools/book_latex.py patches is in the sphinxVerbatim environment of this Sphinx
    patched = re.search(r"\\patchcmd\{\\endsphinxVerbatim\}\{([^}]*)\}", book_latex.VERBATIM_PATCH)
    literals = files("sphinx").joinpath("texinputs", "sphinxlatexliterals.sty").read_text()
    assert patched and patched.group(1) in "".join(literals.split())
    # the fonts are those tools/install_tex.sh installs and checks
    install = (ROOT / "tools" / "install_tex.sh").read_text()
    for font in set(re.findall(r"IPAex\w+", ja["fontenc"])):
        assert f"fc-list {font}" in install, font
    assert "xeCJK.sty" in install and "texlive-lang-cjk" in install
    ctexhook = (book_latex_cjk.TEX_FILES / "ctexhook.sty").read_text()
    assert "\\ProvidesExplPackage{ctexhook}" in ctexhook and "LaTeX Project Public" in ctexhook


def test_the_japanese_pdf_names_its_parts_as_the_site_does():
    # Sphinx would title the contents with the first caption of the table of contents (各章)
    preamble = book_latex_cjk.CJK_ELEMENTS["ja"]["preamble"]
    assert r"\renewcommand{\contentsname}{目次}" in preamble
    assert r"\renewcommand{\bibname}{参考文献}" in preamble
