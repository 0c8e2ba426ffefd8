"""The Japanese edition: what is translated, the catalogs' completeness check, and a small
book built in both languages (glued values, references, exercises, outputs, the switch)."""

import os
import re
import shutil
import subprocess
import sys

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from book_build import ROOT, build, load_tool, page

book_ja = load_tool("book_ja")


@pytest.mark.parametrize(
    "msgid, needed",
    [
        ("The backward pass", True),
        ("0.975", False),
        ("7.94e-32", False),
        ("1.2e-05 (-3)", False),
        ("**0.3**", False),
        ("$\\hat x_i$", False),
        ("{glue:text}`acc:.3f` (`torch.nn`)", False),
        ("$x$ is {glue:text}`acc:.3f`", True),
        ("日本語", True),
    ],
)
def test_only_messages_with_words_need_a_translation(msgid, needed):
    assert book_ja.needs_translation(msgid) is needed


def test_markup_must_survive_translation():
    english = "The gradient {glue:text}`g:.3f` of {eq}`eq-a` ({numref}`fig-b`), `x.grad`, $x_i$."
    good = "{eq}`eq-a` の勾配は {glue:text}`g:.3f` である（{numref}`fig-b`）。`x.grad`、$x_i$。"
    assert book_ja.markup_problems(english, good) == []
    # a reference's text may be translated, not its target
    assert book_ja.markup_problems("See {ref}`sec-a`.", "{ref}`第1節 <sec-a>` を見よ。") == []
    assert book_ja.markup_problems("{term}`Tensor`", "{term}`テンソル <Tensor>`") == []
    bad = {
        "roles differ": good.replace("g:.3f", "g:.2f"),
        "inline code differs": good.replace("`x.grad`", "`x.grad()`"),
        "math differs": good.replace("$x_i$", "$x_j$"),
    }
    for problem, text in bad.items():
        assert [p.split(":")[0] for p in book_ja.markup_problems(english, text)] == [problem]
    assert book_ja.markup_problems("{term}`Tensor`", "{term}`テンソル <tensor>`")
    # a glued value may be given by its Japanese twin, the same key with _ja
    assert book_ja.markup_problems("is {glue:text}`verdict`", "{glue:text}`verdict_ja`") == []
    assert book_ja.markup_problems("{glue:text}`a:.2f`", "{glue:text}`a_ja:.2f`") == []
    assert book_ja.markup_problems("{glue:text}`a`", "{glue:text}`b_ja`")


def _catalog(path, entries, fuzzy=()):
    catalog = Catalog(locale="ja")
    for msgid, msgstr in entries.items():
        catalog.add(msgid, msgstr, flags=("fuzzy",) if msgid in fuzzy else ())
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog)


def test_the_check_names_untranslated_fuzzy_and_broken_messages(tmp_path):
    pot, po = tmp_path / "pot", tmp_path / "po"
    english = ["Title", "Done {eq}`e`", "Fuzzy", "Broken $x$", "New", "42"]
    _catalog(pot / "book" / "ch.pot", dict.fromkeys(english, ""))
    _catalog(
        po / "book" / "ch.po",
        {"Title": "題", "Done {eq}`e`": "済 {eq}`e`", "Fuzzy": "曖昧", "Broken $x$": "壊 $y$"},
        fuzzy=("Fuzzy",),
    )
    translated, total, problems = book_ja.check(pot, po)
    assert (translated, total) == (3, 5)  # "42" needs no translation
    assert [p.split(":")[1].strip() for p in problems] == ["fuzzy", "math differs", "untranslated"]
    _catalog(pot / "book" / "other.pot", {"Words": ""})
    assert "book/other: no catalog" in book_ja.check(pot, po)[2][-1]


