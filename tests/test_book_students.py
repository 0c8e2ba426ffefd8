"""The students' edition: solutions stripped from sources, hidden in the site, checked."""

import shutil
import subprocess
import sys

import pytest
from book_build import ROOT, build, load_tool, page

book_students = load_tool("book_students")
check_students = load_tool("check_students")

CHAPTER = """
```{exercise} Sum two numbers
:label: ex-sum

Compute the sum of two and three.
```

```{solution-start} ex-sum
:class: dropdown
```

The gated solution adds them in a cell; the answer is printed below the cell.

```{code-cell} ipython3
total_of_the_two_numbers = 2 + 3
```

```{solution-end}
```

```{exercise} Say why
:label: ex-why

Why is the sum five?
```

````{solution} ex-why
:class: dropdown

Because counting on three steps from two lands on five, every time.

```python
assert sum_written_in_a_plain_solution == 5
```
````

Text after the exercises stays in every edition.
"""


def test_markdown_loses_both_kinds_of_solution_and_keeps_the_rest():
    stripped = book_students.strip_markdown(CHAPTER)
    assert "Compute the sum of two and three." in stripped
    assert "Why is the sum five?" in stripped
    assert "Text after the exercises stays in every edition." in stripped
    for gone in ("solution", "gated solution", "total_of_the_two", "counting on", "sum_written"):
        assert gone not in stripped


def test_a_gated_solution_is_dropped_across_notebook_cells():
    cells = [
        {"cell_type": "markdown", "source": "Before.\n\n```{solution-start} ex\n```\n\nHint."},
        {"cell_type": "code", "source": "secret = 1"},
        {"cell_type": "markdown", "source": ["Still inside.\n", "```{solution-end}\n", "```\n"]},
        {"cell_type": "code", "source": "after = 2"},
    ]
    stripped = book_students.strip_notebook({"cells": cells, "metadata": {}})
    assert [("".join(c["source"]).strip()) for c in stripped["cells"]] == ["Before.", "after = 2"]


def test_an_unclosed_solution_is_an_error():
    with pytest.raises(ValueError, match="solution-start without solution-end"):
        book_students.strip_markdown("```{solution-start} ex\n```\nno end\n")


def test_figure_files_no_page_links_are_dropped(tmp_path):
    (tmp_path / "slides").mkdir()
    for name in ("cg-shown.gif", "cg-shown.svg", "cg-solution.gif"):
        (tmp_path / "slides" / name).write_text("x")
    (tmp_path / "page.html").write_text(
        '<a href="slides/cg-shown.gif"></a><a href="slides/cg-shown.svg">'
    )
    assert book_students.drop_unlinked_slides(tmp_path) == ["cg-solution.gif"]
    assert sorted(f.name for f in (tmp_path / "slides").iterdir()) == [
        "cg-shown.gif",
        "cg-shown.svg",
    ]


@pytest.mark.slow
def test_students_edition_has_the_exercises_and_none_of_the_solutions(tmp_path):
    for name in ("_config.yml", "references.bib", "CITATION.cff"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "tools", tmp_path / "tools", ignore=shutil.ignore_patterns("__py*"))
    (tmp_path / "_mathjax").mkdir()
    (tmp_path / "_build" / "site-extra").mkdir(parents=True)
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n- file: ch\n")
    (tmp_path / "intro.md").write_text(page("Intro"))
    (tmp_path / "ch.md").write_text(page("Chapter") + CHAPTER)
    done = build(tmp_path)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    students = tmp_path / "_build" / "students"
    done = subprocess.run(
        [
            sys.executable,
            ROOT / "tools" / "book_students.py",
            "--root",
            tmp_path,
            "--out",
            students,
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    site, sources = tmp_path / "_build" / "html", [tmp_path / "ch.md"]
    # the main site shows both solutions: the check fails on it, naming each
    problems = "\n".join(check_students.check(site, sources, site))
    assert "ch.md:1" in problems and "ch.md:2" in problems
    # the students' edition: both exercises, neither solution, in pages and sources alike
    assert check_students.check(students / "html", sources, site) == []
    source = (students / "html" / "_sources" / "ch.md").read_text()  # the download button's
    assert "Compute the sum of two and three." in source and "total_of_the_two" not in source
    html = (students / "html" / "ch.html").read_text()
    assert "students&#39; edition" in html
    assert "colab.research.google.com" not in html and "mybinder.org" not in html
