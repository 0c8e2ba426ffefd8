"""Links to the PDFs of the book and of each chapter, on the site (Sphinx extension).

Loaded by _config.yml (``sphinx: local_extensions``).  ``make pdf`` (tools/book_pdf.py) writes
the PDFs into ``_build/pdf/``, which ``make book`` copies into the site as ``pdf/`` (the
PDFs are built beside the site); the browser check GETs every link.  The links are:

- on every page, in the header's download menu: the whole book, and on a chapter page the
  chapter;
- at the end of a chapter, in its "Cite this chapter" box (tools/book_cite.py);
- on the landing page, a "The book as a PDF" box listing the book and every chapter.

Not in the LaTeX build (the PDF does not link to itself), nor where ``book_pdf_links`` is
false: the students' edition (tools/book_students.py), since the PDFs contain the solutions.
The Japanese edition links its own PDFs (``book_pdf_dir``: tools/book_ja.py), in its words
(``locales/ja/LC_MESSAGES/nnbook.po``).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util.osutil import relative_uri

#: The words of the links in the edition's language (loaded by tools/book_i18n.py).
_ = get_translation("nnbook")

#: Where the PDFs are served, relative to the site's root (``book_pdf_dir``'s default).
PDF_DIR = "pdf"
#: The whole book.
BOOK_PDF = "nnbook.pdf"


def chapter_pdf(docname: str) -> str:
    """The file name of a chapter's PDF: ``book/backprop`` -> ``nnbook-backprop.pdf``."""
    return f"nnbook-{Path(docname).name}.pdf"


def _chapter_number(env, docname: str) -> int | None:
    number = env.toc_secnumbers.get(docname, {}).get("")
    return number[0] if number and len(number) == 1 else None


def _active(app) -> bool:
    return app.builder.format == "html" and app.config.book_pdf_links


def _link(app, docname: str, filename: str, text: str) -> nodes.reference:
    uri = relative_uri(app.builder.get_target_uri(docname), f"{app.config.book_pdf_dir}/{filename}")
    return nodes.reference("", text, refuri=uri, classes=["pdf-download"])


def add_pdf_links(app, doctree, docname: str) -> None:
    """The landing page's box, and a line in each chapter's cite box."""
    if not _active(app):
        return
    env = app.env
    if docname == app.config.root_doc:
        sections = [s for s in doctree.children if isinstance(s, nodes.section)]
        chapters = sorted(
            (n, d) for d in env.found_docs if (n := _chapter_number(env, d)) is not None
        )
        box = nodes.admonition(classes=["book-downloads"])
        box += nodes.title(text=_("The book as a PDF"))
        box += nodes.paragraph(
            "",
            "",
            nodes.Text(_("The whole book: ")),
            _link(app, docname, BOOK_PDF, BOOK_PDF),
            nodes.Text(
                _(".  Each chapter, as its pages of the book followed by the bibliography:")
            ),
        )
        items = nodes.bullet_list()
        for number, chapter in chapters:
            title = f"{number} {env.titles[chapter].astext()}"
            items += nodes.list_item(
                "", nodes.paragraph("", "", _link(app, docname, chapter_pdf(chapter), title))
            )
        box += items
        if sections:
            sections[0] += box
        return
    if _chapter_number(env, docname) is None:
        return
    for box in doctree.findall(nodes.admonition):
        if "cite-chapter" in box["classes"]:
            box += nodes.paragraph(
                "",
                "",
                nodes.Text(
                    _("This chapter as a PDF (its pages of the book, and the bibliography): ")
                ),
                _link(app, docname, chapter_pdf(docname), chapter_pdf(docname)),
                nodes.Text(_("; the whole book: ")),
                _link(app, docname, BOOK_PDF, BOOK_PDF),
                nodes.Text(_(".")),
            )


def add_header_buttons(app, pagename, templatename, context, doctree) -> None:
    """Entries in the header's download menu (sphinx-book-theme's "download-buttons")."""
    if not _active(app) or pagename not in app.env.found_docs:
        return
    pathto = context["pathto"]
    entries = []
    if _chapter_number(app.env, pagename) is not None:
        entries.append(
            (_("Chapter (PDF)"), _("This chapter as a PDF"), chapter_pdf(pagename), "chapter")
        )
    entries.append((_("Book (PDF)"), _("The whole book as a PDF"), BOOK_PDF, "book"))
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"][:0] = [
                {
                    "type": "link",
                    "url": pathto(f"{app.config.book_pdf_dir}/{filename}", 1),
                    "text": text,
                    "tooltip": tooltip,
                    "icon": "fas fa-file-pdf",
                    "label": f"download-{kind}-pdf-button",
                }
                for text, tooltip, filename, kind in entries
            ]


def setup(app):
    app.add_config_value("book_pdf_links", True, "html", [bool])
    app.add_config_value("book_pdf_dir", PDF_DIR, "html", [str])
    # after tools/book_cite.py has added the cite box (default priority 500)
    app.connect("doctree-resolved", add_pdf_links, priority=600)
    # after sphinx-book-theme has made its header buttons
    app.connect("html-page-context", add_header_buttons, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
