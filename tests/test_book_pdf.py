"""tools/book_pdf.py: which LaTeX warnings fail the build, and where each chapter's pages are."""

import pytest
from book_build import load_tool

book_pdf = load_tool("book_pdf")

CLEAN = """\
Package hyperref Warning: Token not allowed in a PDF string (Unicode):
Overfull \\hbox (1.2pt too wide) in paragraph at lines 10--12
Overfull \\vbox (17.1pt too high) detected at line 5487
"""


def test_a_clean_log_has_no_problem():
    assert book_pdf.log_problems(CLEAN) == []


PROBLEMS = [
    ("reference", "LaTeX Warning: Reference `book/vae:eq-elbo' on page 12 undefined on input"),
    ("reference", "LaTeX Warning: Hyper reference `book/vae:x' on page 3 undefined on input"),
    ("citation", "LaTeX Warning: Citation `book/bibliography:id5' on page 40 undefined on input"),
    ("reference", "LaTeX Warning: There were undefined references."),
    ("unsettled", "LaTeX Warning: Label(s) may have changed. Rerun to get cross-references right."),
    ("missing", "Missing character: There is no ⊙ (U+2299) in font FreeSerif:mapping=tex-text;!"),
    ("overfull hbox", "Overfull \\hbox (12.5pt too wide) in paragraph at lines 3--4"),
    ("overfull vbox", "Overfull \\vbox (31.0pt too high) has occurred while \\output is active"),
]


@pytest.mark.parametrize("kind, line", PROBLEMS)
def test_each_problem_fails(kind, line):
    problems = book_pdf.log_problems(CLEAN + line + "\n")
    assert len(problems) == 1 and problems[0].startswith(kind)


# bookmarks of a book: part, chapters (depth 1) with sections, back matter, bibliography
OUTLINE = [
    (0, "Chapters", 6),
    (1, "Training a network", 7),
    (2, "1.1 The data", 7),
    (1, "Classification", 22),
    (0, "Back matter", 106),
    (1, "Glossary", 107),
    (1, "How to cite", 112),
    (1, "Bibliography", 113),
]


def test_chapters_run_to_the_next_chapter_or_part_and_the_bibliography_to_the_end():
    ranges = book_pdf.chapter_pages(OUTLINE, ["Training a network", "Classification"], 115)
    assert ranges == {"Training a network": (7, 21), "Classification": (22, 105), "": (113, 115)}


def test_a_chapter_without_a_bookmark_fails():
    with pytest.raises(ValueError, match="Optimizers"):
        book_pdf.chapter_pages(OUTLINE, ["Training a network", "Optimizers"], 115)


def test_clearing_the_output_keeps_a_translated_editions_folder(tmp_path):
    for name in ("nnbook.pdf", "nnbook-old-chapter.pdf", "chapters.json", "ja/nnbook.pdf"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("%PDF")
    book_pdf.clear(tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "ja",
        "ja/nnbook.pdf",
    ]
    book_pdf.clear(tmp_path / "new")  # a first build makes the folder
    assert (tmp_path / "new").is_dir()
