"""The book in two languages, from one execution (Sphinx extension).

Loaded by _config.yml (``sphinx: local_extensions``) in both editions.  The English edition is
built at the site's root, the Japanese one under ``ja/`` by ``tools/book_ja.py``, with Sphinx's
gettext translation: the prose of every page is a message in
``locales/ja/LC_MESSAGES/book/<page>.po``.  This extension makes that work for this book:

- The outputs of code cells, display formulas and the glossary's table of English and Japanese
  terms are not translated.  The outputs: the Japanese edition shows the same
  executions, so every number and table is the one the English edition shows.  Their nodes are
  marked untranslatable before Sphinx's Locale transform, and the gettext builder then leaves
  them out of the catalogs.
- Glued numbers work in translated text: myst-nb lets a page's ``{glue}`` roles find the
  page's glue data only while it parses the page, and Sphinx parses each translated message
  afterwards, as a document of its own; :class:`GluingParser` hands it the page's data.
- The exercises' titles are translated: sphinx-exercise parses an exercise's title without
  noting where it came from, and Sphinx only translates text whose source it knows.
- Solutions are titled with their exercise's translated title, and the table of contents'
  captions are translated (both are made outside the Locale transform's reach).
- Every page links its twin in the other edition: a button in the page's header, and
  ``<link rel="alternate" hreflang>`` for search engines.
- In the Japanese edition the animated figures' players speak Japanese
  (:func:`nnbook.animation.labels.localize`), and their links to the files for slides point at
  the English edition's ``slides/`` (the same files; they are not copied twice).
- The words the book's own extensions write (the cite box, the PDF links) are translated from
  the catalog ``nnbook`` (``locales/ja/LC_MESSAGES/nnbook.po``) with :data:`translate`.
"""

from __future__ import annotations

import html
from pathlib import Path

from docutils import nodes
from myst_nb.sphinx_ import Parser as NotebookParser
from sphinx import addnodes
from sphinx.locale import get_translation
from sphinx.locale import init as init_locale
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import CatalogInfo, docname_to_domain
from sphinx_exercise.directive import ExerciseDirective, ExerciseStartDirective
from sphinx_exercise.nodes import exercise_enumerable_node, exercise_node, exercise_subtitle

from nnbook.animation.labels import localize
from nnbook.site.citation import EDITIONS as FOLDERS

#: The book's own words, translated with ``locales/<language>/LC_MESSAGES/nnbook.po``.
translate = get_translation("nnbook")

#: Each edition's language, its folder under the site's root (nnbook.site.citation's, which
#: the cite box uses too), and its name in the switch.
EDITIONS = {
    lang: (folder, {"en": "English", "ja": "日本語"}[lang]) for lang, folder in FOLDERS.items()
}
#: What a myst-nb output is made of (code cells' outputs and glued outputs).
_OUTPUTS = ("cell_code_output", "mime_bundle")


def language(app) -> str:
    return app.config.language if app.config.language in EDITIONS else "en"


class KeepUntranslated(SphinxTransform):
    """Mark every node inside a code cell's output, and every display formula,
    untranslatable (before the Locale transform, priority 20, and before the gettext builder
    collects messages)."""

    default_priority = 10

    def apply(self, **kwargs) -> None:
        for block in self.document.findall(nodes.math_block):
            block["translatable"] = False
        for table in self.document.findall(nodes.table):
            if "terms-ja" in table["classes"]:  # the glossary's bilingual table
                for node in table.findall(nodes.Element):
                    node["translatable"] = False
        for output in self.document.findall(nodes.Element):
            if output.get("nb_element") in _OUTPUTS:
                for node in output.findall(nodes.Element):
                    node["translatable"] = False
                    if isinstance(node, nodes.image):
                        node.attributes.pop("alt", None)  # an image's alt is a message too


class _KeepsRenderer(dict):
    """A document's attributes that remember myst-nb's renderer when it is removed."""

    renderer = None

    def pop(self, key, *default):
        if key == "nb_renderer":
            self.renderer = self.get(key)
        return super().pop(key, *default)


