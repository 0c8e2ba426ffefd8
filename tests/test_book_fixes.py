"""tools/book_fixes.py: the fixes that are not checked by the browser check."""

from __future__ import annotations

import pickle

from book_build import load_tool
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document


def _document(source: str) -> nodes.document:
    return new_document(source, get_default_settings(Parser))


def test_translated_nodes_no_longer_carry_their_message_document():
    fixes = load_tool("book_fixes")
    page, message = _document("page.md"), _document("page.md:3:<translated>")
    # what Sphinx's i18n leaves: the moved paragraph learns its page, its inline nodes do not
    message.settings.payload = "x" * 100_000  # stands for the build environment
    emphasis = nodes.emphasis("", "", nodes.Text("word"))
    emphasis.document = message
    paragraph = nodes.paragraph("", "", emphasis)
    page += paragraph
    assert emphasis.document is message
    before = len(pickle.dumps(page))

    fixes.adopt_translated_nodes(None, page)

    assert all(node.document is page for node in page.findall(nodes.Element))
    assert len(pickle.dumps(page)) < before - 100_000