def test_the_japanese_bibliography_replaces_entries_by_key(tmp_path, monkeypatch):
    bib = book_ja.japanese_bibliography(tmp_path)
    text = bib.read_text(encoding="utf-8")
    japanese = (ROOT / "locales" / "ja" / "references.bib").read_text(encoding="utf-8")
    for key in re.findall(r"^@\w+\{([^,\s]+),", japanese, re.M):
        assert len(re.findall(rf"^@\w+\{{{re.escape(key)},", text, re.M)) == 1, key
    assert "モデルベース深層学習と深層展開" in text and "Model-Based Deep Learning and" not in text
    english = (ROOT / "references.bib").read_text(encoding="utf-8")
    assert len(re.findall(r"^@", text, re.M)) == len(re.findall(r"^@", english, re.M))
    os.utime(bib, (0, 0))  # unchanged: not written again (the bibliography page is not re-read)
    assert book_ja.japanese_bibliography(tmp_path).stat().st_mtime == 0
    monkeypatch.setattr(book_ja, "LOCALES", tmp_path / "locales")
    (tmp_path / "locales" / "ja").mkdir(parents=True)
    (tmp_path / "locales" / "ja" / "references.bib").write_text("@misc{nokey,\n}\n")
    with pytest.raises(ValueError, match=r"keys not in references\.bib: \{'nokey'\}"):
        book_ja.japanese_bibliography(tmp_path)


def test_every_word_of_the_books_extensions_is_translated():
    with (ROOT / "locales" / "ja" / "LC_MESSAGES" / "nnbook.po").open("rb") as f:
        catalog = read_po(f)
    used = set()
    for name in ("book_cite", "book_i18n", "book_downloads"):
        source = (ROOT / "tools" / f"{name}.py").read_text()
        for call in re.findall(r"\b(?:_|translate)\(\s*((?:\"[^\"]*\"\s*)+)\)", source):
            used.add("".join(re.findall(r"\"([^\"]*)\"", call)))
    assert len(used) >= 14
    for msgid in used:
        assert catalog.get(msgid) is not None and catalog.get(msgid).string, msgid


def test_the_pdf_uses_the_editions_settings_and_stops_at_the_first_failure(tmp_path, monkeypatch):
    overrides = book_ja._overrides(tmp_path, "latex")
    assert overrides["language"] == "ja" and overrides["book_pdf_dir"] == "../pdf/ja"
    assert overrides["bibtex_bibfiles"] == [str(tmp_path / "references.bib")]
    # LaTeX's numbering depth from the start (no page read again), the site's for exercises:
    # added by tools/book_sphinx.py, through which the edition is built
    import jupyter_book.sphinx

    given = {}
    monkeypatch.setattr(
        jupyter_book.sphinx, "build_sphinx", lambda *a, **k: given.update(k["confoverrides"]) or 0
    )
    book_ja._sphinx(tmp_path / "latex", "latex", tmp_path)
    assert given["numfig_secnum_depth"] == 2 and given["book_site_secnum_depth"] == 1
    assert given["language"] == "ja"
    given.clear()
    book_ja._sphinx(tmp_path / "html", "html", tmp_path)
    assert "book_site_secnum_depth" not in given and given["language"] == "ja"
    calls = []
    monkeypatch.setattr(book_ja, "_sphinx", lambda out, builder, build: calls.append(builder) or 0)
    import check_latex

    monkeypatch.setattr(check_latex, "main", lambda tex: calls.append(tex) or 1)
    assert book_ja.pdf(tmp_path, tmp_path / "pdf") == 1
    assert calls == ["latex", str(tmp_path / "latex" / "book.tex")]  # book_pdf never ran


CHAPTER = """
(sec-one)=
## One section

The answer is {glue:text}`answer:.2f`, see {numref}`fig-curve` and {eq}`eq-sq`.

$$ y = x^2 $$ (eq-sq)

```{code-cell} ipython3
from myst_nb import glue
print("an output in English")
glue("answer", 41.99, display=False)
```

```{code-cell} ipython3
from nnbook.animation.graph import animate
from nnbook.autodiff import Value
y = Value(2.0, "a") * Value(3.0, "b")
y.backward()
animate(y)
```

```{code-cell} ipython3
import base64
from IPython.display import Image
Image(data=base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
))
```

```{figure} curve.svg
:name: fig-curve

A curve.
```

```{exercise} (derive) The square
:label: ex-square

Differentiate {eq}`eq-sq`.
```

```{solution} ex-square
Twice $x$.
```
"""