class GluingParser(NotebookParser):
    """myst-nb's parser, whose translated messages can use their page's glued values."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        if document.current_source.endswith("<translated>"):
            renderer = self.env.temp_data.get("book_nb_renderer")
            if renderer is not None:
                document.attributes["nb_renderer"] = renderer
            try:
                return super().parse(inputstring, document)
            finally:
                document.attributes.pop("nb_renderer", None)
        document.attributes = attributes = _KeepsRenderer(document.attributes)
        try:
            super().parse(inputstring, document)
        finally:
            document.attributes = dict(attributes)  # a plain dict in the pickled doctree
        if attributes.renderer is not None:  # kept while this page is read (Locale, below)
            self.env.temp_data["book_nb_renderer"] = attributes.renderer


def _sourced(directive, result: list[nodes.Node]) -> list[nodes.Node]:
    """Give an exercise's title the source, line and raw text that translation needs."""
    for node in result:
        for subtitle in node.findall(exercise_subtitle):
            subtitle.source, subtitle.line = directive.get_source_info()
            subtitle.rawsource = directive.arguments[0]
    return result


def expose_exercise_titles(app, doctree) -> None:
    """For the gettext builder: a copy of each exercise's title as a paragraph.  When the page
    is resolved, sphinx-exercise folds the title into the exercise's heading, where the builder
    no longer finds it; the copies (only in the catalogs' build) let it collect the titles."""
    if app.builder.name != "gettext":
        return
    for subtitle in list(doctree.findall(exercise_subtitle)):
        copy = nodes.paragraph(subtitle.rawsource, "", *[c.deepcopy() for c in subtitle.children])
        copy.source, copy.line = subtitle.source, subtitle.line
        doctree += copy


def register_translated_exercises(app, doctree) -> None:
    """sphinx-exercise copies each exercise when it is parsed, before it is translated, and
    titles its solution from that copy; give it the translated exercise instead."""
    registry = getattr(app.env, "sphinx_exercise_registry", {})
    if language(app) == "en" or not registry:
        return
    for node in doctree.findall(lambda n: isinstance(n, exercise_node | exercise_enumerable_node)):
        label = node.get("label")
        if label in registry and registry[label].get("docname") == app.env.docname:
            registry[label]["node"] = node.deepcopy()


def edition_word_in_solutions(app, doctree, docname: str) -> None:
    """sphinx-exercise titles a solution with its own word for "Exercise" (練習 in Japanese),
    not the one the edition numbers its exercises with (numfig_format: 演習)."""
    from sphinx_exercise.directive import translate as sphinx_exercise_catalog
    from sphinx_exercise.nodes import solution_node

    theirs = sphinx_exercise_catalog("Exercise")  # its own catalog's word, not ours
    ours = app.config.numfig_format["exercise"].replace("%s", "").strip()
    if language(app) == "en" or theirs == ours:
        return
    for solution in doctree.findall(solution_node):
        title = solution.next_node(nodes.title)
        for text in list(title.findall(nodes.Text)) if title else []:
            if theirs in text:
                text.parent.replace(text, nodes.Text(text.replace(theirs, ours)))


class TranslateTocCaptions(SphinxTransform):
    """The captions of the table of contents ("Chapters", "Back matter"), which
    sphinx-external-toc inserts (priority 100) after the Locale transform (20) has run, from
    the root page's catalog, where the gettext builder finds them."""

    default_priority = 101

    def apply(self, **kwargs) -> None:
        if language(self.app) == "en":
            return
        textdomain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        folders = [str(Path(self.env.srcdir) / d) for d in self.config.locale_dirs]
        catalog, found = init_locale(folders, self.config.language, textdomain)
        if not found:
            return
        for toctree in self.document.findall(addnodes.toctree):
            if toctree.get("caption"):
                toctree["caption"] = catalog.gettext(toctree["caption"])


class TranslatableExercise(ExerciseDirective):
    def run(self):
        return _sourced(self, super().run())


class TranslatableExerciseStart(ExerciseStartDirective):
    def run(self):
        return _sourced(self, super().run())


def _twin(app, pagename: str, other: str) -> str:
    """The relative address of ``pagename`` in the edition ``other``, from this edition."""
    depth = pagename.count("/") + (1 if EDITIONS[language(app)][0] else 0)
    return "../" * depth + EDITIONS[other][0] + pagename + ".html"


