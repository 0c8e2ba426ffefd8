"""What the LaTeX build of the book needs to compile with a lean TeX (Sphinx extension).

Loaded by _config.yml (``sphinx: local_extensions``); every change is for the LaTeX builder
only and is checked by ``make pdf`` (tools/book_pdf.py fails on the LaTeX warnings that
matter, tools/check_pdf.py reads the PDF).

1. The MathJax macros of _config.yml (``mathjax3_config.tex.macros``, e.g. ``\\R``) are
   defined for LaTeX too, from the same table, so the two outputs cannot disagree.
2. jupyterBook.cls (sphinx-jupyterbook-latex) loads ``bbm``, which Debian ships only in the
   1.4 GB texlive-fonts-extra.  The copy written into the LaTeX folder does not;
   ``\\mathbbm`` (the class's ``\\RR``, ``\\NN``...) becomes ``\\mathbb``.
3. sphinx-exercise writes exercises and solutions as ``sphinxadmonition`` boxes but does not
   tell Sphinx so, and a figure inside one is then a float in a box ("Not in outer par
   mode").  Their LaTeX visitors now count as admonitions: a figure inside stays in place.
4. The book is arranged as on the site: the back matter (glossary, how to cite) is
   unnumbered, the landing page follows the contents without a stray running header, and the
   bibliography appears once, at the end (Sphinx gathers all citations there, so the page that
   holds the ``{bibliography}`` directive is left out instead of printing as an empty chapter).
5. Exercises are numbered as on the site ("Exercise 3.1", not "Exercise 3.7.1").
6. ``chapters.json`` in the LaTeX folder lists the numbered chapters (document, number,
   title), from which tools/book_pdf.py cuts one PDF per chapter.
7. The PDF has the site's title, and the Japanese edition (``tools/book_ja.py pdf``) is set
   with xeCJK in the IPAex fonts (tools/book_latex_cjk.py).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from book_latex_cjk import CJK_ELEMENTS, TEX_FILES
from docutils import nodes
from sphinx import addnodes
from sphinx.errors import ExtensionError

#: Written into the LaTeX folder: the numbered chapters, in order (read by tools/book_pdf.py).
MANIFEST = "chapters.json"

#: Lines of jupyterBook.cls that need a package a lean TeX lacks, and what replaces them.
CLASS_PATCH = {r"\RequirePackage{bbm}": r"\providecommand{\mathbbm}{\mathbb}"}


def latex_macros(mathjax3_config: dict | None) -> str:
    r"""``\newcommand`` lines for the MathJax macros (``name: body`` or ``name: [body, n]``)."""
    macros = ((mathjax3_config or {}).get("tex") or {}).get("macros") or {}
    lines = []
    for name, body in macros.items():
        if not re.fullmatch(r"[A-Za-z]+", name):
            raise ExtensionError(f"book_latex: MathJax macro name {name!r} is not letters only")
        if isinstance(body, list | tuple):
            body, nargs = body[0], int(body[1])
            lines.append(rf"\newcommand{{\{name}}}[{nargs}]{{{body}}}")
        else:
            lines.append(rf"\newcommand{{\{name}}}{{{body}}}")
    return "\n".join(lines)


def patch_class(text: str) -> str:
    """jupyterBook.cls without bbm; every line it patches must be there."""
    lines = text.splitlines()
    for old, new in CLASS_PATCH.items():
        if old not in (line.strip() for line in lines):
            raise ExtensionError(f"book_latex: jupyterBook.cls has no line {old!r} any more")
        lines = [new if line.strip() == old else line for line in lines]
    return "\n".join(lines) + "\n"


#: A code block inside an exercise or solution is framed by Sphinx as a minipage when it
#: guesses that it fits the page, and the guess is wrong inside a box that has not been split
#: yet: the text ran up to 58 pt (Japanese PDF) and 50 pt (English) into the bottom margin.
#: Such code blocks are never minipages here (the box's own frame stays).
VERBATIM_PATCH = "\n".join(
    [
        r"\usepackage{etoolbox}\makeatletter",
        r"\patchcmd{\endsphinxVerbatim}{\pagetotal+\pagedepth>\pagegoal}"
        r"{\pagegoal+\pagedepth>\pagegoal}{}"
        r"{\PackageError{book_latex}{sphinxVerbatim changed: cannot patch it}{}}",
        r"\makeatother",
    ]
)


def _on_config(app, config) -> None:
    # the site's depth, before sphinx-jupyterbook-latex changes it for the LaTeX builder (or
    # as given when the LaTeX build is given that depth from the start: tools/book_ja.py)
    app.site_secnum_depth = config.book_site_secnum_depth or config.numfig_secnum_depth
    macros = latex_macros(config.mathjax3_config)
    elements = config.latex_elements
    cjk = dict(CJK_ELEMENTS.get(config.language, {}))
    if cjk:
        # the PDF can show Japanese text: {only} cjk_fonts (the glossary's table of terms)
        app.tags.add("cjk_fonts")
        elements["preamble"] = elements.get("preamble", "") + "\n" + cjk.pop("preamble") + "\n"
    for key, value in cjk.items():
        elements.setdefault(key, value)
    # \needspace: the chapter's cite box (tools/book_cite.py) starts a page rather than
    # running past the bottom margin when too little of one is left
    elements["preamble"] = elements.get("preamble", "") + "\n\\usepackage{needspace}\n"
    elements["preamble"] += VERBATIM_PATCH + "\n"
    # Sphinx shrinks an image to the text's height at most; a figure that tall, with its
    # caption, inside an exercise's solution (a box of its own) fits no page, and TeX made
    # 10,000 pages of it before giving up.  Images take at most 0.7 of the page.
    elements["preamble"] += (
        "\\makeatletter\\AtBeginDocument{\\spx@image@maxheight=0.7\\textheight}\\makeatother\n"
    )
    if macros:
        elements["preamble"] = elements["preamble"] + macros + "\n"


def _title(app, env) -> list[str]:
    """The PDF has the site's title (a translated edition's, not _config.yml's ``title``,
    which Jupyter Book puts into ``latex_documents`` after the configuration is read)."""
    if app.builder.name == "latex":
        app.config.latex_documents = [
            (start, target, app.config.html_title, *rest)
            for start, target, _, *rest in app.config.latex_documents
        ]
    return []


def _patch_class(app) -> None:
    if app.builder.name != "latex":
        return
    cls = Path(app.outdir) / "jupyterBook.cls"
    cls.write_text(patch_class(cls.read_text()))
    if app.config.language in CJK_ELEMENTS:
        shutil.copy(TEX_FILES / "ctexhook.sty", app.outdir)


def _as_admonition(visit, depart):
    """Wrap a LaTeX visitor pair so that Sphinx keeps figures inside it from floating."""

    def _visit(self, node):
        visit(self, node)
        self.no_latex_floats += 1

    def _depart(self, node):
        self.no_latex_floats -= 1
        depart(self, node)

    return _visit, _depart


def _exercise_visitors(app) -> None:
    import sphinx_exercise.nodes as ex

    pairs = {
        ex.exercise_node: (ex.visit_exercise_node, ex.depart_exercise_node),
        ex.exercise_enumerable_node: (
            ex.visit_exercise_enumerable_node,
            ex.depart_exercise_enumerable_node,
        ),
        ex.solution_node: (ex.visit_solution_node, ex.depart_solution_node),
    }
    for node, (visit, depart) in pairs.items():
        app.add_node(node, override=True, latex=_as_admonition(visit, depart))


def _site_numbers(app, env) -> list[str]:
    """Number what Sphinx numbers itself (exercises) as the site does.

    sphinx-jupyterbook-latex sets ``numfig_secnum_depth`` to 2 for the LaTeX builder, which
    LaTeX needs to number figures and equations per chapter when chapters sit in parts; but
    Sphinx then numbers exercises per *section* ("Exercise 3.7.1" for the site's "Exercise
    3.1").  After Sphinx has numbered them, they are numbered again with the site's depth.
    """
    if app.builder.name == "latex":
        from sphinx.environment.collectors.toctree import TocTreeCollector

        depth = env.config.numfig_secnum_depth
        env.config.numfig_secnum_depth = app.site_secnum_depth
        try:
            TocTreeCollector().assign_figure_numbers(env)
        finally:
            env.config.numfig_secnum_depth = depth
    return []


def _numbered(env, docname: str) -> bool:
    return bool(env.toc_secnumbers.get(docname, {}).get(""))


def _raw(latex: str) -> nodes.raw:
    return nodes.raw("", latex, format="latex")


def arrange_book(app, doctree, docname) -> None:
    """The assembled book (LaTeX only): back matter unnumbered, bibliography once, and a
    manifest of the numbered chapters for tools/book_pdf.py."""
    if app.builder.name != "latex" or docname != app.config.root_doc:
        return
    env = app.env
    files = [f for f in doctree.findall(addnodes.start_of_file) if f["docname"] in env.all_docs]
    # the root document (the landing page) follows the table of contents without a heading
    # of its own: clear the running header that the contents page left
    root_section = next(doctree.findall(nodes.section))
    root_section.insert(0, _raw("\\markboth{}{}\n"))
    # sphinx-jupyterbook-latex turns each toc caption into a part: the first part whose
    # chapters are all unnumbered on the site is the back matter
    for part in doctree.findall(addnodes.start_of_file):
        if part["docname"] in env.all_docs:
            continue
        chapters = [f["docname"] for f in part.findall(addnodes.start_of_file)][1:]
        if chapters and not any(_numbered(env, d) for d in chapters):
            # -2: neither the part nor its chapters and sections get a number
            part.parent.parent.insert(
                part.parent.parent.index(part.parent), _raw("\n\\setcounter{secnumdepth}{-2}\n")
            )
            break
    else:
        raise ExtensionError("book_latex: found no part of unnumbered chapters (back matter)")
    # Sphinx's LaTeX writer gathers every citation into one bibliography at the end of the
    # book, so the page that holds the {bibliography} directive would be an empty chapter
    bib_docs = {key.docname for key in env.get_domain("cite").bibliographies}
    for f in files:
        if f["docname"] in bib_docs:
            f.parent.remove(f)
    files = [f for f in files if f["docname"] not in bib_docs]
    manifest = [
        {"docname": d, "number": env.toc_secnumbers[d][""][0], "title": env.titles[d].astext()}
        for d in (f["docname"] for f in files)
        if _numbered(env, d)
    ]
    out = Path(app.outdir) / MANIFEST
    out.write_text(json.dumps(manifest, indent=1) + "\n")


def setup(app):
    app.add_config_value("book_site_secnum_depth", None, "env", [int, type(None)])
    app.connect("config-inited", _on_config)
    # after sphinx-jupyterbook-latex has copied its class (default priority 500)
    app.connect("builder-inited", _patch_class, priority=900)
    app.connect("builder-inited", _exercise_visitors, priority=900)
    # after Sphinx's own numbering (TocTreeCollector, default priority 500)
    app.connect("env-get-updated", _site_numbers, priority=900)
    app.connect("env-get-updated", _title)
    app.connect("doctree-resolved", arrange_book)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
