"""Check the PDFs of the book (``make pdf``), as a reader would see them.

Usage: python tools/check_pdf.py _build/pdf --tex _build/latex/book.tex
       [--html _build/html]

- pages: the book has them all; each chapter's PDF has its run of pages and the bibliography;
- every chapter's number and title is in the book's text, and each chapter's PDF has its own
  title and its "Cite this chapter" box;
- no "??" (an unresolved reference or citation) in any PDF;
- every font is embedded (pdffonts), so the PDF prints and reads the same everywhere;
- every image the LaTeX includes is in the book (pdfimages);
- with ``--html``: each chapter numbers its figures (and their captions) and its equations as
  the site does.

``--language ja`` checks the Japanese edition's PDFs (``tools/book_ja.py pdf``) against its
site: the words it looks for are those of :data:`WORDS`.
"""

from __future__ import annotations

import argparse
import html as html_lib
import json
import re
import subprocess
from pathlib import Path

from book_downloads import BOOK_PDF, chapter_pdf

#: What each edition's PDFs and site call things: the box at the end of a chapter
#: (locales/ja/LC_MESSAGES/nnbook.po), the bibliography (its page's title, which
#: tools/book_latex.py gives the PDF), a figure's number; and the letters of a caption's first
#: word (kana and kanji in Japanese; never the math letters 𝑥 of the PDF's text).
WORDS = {
    "en": {
        "cite": "Cite this chapter",
        "bibliography": "Bibliography",
        "figure": r"Fig\.",
        "letters": "A-Za-z",
        "compared": None,
    },
    "ja": {
        "cite": "この章を引用する",
        "bibliography": "参考文献",
        "figure": "図",
        "letters": "A-Za-z\u3040-\u30ff\u3400-\u9fff",
        # a Japanese word runs on to the next space or formula, which the site and the PDF's
        # text place differently: its first letters are compared
        "compared": 4,
    },
}


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdf_text(pdf: Path, layout: bool = False) -> str:
    return _run("pdftotext", *(["-layout"] if layout else []), str(pdf), "-")


def n_pages(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(pdf)), re.M).group(1))


def fonts_not_embedded(pdffonts_output: str) -> list[str]:
    """Names of the fonts pdffonts lists with ``emb`` = no."""
    # a long name pushes the other columns right, so a row is read from its end:
    # ... emb sub uni object-number generation
    rows = pdffonts_output.splitlines()[2:]
    return [row.split()[0] for row in rows if row.split()[-5] != "yes"]


def n_images(pdfimages_output: str) -> int:
    """Images drawn (masks not counted), from ``pdfimages -list``."""
    rows = pdfimages_output.splitlines()[2:]
    return sum(1 for row in rows if row.split()[2] == "image")


def _compact(text: str) -> str:
    return "".join(text.split())


def _first_word(text: str, language: str) -> str:
    word = re.search(f"[{WORDS[language]['letters']}]+", text)
    return word.group(0)[: WORDS[language]["compared"]] if word else ""


def html_numbers(page: str, language: str = "en") -> tuple[dict[str, str], set[str]]:
    """A site page's figure numbers (with their caption's first word) and equation numbers."""
    figures = {}
    for number, caption in re.findall(
        rf'<span class="caption-number">{WORDS[language]["figure"]} ([\d.]+) </span>'
        r'<span class="caption-text">(.*?)</p>',
        page,
        re.S,
    ):
        # math is typeset differently (MathJax source here, Unicode math there): words only
        caption = re.sub(r'<span class="math[^"]*">.*?</span>', "", caption, flags=re.S)
        figures[number] = _first_word(html_lib.unescape(re.sub(r"<[^>]+>", "", caption)), language)
    equations = set(re.findall(r'<span class="eqno">\(([\d.]+)\)', page))
    return figures, equations


