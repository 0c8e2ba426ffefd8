from book_build import load_tool

check_latex = load_tool("check_latex")

GOOD = r"\begin{figure}\sphinxincludegraphics{a.png}\label{\detokenize{p:fig-a}}\end{figure}"
EMPTY = r"\begin{figure}\caption{x}\label{\detokenize{p:fig-b}}\end{figure}"


def test_empty_figures_are_reported_by_label():
    assert check_latex.empty_figures(GOOD) == []
    assert check_latex.empty_figures(GOOD + EMPTY) == ["p:fig-b"]


def test_main_fails_on_an_empty_figure(tmp_path):
    (tmp_path / "ok.tex").write_text(GOOD)
    (tmp_path / "bad.tex").write_text(GOOD + EMPTY)
    assert check_latex.main(str(tmp_path / "ok.tex")) == 0
    assert check_latex.main(str(tmp_path / "bad.tex")) == 1
