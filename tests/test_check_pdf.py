"""tools/check_pdf.py: reading pdffonts, pdfimages and the numbers of the site and the PDF."""

from book_build import load_tool

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
