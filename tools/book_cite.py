"""A "Cite this chapter" box at the end of every numbered chapter (Sphinx extension).

Loaded by _config.yml (``sphinx: local_extensions``).  Nothing is typed per chapter: the title
is the page's heading, the number is the one Sphinx gives the chapter in the table of contents,
and authors, book title, version, year and address come from ``CITATION.cff`` through
:mod:`nnbook.site.citation` (tested in tests/site/test_citation.py).  Pages without a chapter number
(introduction, back matter) get no box.
"""

from __future__ import annotations

from pathlib import Path

from book_i18n import language
from docutils import nodes
from sphinx import addnodes
from sphinx.locale import get_translation

from nnbook.site.citation import chapter_bibtex, chapter_reference, load_citation

#: The words of the box in the edition's language (locales/<language>/LC_MESSAGES/nnbook.po,
#: loaded by tools/book_i18n.py).
_ = get_translation("nnbook")


def _chapter_number(env, docname: str) -> int | None:
    number = env.toc_secnumbers.get(docname, {}).get("")
    return number[0] if number and len(number) == 1 else None


def add_cite_box(app, doctree, docname: str) -> None:
    if app.builder.name == "latex":
        # the LaTeX builder resolves one doctree, the whole book, in which each document
        # starts with a start_of_file node
        if docname == app.config.root_doc:
            for part in list(doctree.findall(addnodes.start_of_file)):
                _add_box(app, part, part["docname"])
        return
    _add_box(app, doctree, docname)


def _add_box(app, doctree, docname: str) -> None:
    number = _chapter_number(app.env, docname)
    sections = [s for s in doctree.children if isinstance(s, nodes.section)]
    if number is None or not sections:
        return
    cff = load_citation(Path(app.confdir) / "CITATION.cff")
    args = {
        "title": app.env.titles[docname].astext(),
        "number": number,
        "docname": docname,
        "language": language(app),
    }
    box = nodes.admonition(classes=["cite-chapter"])
    box += nodes.title(text=_("Cite this chapter"))
    box += nodes.paragraph(text=chapter_reference(cff, **args))
    bib = chapter_bibtex(cff, **args)
    box += nodes.literal_block(bib, bib, language="bibtex")
    if app.builder.name == "latex":  # keep the box (about 14 lines) on one page
        sections[-1] += nodes.raw("", "\\needspace{16\\baselineskip}", format="latex")
    sections[-1] += box


def setup(app):
    app.connect("doctree-resolved", add_cite_box)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
