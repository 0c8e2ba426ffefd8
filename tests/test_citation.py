import tomllib

import pytest
from book_build import ROOT

from nnbook.citation import book_bibtex, load_citation


def test_citation_file_matches_the_package():
    cff = load_citation(ROOT / "CITATION.cff")
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert cff["version"] == version  # bump both together


def test_bibtex_from_the_citation_file():
    cff = load_citation(ROOT / "CITATION.cff")
    bib = book_bibtex(cff)
    assert bib.startswith("@book{nnbook,\n") and bib.endswith("}\n")
    assert "{" + cff["title"] + "}" in bib
    assert "{The nnbook authors}" in bib
    assert f"year    = {{{str(cff['date-released'])[:4]}}}" in bib
    person = book_bibtex({**cff, "authors": [{"family-names": "Ng", "given-names": "Ada"}]})
    assert "author  = {Ng, Ada}" in person


def test_missing_fields_are_named(tmp_path):
    path = tmp_path / "CITATION.cff"
    path.write_text("cff-version: 1.2.0\ntitle: x\n")
    with pytest.raises(ValueError, match="message, authors, version, date-released"):
        load_citation(path)
