#!/usr/bin/env bash
# Install the TeX that `make pdf` needs, from Debian's packages, if any of it is missing.
#
# Lean on purpose: --no-install-recommends, 34 packages, 354 MB installed (plus 95 MB of
# formats that the install generates in /var/lib/texmf), about 50 s (measured on Debian 12).
#   texlive-xetex              xelatex, fontspec, unicode-math (the engine Jupyter Book uses)
#   texlive-latex-extra        the packages sphinx.sty and jupyterBook.cls load (fncychap,
#                              tabulary, changepage, ...; it depends on texlive-pictures, TikZ)
#   texlive-fonts-recommended  the fonts and math alphabets (mathrsfs) the class loads
#   fonts-freefont-otf         FreeSerif/FreeSans/FreeMono, Sphinx's xelatex fonts
#   latexmk                    reruns xelatex until every reference is resolved
#   poppler-utils              pdffonts, pdftotext, pdfimages, pdftoppm (tools/check_pdf.py)
#   qpdf                       cuts the book's PDF into one PDF per chapter (tools/book_pdf.py)
#   texlive-lang-cjk           xeCJK, which sets the Japanese edition's PDF (tools/book_ja.py pdf)
#   fonts-ipaexfont-mincho     IPAex Mincho and Gothic, its Japanese fonts (tools/book_latex.py)
#   fonts-ipaexfont-gothic
# The last three: 4 packages with poppler-data, 34 MB, about 3 s (measured on Debian 12).
# Not texlive-lang-chinese (143 MB with its fonts, 35 s), which xeCJK wants for ctexhook.sty
# alone: tools/book_latex.py copies that file (tools/tex/ctexhook.sty) into the LaTeX folder.
# Not texlive-fonts-extra (1.4 GB), which jupyterBook.cls wants for bbm.sty alone:
# tools/book_latex.py drops that line from the class and maps \mathbbm to \mathbb.
set -euo pipefail
PACKAGES=(texlive-xetex texlive-latex-extra texlive-fonts-recommended fonts-freefont-otf
  latexmk poppler-utils qpdf texlive-lang-cjk fonts-ipaexfont-mincho fonts-ipaexfont-gothic)
# What each package brings that the build uses; all present means nothing to do.
have() {
  command -v xelatex >/dev/null && command -v latexmk >/dev/null &&
    command -v pdffonts >/dev/null && command -v qpdf >/dev/null &&
    kpsewhich fncychap.sty changepage.sty mathrsfs.sty unicode-math.sty xeCJK.sty >/dev/null &&
    [ "$(kpsewhich fncychap.sty changepage.sty mathrsfs.sty unicode-math.sty xeCJK.sty |
      wc -l)" = 5 ] &&
    [ -n "$(fc-list FreeSerif)" ] && [ -n "$(fc-list IPAexMincho)" ] &&
    [ -n "$(fc-list IPAexGothic)" ]
}
if have; then
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  SUDO=
elif command -v sudo >/dev/null; then
  SUDO=sudo
else
  echo "install_tex: TeX is missing; install it as root:" \
    "apt-get install -y --no-install-recommends ${PACKAGES[*]}" >&2
  exit 1
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  "${PACKAGES[@]}"
have || { echo "install_tex: installed, but a package the PDF needs is still missing" >&2; exit 1; }
