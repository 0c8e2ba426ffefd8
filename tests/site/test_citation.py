import tomllib

import pytest
from book_build import ROOT

from nnbook.site.citation import (
    book_bibtex,
    chapter_bibtex,
    chapter_reference,
    chapter_url,
    load_citation,
)


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


CFF = {
    "title": "A Book",
    "authors": [{"name": "The authors"}, {"family-names": "Ng", "given-names": "Ada"}],
    "version": "1.2.3",
    "date-released": "2030-01-02",
    "url": "https://example.org/site/",
}


def test_chapter_entry_names_title_number_version_and_address():
    bib = chapter_bibtex(CFF, title="Autoencoders", number=7, docname="book/autoencoders")
    assert bib.splitlines() == [
        "@incollection{nnbook-autoencoders,",
        "  title     = {{Autoencoders}},",
        "  booktitle = {{A Book}},",
        "  chapter   = {7},",
        "  author    = {{The authors} and Ng, Ada},",
        "  year      = {2030},",
        "  edition   = {version 1.2.3},",
        "  url       = {https://example.org/site/book/autoencoders.html}",
        "}",
    ]
    text = chapter_reference(CFF, title="Autoencoders", number=7, docname="book/autoencoders")
    assert text == (
        "The authors, Ada Ng (2030). Chapter 7: Autoencoders. In A Book, version 1.2.3. "
        "https://example.org/site/book/autoencoders.html"
    )


def test_the_japanese_edition_is_cited_with_its_title_and_address():
    args = {"title": "オートエンコーダ", "number": 7, "docname": "book/autoencoders"}
    bib = chapter_bibtex(CFF, **args, language="ja")
    assert "  title     = {{オートエンコーダ}}," in bib.splitlines()
    assert "  url       = {https://example.org/site/ja/book/autoencoders.html}," in bib.splitlines()
    assert bib.splitlines()[-2] == "  language  = {japanese}"
    assert chapter_reference(CFF, **args, language="ja") == (
        "The authors, Ada Ng（2030）「第7章 オートエンコーダ」『A Book』日本語版, version 1.2.3. "
        "https://example.org/site/ja/book/autoencoders.html"
    )
    with pytest.raises(ValueError, match=r"language must be one of .*'fr'"):
        chapter_url(CFF, "book/vae", language="fr")


def test_the_real_citation_file_gives_chapter_addresses():
    cff = load_citation(ROOT / "CITATION.cff")
    assert chapter_url(cff, "book/vae") == cff["url"].rstrip("/") + "/book/vae.html"


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"number": 0}, "number must be an integer >= 1, got 0"),
        ({"number": True}, "number must be an integer >= 1, got True"),
        ({"number": 2.0}, "number must be an integer >= 1, got 2.0"),
        ({"title": "  "}, "title must not be empty"),
        ({"docname": "book/vae.html"}, "docname must be a Sphinx document name"),
        ({"docname": ""}, "docname must be a Sphinx document name"),
    ],
)
def test_bad_chapter_arguments_are_named(kwargs, match):
    args = {"title": "VAE", "number": 8, "docname": "book/vae", **kwargs}
    with pytest.raises(ValueError, match=match):
        chapter_bibtex(CFF, **args)


def test_a_page_address_needs_the_site_url():
    cff = {key: value for key, value in CFF.items() if key != "url"}
    with pytest.raises(ValueError, match=r"CITATION\.cff has no url"):
        chapter_url(cff, "book/vae")
