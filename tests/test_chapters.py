"""Conventions every chapter keeps (what the strict build cannot see)."""

import re

import pytest
from book_build import FRONT_MATTER, ROOT

TOC = (ROOT / "_toc.yml").read_text()
# the numbered part holds the executable chapters; back matter (bibliography, ...) follows it
_NUMBERED = TOC.split("- caption: Chapters", 1)[1].split("- caption:", 1)[0]
CHAPTERS = [ROOT / f"{n}.md" for n in re.findall(r"^\s*-?\s*file:\s*(\S+)", _NUMBERED, re.M)]
#: Cells allowed to raise: each teaches an error on purpose.  "page.md: why".
ALLOWED_TO_RAISE: dict[str, str] = {}


def test_toc_lists_the_chapters():
    # classification comes right after the training loop: later chapters train classifiers
    assert [p.name for p in CHAPTERS][:2] == ["training-loop.md", "classification.md"]
    assert "book/bibliography" in TOC.split("- caption: Back matter", 1)[1]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.name)
def test_chapter_conventions(chapter):
    text = chapter.read_text()
    lines = FRONT_MATTER.splitlines()
    # the same jupytext header and kernel everywhere (format_version may follow format_name)
    for line in lines:
        assert line in text.split("\n---\n", 1)[0] + "\n---", f"{chapter.name}: {line!r}"
    cells = re.findall(r"^```\{code-cell\}(.*)$", text, re.M)
    assert cells, f"{chapter.name} has no code cells"
    assert all(lang.strip() == "ipython3" for lang in cells)
    assert "from nnbook" in text or "import nnbook" in text
    if "raises-exception" in text:
        assert chapter.name in ALLOWED_TO_RAISE, f"{chapter.name}: cell allowed to raise"
    assert "skip-execution" not in text
    # every section has a label for cross-references: (sec-...)= before each "## "
    headings = re.findall(r"^## ", text, re.M)
    labels = re.findall(r"^\(sec-[a-z0-9-]+\)=\n## ", text, re.M)
    assert len(labels) == len(headings), f"{chapter.name}: a section without a label"
    # ... and so has every display equation and every figure (numbered, citable in slides)
    for block in re.findall(r"^\$\$\n[\s\S]*?\n\$\$([^\n]*)$", text, re.M):
        assert re.match(r" \(eq-[a-z0-9-]+\)$", block), f"{chapter.name}: an unlabelled equation"
    for options in re.findall(r"^```\{(?:glue:)?figure\}.*\n((?::.*\n)*)", text, re.M):
        assert re.search(r"^:name: fig-[a-z0-9-]+$", options, re.M), f"{chapter.name}: figure"
    # an exercise is numbered by reference only within its chapter: the LaTeX of a
    # cross-chapter {numref} to one points at a label sphinx-exercise does not write
    own = set(re.findall(r"^:label: (ex-[a-z0-9-]+)$", text, re.M))
    for label in re.findall(r"\{numref\}`(ex-[a-z0-9-]+)`", text):
        assert label in own, f"{chapter.name}: numref to another chapter's exercise {label}"
    # a citation inside a caption breaks the PDF (LaTeX's \caption takes no \sphinxcite):
    # cite in the prose beside the figure
    for caption in re.findall(r"^```\{(?:glue:)?figure\}[^\n]*\n([\s\S]*?)^```", text, re.M):
        assert "{cite" not in caption, f"{chapter.name}: a citation in a figure caption"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.name)
def test_chapter_ends_with_the_reproducibility_stamp(chapter):
    tail = chapter.read_text().rstrip()[-400:]
    assert 'glue("stamp", build_stamp()' in tail and "{glue:text}`stamp`" in tail
