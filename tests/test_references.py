"""references.bib parses and names every key once (a merge can leave a brace or a twin behind)."""

import re

import pybtex.database
from book_build import ROOT

BIB = ROOT / "references.bib"


def test_the_bibliography_parses():
    assert len(pybtex.database.parse_file(BIB).entries) >= 1


def test_no_key_twice():
    keys = re.findall(r"^@\w+\{([^,]+),", BIB.read_text(), re.M)
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
