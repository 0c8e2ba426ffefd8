"""The LaTeX settings of an edition in a language whose characters FreeSerif lacks (Japanese),
used by tools/book_latex.py; the Japanese PDF is built by ``tools/book_ja.py pdf``."""

from __future__ import annotations

from pathlib import Path

__all__ = ["CJK_ELEMENTS", "TEX_FILES"]

#: What the LaTeX build needs for a language whose characters FreeSerif lacks (Japanese):
#: xeCJK sets them in the IPAex fonts (tools/install_tex.sh installs both).  Sphinx's own
#: settings for Japanese are for (u)pLaTeX, which Jupyter Book does not use.  ``preamble``
#: is added to the preamble; the other keys are Sphinx's ``latex_elements``.
CJK_ELEMENTS = {
    "ja": {
        "fontenc": "\n".join(
            [
                r"\usepackage{fontspec}",
                r"\defaultfontfeatures[\rmfamily,\sffamily,\ttfamily]{}",
                r"\usepackage{xeCJK}",
                # Japanese has no italic; bold is set in the Gothic face, as Japanese books do
                r"\setCJKmainfont[BoldFont=IPAexGothic]{IPAexMincho}",
                r"\setCJKsansfont{IPAexGothic}",
                r"\setCJKmonofont{IPAexGothic}",
                # polyglossia's Japanese would look for Japanese in the Latin fonts (xeCJK has it)
                r"\providecommand\japanesefont{\rmfamilylatin}",
                r"\providecommand\japanesefontsf{\sffamilylatin}",
                r"\providecommand\japanesefonttt{\ttfamilylatin}",
                r"\linespread{1.15}",  # Japanese lines need more air than Latin ones
            ]
        ),
        # xeCJK's commands in verbatim blocks, or it adds spaces there (Sphinx does so for zh)
        "fvset": r"\fvset{fontsize=\small,formatcom=\xeCJKVerbAddon}",
        # the class's chapter heads, 第 1 章 (fncychap would print 第 ONE)
        "fncychap": "",
        "preamble": "\n".join(
            [
                # the site's title of the bibliography (polyglossia says 文献目録)
                r"\addto\captionsjapanese{\renewcommand{\bibname}{参考文献}}",
                # Sphinx titles the contents with the first caption of the table of contents
                # (各章); sphinx-jupyterbook-latex sets "Contents" back, for English only
                r"\addto\captionsjapanese{\renewcommand{\contentsname}{目次}}",
            ]
        ),
    }
}
#: xeCJK (texlive-lang-cjk) needs ctexhook.sty, which Debian ships only in
#: texlive-lang-chinese (143 MB with its fonts, 35 s to install); the file itself (6.5 kB,
#: LPPL, unchanged) is in tools/tex/ and copied into the LaTeX folder of a CJK build.
TEX_FILES = Path(__file__).parent / "tex"