def pdf_numbers(
    text: str, layout_text: str, chapter: int, language: str = "en"
) -> tuple[dict[str, str], set[str]]:
    """The same, read from a chapter's PDF text: "Fig. 3.2: Caption" at the start of a line
    (a caption, not a reference in the prose) and "(3.1)" at the end of a line of the
    laid-out text (where LaTeX puts equation numbers)."""
    figures = {
        number: _first_word(caption, language)
        for number, caption in re.findall(
            rf"^{WORDS[language]['figure']}\s*(\d+\.\d+):(.*)$", text, re.M
        )
        if number.split(".")[0] == str(chapter)
    }
    equations = {
        n
        for n in re.findall(r"\((\d+\.\d+)\)\s*$", layout_text, re.M)
        if n.split(".")[0] == str(chapter)
    }
    return figures, equations


def check(
    pdf_dir: Path, tex: Path, html: Path | None, language: str = "en"
) -> tuple[list[str], list[str]]:
    """Problems, and the lines of the report."""
    if language not in WORDS:
        raise ValueError(f"language: {language!r} is not one of {sorted(WORDS)}")
    words = WORDS[language]
    problems, report = [], []
    book = pdf_dir / BOOK_PDF
    chapters = json.loads((pdf_dir / "chapters.json").read_text())
    pdfs = [book] + [pdf_dir / chapter_pdf(c["docname"]) for c in chapters]
    total = n_pages(book)
    book_text = _compact(pdf_text(book))
    bib_pages = None
    for c in chapters:
        if f"{c['number']}{_compact(c['title'])}" not in book_text:
            problems.append(f"{BOOK_PDF}: no '{c['number']} {c['title']}' in the text")
    previous_last = None
    for c, pdf in zip(chapters, pdfs[1:], strict=True):
        first, last = c["pages"]
        if not 1 <= first <= last <= total:
            problems.append(f"{pdf.name}: pages {first}-{last} outside the book's 1-{total}")
        if previous_last is not None and first != previous_last + 1:
            problems.append(f"{pdf.name}: starts on page {first}, not after {previous_last}")
        previous_last = last
        n = n_pages(pdf)
        bib_pages = n - (last - first + 1) if bib_pages is None else bib_pages
        if n != last - first + 1 + bib_pages or bib_pages < 1:
            problems.append(f"{pdf.name}: {n} pages, not {last - first + 1} + the bibliography")
        text = _compact(pdf_text(pdf))
        for needed in (c["title"], words["cite"], words["bibliography"]):
            if _compact(needed) not in text:
                problems.append(f"{pdf.name}: no '{needed}' in the text")
        report.append(f"{pdf.name}: {n} pages ({first}-{last} of the book, then the bibliography)")
    for pdf in pdfs:
        if "??" in pdf_text(pdf):
            problems.append(f"{pdf.name}: '??' (an unresolved reference) in the text")
        bad = fonts_not_embedded(_run("pdffonts", str(pdf)))
        if bad:
            problems.append(f"{pdf.name}: fonts not embedded: {bad}")
    expected = len(re.findall(r"\\(?:sphinx)?includegraphics", tex.read_text()))
    drawn = n_images(_run("pdfimages", "-list", str(book)))
    if drawn < expected or expected == 0:
        problems.append(f"{BOOK_PDF}: {drawn} images drawn, the LaTeX includes {expected}")
    report.insert(0, f"{BOOK_PDF}: {total} pages, {drawn} images ({expected} included)")
    if html is not None:
        for c, pdf in zip(chapters, pdfs[1:], strict=True):
            page = (html / f"{c['docname']}.html").read_text()
            want = html_numbers(page, language)
            got = pdf_numbers(pdf_text(pdf), pdf_text(pdf, layout=True), c["number"], language)
            for kind, w, g in zip(("figures", "equations"), want, got, strict=True):
                if w != g:
                    problems.append(f"{pdf.name}: {kind} on the site {w}, in the PDF {g}")
            report.append(
                f"{pdf.name}: {len(want[0])} figures, {len(want[1])} equations as on the site"
            )
    return problems, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf_dir", type=Path)
    parser.add_argument("--tex", type=Path, required=True)
    parser.add_argument("--html", type=Path)
    parser.add_argument("--language", choices=sorted(WORDS), default="en")
    args = parser.parse_args(argv)
    problems, report = check(args.pdf_dir, args.tex, args.html, args.language)
    for line in report + problems:
        print(f"check_pdf: {line}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
