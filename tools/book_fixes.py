"""Sphinx fixes for eight upstream quirks: two make every page log a browser console error,
one makes the Colab button open a file Colab cannot read, one leaves solutions in the
students' edition, three fail WCAG 2 A or AA (axe-core in tools/browser_check.py), one
makes a translated build slow.

Loaded by _config.yml (``sphinx: local_extensions``); tools/browser_check.py fails the build
if any of the first three comes back.

1. sphinx-thebe adds its inline configuration script (``const THEBE_JS_URL = ...``) once per
   environment read, so a page can carry it twice and the browser throws "Identifier
   'THEBE_JS_URL' has already been declared".  Identical scripts are kept once.
2. pydata-sphinx-theme writes ``data-mode=""`` when no default mode is configured and then
   logs "Got invalid theme mode".  The default becomes "auto" (follow the reader's system).
3. sphinx-book-theme's launch buttons (Binder, Colab) link a MyST notebook's own ``.md``
   file unless an ``.ipynb`` lies beside it at build time.  Colab opens only ``.ipynb``; the
   Pages workflow pushes the executed notebooks as ``book/<chapter>.ipynb`` to the branch the
   buttons name (``repository.branch`` in _config.yml), so the links are pointed there.
4. sphinx-exercise's ``hide_solutions`` (set by tools/book_students.py for the students'
   edition) removes a ``{solution}`` block, but of a gated ``{solution-start}`` ...
   ``{solution-end}`` pair only the first line: the solution's text and code cells stay in
   the page.  With ``hide_solutions`` on, everything from the start to the end is removed
   (tools/check_students.py checks the edition).
5. sphinx-book-theme's link colour, #176de8, has a contrast of 4.78 on white but 4.29 on the
   pale blue behind links in some boxes (AA asks 4.5 for normal text); light-mode links get
   #1459c4 (6.45 on white, 5.78 on that blue).  Dark mode keeps the theme's colours.
6. A code cell whose lines are wider than the column scrolls sideways, but a keyboard cannot
   reach it (axe's "scrollable-region-focusable", WCAG 2.1.1): code cells take focus, and so
   does a scrollable output inside a solution once it is opened.
7. Sphinx writes a citation list as ``<div role="list">`` whose children are citations and
   anchors, not list items: axe's critical "aria-required-children".  The role is dropped;
   the citations keep their own ``doc-biblioentry`` role.
8. Sphinx's i18n parses each translation into a small document of its own and moves the new
   nodes into the page, but only the nodes it moves learn their new document: the nodes inside
   them (a literal, an emphasis, a reference) keep the small one, whose settings hold the
   build environment.  Pickling a page then pickled the environment, and with it every page
   read before: the Japanese edition's doctrees grew from 0.3 MB to 5.8 MB in reading order,
   and resolving its numbered references (Sphinx unpickles the target page's doctree once per
   reference) took 32 of the edition's 55 s.  Once a page is read, each node is pointed at the
   page's document (tests/test_book_fixes.py).
"""

from __future__ import annotations

from docutils import nodes


def _unique_scripts(app, pagename, templatename, context, doctree) -> None:
    seen, unique = set(), []
    for script in context.get("script_files", []):
        attributes = getattr(script, "attributes", {})
        # an inline script's filename is None or "", depending on who added it
        key = (getattr(script, "filename", str(script)) or "", attributes.get("body"))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def _default_mode(app, pagename, templatename, context, doctree) -> None:
    # sphinx-book-theme does not accept pydata's ``default_mode`` option; the template reads
    # the page context, so the default is set there.
    if not context.get("default_mode"):
        context["default_mode"] = "auto"


def _launch_ipynb(app, pagename, templatename, context, doctree) -> None:
    if not str(context.get("sourcename", "")).endswith((".md", ".md.txt")):
        return
    for group in context.get("header_buttons", []):
        if group.get("label") == "launch-buttons":
            for button in group["buttons"]:
                url = button.get("url", "")
                if url.endswith(".md"):
                    button["url"] = url[: -len(".md")] + ".ipynb"


