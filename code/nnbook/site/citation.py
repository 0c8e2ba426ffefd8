"""BibTeX for the book and its chapters, generated from ``CITATION.cff`` (the one source of
truth for title, authors, version, year and address).

Used by the "How to cite" page (``book/citing.md``) and by the "Cite this chapter" box that
``tools/book_cite.py`` adds to the end of every numbered chapter.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..checks import check_int

__all__ = ["book_bibtex", "chapter_bibtex", "chapter_reference", "chapter_url", "load_citation"]

_REQUIRED = ("cff-version", "message", "title", "authors", "version", "date-released")


def load_citation(path: str | Path) -> dict:
    """Read a ``CITATION.cff`` file and check the fields the book's BibTeX needs."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path} is not a YAML mapping")
    missing = [key for key in _REQUIRED if key not in data]
    if missing:
        raise ValueError(f"{path} lacks the field(s) {', '.join(missing)}")
    return data


def book_bibtex(cff: dict, key: str = "nnbook") -> str:
    """A ``@book`` BibTeX entry for the whole book from the fields of ``CITATION.cff``."""
    fields = {"title": "{" + cff["title"] + "}", **_common(cff)}
    if "url" in cff:
        fields["url"] = cff["url"]
    return _entry("book", key, fields)


#: The editions of the book: each language's folder under the site's address.
EDITIONS = {"en": "", "ja": "ja/"}


def chapter_url(cff: dict, docname: str, language: str = "en") -> str:
    """The published address of the page ``docname`` (``"book/vae"``) in the edition
    ``language``: the site's ``url`` from ``CITATION.cff``, the edition's folder, the page."""
    if language not in EDITIONS:
        raise ValueError(f"language must be one of {tuple(EDITIONS)}, got {language!r}")
    if "url" not in cff:
        raise ValueError("CITATION.cff has no url: the site's address is needed to cite a page")
    if not docname or docname.startswith("/") or docname.endswith(".html"):
        raise ValueError(f"docname must be a Sphinx document name like 'book/vae', got {docname!r}")
    return cff["url"].rstrip("/") + f"/{EDITIONS[language]}{docname}.html"


def chapter_bibtex(
    cff: dict, *, title: str, number: int, docname: str, language: str = "en"
) -> str:
    """An ``@incollection`` entry for one chapter: its own title and number inside the book
    (``language``: the edition read, whose title and address the entry gives).

    The key is ``nnbook-`` and the page's file name (``nnbook-vae``), which does not move when
    chapters are renumbered; the number, the version and the address pin down what was read.
    """
    check_int("number", number)
    if not title.strip():
        raise ValueError(f"title must not be empty, got {title!r}")
    fields = {
        "title": "{" + title + "}",
        "booktitle": "{" + cff["title"] + "}",
        "chapter": str(number),
        **_common(cff),
        "url": chapter_url(cff, docname, language),
        **({"language": "japanese"} if language == "ja" else {}),
    }
    return _entry("incollection", "nnbook-" + docname.rsplit("/", 1)[-1], fields)


def chapter_reference(
    cff: dict, *, title: str, number: int, docname: str, language: str = "en"
) -> str:
    """The same chapter as one line of text, for a slide or a reading list, written as
    references are written in the edition's language."""
    names = [a.get("name") or f"{a['given-names']} {a['family-names']}" for a in cff["authors"]]
    url = chapter_url(cff, docname, language)
    if language == "ja":
        return (
            f"{', '.join(names)}（{str(cff['date-released'])[:4]}）「第{number}章 {title}」"
            f"『{cff['title']}』日本語版, version {cff['version']}. {url}"
        )
    return (
        f"{', '.join(names)} ({str(cff['date-released'])[:4]}). Chapter {number}: {title}. "
        f"In {cff['title']}, version {cff['version']}. {url}"
    )


def _common(cff: dict) -> dict[str, str]:
    authors = " and ".join(
        "{" + a["name"] + "}" if "name" in a else f"{a['family-names']}, {a['given-names']}"
        for a in cff["authors"]
    )
    return {
        "author": authors,
        "year": str(cff["date-released"])[:4],
        "edition": f"version {cff['version']}",
    }


def _entry(kind: str, key: str, fields: dict[str, str]) -> str:
    width = max(len(name) for name in fields)
    body = ",\n".join(f"  {name:<{width}} = {{{value}}}" for name, value in fields.items())
    return f"@{kind}{{{key},\n{body}\n}}\n"