@pytest.mark.slow
def test_a_book_built_in_japanese_from_the_english_execution(tmp_path):
    for name in ("_config.yml", "references.bib", "CITATION.cff"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "tools", tmp_path / "tools", ignore=shutil.ignore_patterns("__py*"))
    (tmp_path / "locales" / "ja" / "LC_MESSAGES").mkdir(parents=True)
    for name in ("references.bib", "LC_MESSAGES/nnbook.po"):
        shutil.copy(ROOT / "locales" / "ja" / name, tmp_path / "locales" / "ja" / name)
    (tmp_path / "_mathjax").mkdir()
    (tmp_path / "_build" / "site-extra").mkdir(parents=True)
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nparts:\n- caption: C\n  numbered: true\n"
        "  chapters:\n  - file: ch\n"
    )
    (tmp_path / "curve.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    # the landing page's note links the glossary's table of terms
    (tmp_path / "intro.md").write_text(page("Intro") + "\nWelcome.\n\n(gl-terms-ja)=\n## Terms\n")
    (tmp_path / "ch.md").write_text(page("Chapter") + CHAPTER)
    done = build(tmp_path, pythonpath=ROOT / "code")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

    def tool(*args):
        return subprocess.run(
            [sys.executable, tmp_path / "tools" / "book_ja.py", *args],
            capture_output=True, text=True, cwd=tmp_path,
        )  # fmt: skip

    done = tool("update")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert tool("check").returncode == 1  # nothing translated yet
    po = tmp_path / "locales" / "ja" / "LC_MESSAGES" / "ch.po"
    with po.open("rb") as f:
        catalog = read_po(f)
    ids = [m.id for m in catalog if m.id]
    assert "an output in English" not in " ".join(ids)  # outputs are not messages
    assert "(derive) The square" in ids  # exercise titles are
    for message in catalog:
        if message.id:
            message.string = "訳：" + message.id
    with po.open("wb") as f:
        write_po(f, catalog)
    with (tmp_path / "locales" / "ja" / "LC_MESSAGES" / "intro.po").open("rb") as f:
        intro = read_po(f)
    for message in intro:
        if message.id:
            message.string = {"Welcome.": "ようこそ。", "Terms": "用語"}.get(message.id, "はじめに")
    with (tmp_path / "locales" / "ja" / "LC_MESSAGES" / "intro.po").open("wb") as f:
        write_po(f, intro)
    done = tool("check")
    assert done.returncode == 0, done.stdout[-3000:]
    assert "messages translated" in done.stdout
    done = tool("build")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

    ja = (tmp_path / "_build" / "html" / "ja" / "ch.html").read_text()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", ja))
    assert "訳：The answer is 41.99, see 図 1.1 and (1.1)." in text  # glue, numref, eq
    assert "訳：(derive) The square" in text and "訳：A curve." in text
    # the solution's title numbers the exercise as the edition does (演習, not 練習)
    assert "解答 演習 1.1" in text and "練習" not in text
    assert "an output in English" in text  # outputs as executed
    # an output's file: in the edition's own folder, not in the English site
    assert re.search(r'src="_images/[0-9a-f]{64}\.png"', ja)
    assert not (tmp_path / "_build" / "html" / "jupyter_execute").exists()
    assert 'aria-label="次のステップ"' in ja and 'aria-label="Next step"' not in ja
    assert '<html lang="ja"' in ja
    assert 'hreflang="en" href="https://nnbook.github.io/nnbook/ch.html"' in ja
    assert 'hreflang="ja" href="https://nnbook.github.io/nnbook/ja/ch.html"' in ja
    assert 'href="../ch.html"' in ja  # the switch to the English page
    english = (tmp_path / "_build" / "html" / "ch.html").read_text()
    assert 'href="ja/ch.html"' in english and "日本語" in english
    intro = (tmp_path / "_build" / "html" / "ja" / "intro.html").read_text()
    assert "この日本語版について" in intro
    # each edition links its own PDFs (the Japanese ones are served as the site's pdf/ja/)
    assert "本書の PDF" in intro and 'href="../pdf/ja/nnbook.pdf"' in intro
    assert 'href="../pdf/ja/nnbook-ch.pdf"' in ja and "この章の PDF" in ja
    assert 'href="pdf/nnbook-ch.pdf"' in english and "pdf/ja/" not in english
    # a later English change leaves the catalog behind: the check names the message
    (tmp_path / "ch.md").write_text(page("Chapter") + CHAPTER.replace("A curve.", "A parabola."))
    done = tool("check")
    assert done.returncode == 1 and "untranslated: 'A parabola.'" in done.stdout