# on body, so that it wins over the theme's own html[data-theme=light] rule, loaded later
# and, on a phone, the animated figures' step captions a little smaller: the longest rows that
# nnbook.animation.captions cannot break further (a product of two bracketed numbers beside a
# fraction) ran up to 5 % past a 390-px column; and a long name in inline code may break
# anywhere (Japanese text gives no space before it to wrap at: torch.nn.functional.
# binary_cross_entropy_with_logits ran 87 px past a phone's column)
_LINK_CSS = (
    '<style>html[data-theme="light"] body { --pst-color-link: #1459c4; }'
    "@media (max-width: 600px) { .nnbook-anim-captions { font-size: 0.9em; } }"
    "p code.literal, li code.literal { overflow-wrap: anywhere; }</style>"
)


# The theme gives a scrollable <pre> a tab stop when the page loads and tabindex -1 otherwise;
# one inside a collapsed solution is not scrollable then, and keeps -1 once opened.  After a
# click (a dropdown opening) every <pre> wider than its box gets its tab stop.
_TAB_STOPS = (
    "<script>document.addEventListener('click', () => setTimeout(() => "
    "document.querySelectorAll('pre').forEach(p => { if (p.scrollWidth > p.clientWidth) "
    "p.tabIndex = 0; }), 100));</script>"
)


def _link_contrast(app, pagename, templatename, context, doctree) -> None:
    context["metatags"] = context.get("metatags", "") + _LINK_CSS + _TAB_STOPS


def _body_a11y(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if body:
        body = body.replace(
            '<div role="list" class="citation-list">', '<div class="citation-list">'
        )
        context["body"] = body.replace(
            '<div class="highlight"><pre>', '<div class="highlight"><pre tabindex="0">'
        )


def _hide_gated_solutions(app, config) -> None:
    if not getattr(config, "hide_solutions", False):  # sphinx-exercise's option
        return
    from sphinx.transforms import SphinxTransform
    from sphinx_exercise.directive import SolutionStartDirective
    from sphinx_exercise.nodes import solution_end_node

    class HiddenSolutionStart(SolutionStartDirective):
        def run(self):
            super().run()  # records the pair (sphinx-exercise checks it); hidden: returns []
            return [_HiddenStart()]

    class DropGatedSolutions(SphinxTransform):
        default_priority = 5  # before sphinx-exercise merges gated pairs (10)

        def apply(self, **kwargs) -> None:
            for start in list(self.document.findall(_HiddenStart)):
                parent, dropping = start.parent, False
                for child in list(parent.children):
                    dropping = dropping or child is start
                    if dropping:
                        parent.remove(child)
                        if isinstance(child, solution_end_node):
                            break

    app.add_directive("solution-start", HiddenSolutionStart, override=True)
    app.add_transform(DropGatedSolutions)


def adopt_translated_nodes(app, doctree: nodes.document) -> None:
    """Point every node of ``doctree`` at it (quirk 8), not at the document of a translation."""
    for node in doctree.findall():
        # Node.document is a property over _document; a Text node never has one of its own
        if node.__dict__.get("_document", doctree) is not doctree:
            node.document = doctree


class _HiddenStart(nodes.Element):
    """Where a hidden gated solution starts (removed, with what follows, before writing)."""


def setup(app):
    app.connect("config-inited", _hide_gated_solutions)
    app.connect("doctree-read", adopt_translated_nodes)
    app.connect("html-page-context", _launch_ipynb, priority=900)
    app.connect("html-page-context", _default_mode, priority=900)
    app.connect("html-page-context", _unique_scripts, priority=900)
    app.connect("html-page-context", _link_contrast, priority=900)
    app.connect("html-page-context", _body_a11y, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
