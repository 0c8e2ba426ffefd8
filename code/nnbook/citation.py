"""BibTeX for the book, generated from ``CITATION.cff`` (the one source of truth).

Used by the "How to cite" page (``book/citing.md``).
"""

from __future__ import annotations

from pathlib import Path

import yaml

__all__ = ["book_bibtex", "load_citation"]

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
    authors = " and ".join(
        "{" + a["name"] + "}" if "name" in a else f"{a['family-names']}, {a['given-names']}"
        for a in cff["authors"]
    )
    fields = {
        "title": "{" + cff["title"] + "}",
        "author": authors,
        "year": str(cff["date-released"])[:4],
        "edition": f"version {cff['version']}",
    }
    if "url" in cff:
        fields["url"] = cff["url"]
    body = ",\n".join(f"  {name:<7} = {{{value}}}" for name, value in fields.items())
    return f"@book{{{key},\n{body}\n}}\n"