def link_twins(app, pagename, templatename, context, doctree) -> None:
    """The language switch in the header, and ``hreflang`` alternates in the head."""
    if pagename not in app.env.found_docs:
        return  # search, genindex: no twin to point at
    here = language(app)
    base = app.config.book_site_url.rstrip("/") + "/"
    alternates = [
        f'<link rel="alternate" hreflang="{lang}" href="{html.escape(base + folder + pagename)}'
        '.html" />'
        for lang, (folder, _) in EDITIONS.items()
    ]
    alternates.append(
        f'<link rel="alternate" hreflang="x-default" href="{html.escape(base + pagename)}.html" />'
    )
    context["metatags"] = context.get("metatags", "") + "\n".join(alternates)
    for other, (_, name) in EDITIONS.items():
        if other == here:
            continue
        context.setdefault("header_buttons", []).insert(
            0,
            {
                "type": "link",
                "url": _twin(app, pagename, other),
                "text": name if other != "en" else "EN",  # short: the header fits a phone
                # in the language of the readers it is for
                "tooltip": "Read this page in English"
                if other == "en"
                else "このページを日本語で読む",
                "icon": "fas fa-language",
                "label": f"language-{other}-button",
            },
        )


def localize_players(app, doctree, docname: str) -> None:
    """The Japanese edition's players in Japanese, linking the English edition's slides."""
    here = language(app)
    if here == "en":
        return
    for raw in doctree.findall(nodes.raw):
        text = raw.astext()
        if "nnbook-anim" not in text:
            continue
        text = localize(text, here).replace('href="../slides/', 'href="../../slides/')
        raw.parent.replace(raw, nodes.raw("", text, format=raw.get("format", "html")))


def note_the_edition(app, doctree) -> None:
    """On a translated edition's landing page, under its title: what is translated and
    what is not (the outputs and the figures' text stay English), and where the terms are."""
    if language(app) == "en" or app.env.docname != app.config.root_doc:
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    note = nodes.admonition(classes=["note", "book-edition"])
    note += nodes.title(text=translate("About this edition"))
    note += nodes.paragraph(
        text=translate(
            "This is the Japanese edition of the book, translated from the English one. Its "
            "pages show the same executions: the code, its printed outputs and the text inside "
            "the figures are in English, and every number is the one the English edition "
            "shows. The animated figures' controls and transcripts are in Japanese; their "
            "captions are mathematics."
        )
    )
    terms = nodes.paragraph(
        text=translate(
            "The English and Japanese terms the translation uses are listed in the glossary:"
        )
        + " "
    )
    terms += addnodes.pending_xref(
        "",
        nodes.inline(),
        refdomain="std",
        reftype="ref",
        reftarget="gl-terms-ja",
        refexplicit=False,
        refwarn=True,
        refdoc=app.env.docname,
    )
    note += terms
    section.insert(1, note)  # after the title


def _compile_catalog(app) -> None:
    """Compile ``nnbook.po`` to ``.mo`` and load it (Sphinx compiles the pages' catalogs
    itself, but only once the build starts, after the extensions have asked for theirs)."""
    here = language(app)
    if here == "en":
        return
    folder = Path(app.confdir) / "locales"
    catalog = CatalogInfo(str(folder / here / "LC_MESSAGES"), "nnbook", "utf-8")
    if Path(catalog.po_path).exists():
        catalog.write_mo(here)
    app.add_message_catalog("nnbook", str(folder))


def setup(app):
    app.add_config_value("book_site_url", "https://nnbook.github.io/nnbook/", "html", [str])
    app.add_source_parser(GluingParser, override=True)
    app.add_transform(KeepUntranslated)
    app.add_directive("exercise", TranslatableExercise, override=True)
    app.add_directive("exercise-start", TranslatableExerciseStart, override=True)
    app.connect("builder-inited", _compile_catalog)
    app.connect("doctree-read", expose_exercise_titles)
    app.connect("doctree-read", note_the_edition)
    app.connect("doctree-read", register_translated_exercises)
    app.add_transform(TranslateTocCaptions)
    app.connect("doctree-resolved", localize_players)
    app.connect("doctree-resolved", edition_word_in_solutions)
    # after sphinx-book-theme has made its header buttons (priority 500)
    app.connect("html-page-context", link_twins, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
