"""tools/book_sphinx.py: the book's Sphinx builds as jupyter-book's command line runs them."""

import jupyter_book.sphinx
from book_build import ROOT, load_tool

book_sphinx = load_tool("book_sphinx")


def test_every_build_is_strict_with_its_own_doctrees(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(
        jupyter_book.sphinx, "build_sphinx", lambda *a, **k: calls.append((a, k)) or 0
    )
    assert book_sphinx.main([]) == 0
    book_sphinx.build(tmp_path, "html", tmp_path / "d", {"language": "ja"}, fresh=True)
    (latex_args, latex), (_, html) = calls
    assert latex_args == (ROOT, ROOT / "_build" / "latex")
    assert latex["doctreedir"] == ROOT / "_build" / book_sphinx.DOCTREES
    for k in (latex, html):
        assert k["warningiserror"] and k["keep_going"] and k["confoverrides"]["nitpicky"]
        assert k["confoverrides"]["external_toc_path"] == str(ROOT / "_toc.yml")
    # LaTeX's numbering depth from the start (no page read again), the site's for exercises
    assert latex["confoverrides"]["numfig_secnum_depth"] == 2
    assert latex["confoverrides"]["book_site_secnum_depth"] == 1
    assert "book_site_secnum_depth" not in html["confoverrides"]
    assert html["confoverrides"]["language"] == "ja" and html["freshenv"]
    assert html["doctreedir"] == tmp_path / "d" and not latex["freshenv"]
