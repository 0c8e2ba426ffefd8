"""Sphinx fixes for three upstream quirks: two make every page log a browser console error,
one makes the Colab button open a file Colab cannot read.

Loaded by _config.yml (``sphinx: local_extensions``); tools/browser_check.py fails the build
if any of them comes back.

1. sphinx-thebe adds its inline configuration script (``const THEBE_JS_URL = ...``) once per
   environment read, so a page can carry it twice and the browser throws "Identifier
   'THEBE_JS_URL' has already been declared".  Identical scripts are kept once.
2. pydata-sphinx-theme writes ``data-mode=""`` when no default mode is configured and then
   logs "Got invalid theme mode".  The default becomes "auto" (follow the reader's system).
3. sphinx-book-theme's launch buttons (Binder, Colab) link a MyST notebook's own ``.md``
   file unless an ``.ipynb`` lies beside it at build time.  Colab opens only ``.ipynb``; the
   Pages workflow pushes the executed notebooks as ``book/<chapter>.ipynb`` to the branch the
   buttons name (``repository.branch`` in _config.yml), so the links are pointed there.
"""

from __future__ import annotations


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


def setup(app):
    app.connect("html-page-context", _launch_ipynb, priority=900)
    app.connect("html-page-context", _default_mode, priority=900)
    app.connect("html-page-context", _unique_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
