"""The real _config.yml keeps the build strict: a failing cell or a warning fails it."""

import html as html_lib
import json
import re

import pytest
import yaml
from book_build import ROOT, build, copy_config, page

from nnbook.site.citation import load_citation

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())


def _book(tmp_path, *cells):
    copy_config(tmp_path)
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: page\n")
    (tmp_path / "page.md").write_text(page("Page", *cells))
    return build(tmp_path)


def test_config_and_citation_file_name_the_same_addresses():
    cff = load_citation(ROOT / "CITATION.cff")
    assert CONFIG["html"]["baseurl"].rstrip("/") == cff["url"].rstrip("/")
    assert CONFIG["repository"]["url"] == cff["repository-code"]
    assert cff["url"].startswith("https://") and cff["repository-code"].startswith("https://")


@pytest.mark.slow
def test_chapters_get_cite_box_launch_buttons_and_downloads(tmp_path):
    copy_config(tmp_path)
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nparts:\n- caption: Chapters\n  numbered: true\n"
        "  chapters:\n  - file: book/first\n  - file: book/second\n"
    )
    (tmp_path / "intro.md").write_text(page("Intro"))
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "first.md").write_text(page("First steps", "1 + 1"))
    (tmp_path / "book" / "second.md").write_text(page("Second thoughts", "2 + 2"))
    done = build(tmp_path)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    html = tmp_path / "_build" / "html"
    second = (html / "book" / "second.html").read_text()
    cff = load_citation(ROOT / "CITATION.cff")
    url = cff["url"].rstrip("/") + "/book/second.html"
    # the box: number from the toc, title from the heading, the rest from CITATION.cff
    box = second[second.index("Cite this chapter") :]
    box = html_lib.unescape(re.sub(r"<[^>]+>", "", box[: box.index("</div>\n</div>")]))
    assert "@incollection{nnbook-second," in box
    assert "Chapter 2: Second thoughts." in box
    assert url in box and f"version {cff['version']}" in box
    assert "Cite this chapter" not in (html / "intro.html").read_text()  # not a chapter
    # launch buttons open the executed notebook on the branch the workflow pushes
    org_repo = cff["repository-code"].removeprefix("https://github.com/")
    branch = CONFIG["repository"]["branch"]
    links = set(re.findall(r'href="(https://(?:mybinder|colab)[^"]+)"', second))
    assert links == {
        f"https://mybinder.org/v2/gh/{org_repo}/{branch}?urlpath=lab/tree/book/second.ipynb",
        f"https://colab.research.google.com/github/{org_repo}/blob/{branch}/book/second.ipynb",
    }
    # download buttons: the executed notebook and the MyST source, both present in the site
    for suffix in (".ipynb", ".md"):
        assert f'href="../_sources/book/second{suffix}"' in second
        assert (html / "_sources" / "book" / f"second{suffix}").is_file()
    notebook = json.loads((html / "_sources" / "book" / "second.ipynb").read_text())
    assert "".join(notebook["cells"][-1]["outputs"][0]["data"]["text/plain"]) == "4"  # executed
    assert f'href="{cff["repository-code"]}"' in second  # repository button
    # the PDFs (make pdf): the chapter's and the book's, in the cite box and the download menu;
    # the landing page lists the book and every chapter
    after_box = second[second.index("Cite this chapter") :]
    assert "This chapter as a PDF" in after_box
    for pdf in ("nnbook-second.pdf", "nnbook.pdf"):
        assert after_box.count(f'href="../pdf/{pdf}"') == 1, pdf
        assert second.count(f'href="../pdf/{pdf}"') == 2, pdf  # and in the header's menu
    intro = (html / "intro.html").read_text()
    assert "The book as a PDF" in intro
    for pdf in ("nnbook.pdf", "nnbook-first.pdf", "nnbook-second.pdf"):
        assert f'href="pdf/{pdf}"' in intro, pdf


@pytest.mark.slow
def test_a_clean_page_builds(tmp_path):
    done = _book(tmp_path, "print(1 + 1)")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


@pytest.mark.slow
@pytest.mark.parametrize(
    "cell, reason",
    [
        ("1 / 0", "ZeroDivisionError"),
        ("import warnings\nwarnings.warn('stale API')", "stderr was found in the cell outputs"),
        ("import sys\nprint('oops', file=sys.stderr)", "stderr was found in the cell outputs"),
    ],
)
def test_errors_and_warnings_in_cells_fail_the_build(tmp_path, cell, reason):
    done = _book(tmp_path, cell)
    assert done.returncode != 0
    assert reason in done.stdout + done.stderr
