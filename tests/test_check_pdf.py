"""tools/check_pdf.py: reading pdffonts, pdfimages and the numbers of the site and the PDF."""

import pytest
from babel.messages.pofile import read_po
from book_build import ROOT, load_tool

check_pdf = load_tool("check_pdf")

PDFFONTS = """\
name                                 type              encoding         emb sub uni object ID
------------------------------------ ----------------- ---------------- --- --- --- ---------
SKMTMO+FreeSansBold-Identity-H       CID Type 0C       Identity-H       yes yes yes      5  0
SDTKGF+LatinModernMath-Regular-Identity-H CID Type 0C       Identity-H       yes yes yes     21  0
Helvetica                            Type 1            Custom           no  no  no      30  0
"""

PDFIMAGES = """\
page   num  type   width height color comp bpc  enc interp  object ID x-ppi y-ppi size ratio
--------------------------------------------------------------------------------------------
   4     0 image     672   480  rgb     3   8  image  no        73  0   110   110 19.1K 2.0%
   4     1 smask     672   480  gray    1   8  image  no        73  0   110   110 2169B 0.7%
   9     2 image     413   300  rgb     3   8  jpx    no        90  0    72    72 5.1K 1.4%
"""


def test_fonts_not_embedded_are_named_even_after_a_long_name():
    assert check_pdf.fonts_not_embedded(PDFFONTS) == ["Helvetica"]


def test_images_are_counted_without_their_masks():
    assert check_pdf.n_images(PDFIMAGES) == 2


SITE = """
<figcaption><p><span class="caption-number">Fig. 3.1 </span><span class="caption-text">Forward
pass of <span class="math notranslate nohighlight">\\(y = ax + b\\)</span>.</span></p></figcaption>
<figcaption><p><span class="caption-number">Fig. 3.2 </span><span class="caption-text">
<span class="math notranslate nohighlight">\\(f(x)\\)</span> has two consumers.</span>
</p></figcaption>
<span class="eqno">(3.1)<a class="headerlink" href="#eq">#</a></span>
<span class="eqno">(3.2)<a class="headerlink" href="#eq2">#</a></span>
"""
PDF_TEXT = """\
The animation replays (3.1); compare Fig. 3.2: not a caption.
Fig. 3.1: Forward pass of 𝑦 = 𝑎𝑥 + 𝑏.
Fig. 3.2: 𝑓(𝑥) has two consumers.
"""
PDF_LAYOUT = """\
            𝑦 = 𝑎𝑥 + 𝑏                               (3.1)
   see (2.4) and
            ∂𝑦/∂𝑎 = 𝑥                                (3.2)
"""


def test_the_site_and_the_pdf_give_the_same_numbers():
    site = check_pdf.html_numbers(SITE)
    assert site == ({"3.1": "Forward", "3.2": "has"}, {"3.1", "3.2"})
    assert check_pdf.pdf_numbers(PDF_TEXT, PDF_LAYOUT, chapter=3) == site


def test_a_shifted_number_is_seen():
    shifted = PDF_TEXT.replace("Fig. 3.2: 𝑓", "Fig. 3.3: 𝑓")
    assert check_pdf.pdf_numbers(shifted, PDF_LAYOUT, 3)[0] != check_pdf.html_numbers(SITE)[0]


SITE_JA = """
<span class="caption-number">図 3.1 </span><span class="caption-text">順伝播と逆伝播。</span></p>
<span class="caption-number">図 3.2 </span><span class="caption-text">
<span class="math notranslate nohighlight">\\(f(x)\\)</span>の二つの利用者と
<span class="math notranslate nohighlight">\\(y\\)</span></span></p>
<span class="eqno">(3.1)<a class="headerlink" href="#eq">#</a></span>
"""
PDF_TEXT_JA = """\
図 3.1 のアニメーションは (3.1) を再生する。
図 3.1: 順伝播と逆伝播。
図 3.2: 𝑓(𝑥) の二つの利用者と 𝑦
"""


def test_the_japanese_site_and_pdf_give_the_same_numbers():
    site = check_pdf.html_numbers(SITE_JA, "ja")
    # a Japanese word runs on to the next formula or space: its first letters are compared
    assert site == ({"3.1": "順伝播と", "3.2": "の二つの"}, {"3.1"})
    pdf = check_pdf.pdf_numbers(PDF_TEXT_JA, "   𝑦 = 𝑎𝑥     (3.1)\n", 3, "ja")
    assert pdf == site
    # the English rules find no Japanese figure
    assert check_pdf.pdf_numbers(PDF_TEXT_JA, "", 3)[0] == {}
    shifted = PDF_TEXT_JA.replace("図 3.2", "図 3.3")
    assert check_pdf.pdf_numbers(shifted, "", 3, "ja")[0] != site[0]


def test_the_japanese_words_are_the_editions():
    words = check_pdf.WORDS["ja"]
    catalogs = ROOT / "locales" / "ja" / "LC_MESSAGES"
    with (catalogs / "nnbook.po").open("rb") as f:
        assert read_po(f).get(check_pdf.WORDS["en"]["cite"]).string == words["cite"]
    with (catalogs / "book" / "bibliography.po").open("rb") as f:
        assert read_po(f).get("Bibliography").string == words["bibliography"]
    # the PDF is given the bibliography's title by tools/book_latex.py
    preamble = load_tool("book_latex_cjk").CJK_ELEMENTS["ja"]["preamble"]
    assert f"{{\\bibname}}{{{words['bibliography']}}}" in preamble


def test_an_unknown_language_is_refused(tmp_path):
    with pytest.raises(ValueError, match="language: 'fr' is not one of"):
        check_pdf.check(tmp_path, tmp_path / "book.tex", None, "fr")
