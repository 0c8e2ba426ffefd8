"""The Japanese edition: its catalogs, their completeness, and its site under ``ja/``.

Usage::

    python tools/book_ja.py build    # the site in _build/html/ja (make book, after English)
    python tools/book_ja.py pdf      # its PDFs in _build/pdf/ja (make pdf)
    python tools/book_ja.py check    # fail if a message is untranslated or fuzzy (make test)
    python tools/book_ja.py update   # new English prose -> new (empty) messages to translate
    python tools/book_ja.py lint [book/vae ...]   # the translations keep the markup (instant)

The edition is built by Jupyter Book's Sphinx as ``make book`` builds the English one (same
_config.yml and _toc.yml, strict: ``-W -n --keep-going``) with ``language: ja``: Sphinx
replaces each paragraph, heading, caption and list item by its translation from
``locales/ja/LC_MESSAGES/book/<page>.po`` (``tools/book_i18n.py`` says what is and is not
translated).  It reads the English build's execution cache, so nothing is executed twice and
every number is the English edition's.  The Japanese sources are cited with their Japanese
titles: ``locales/ja/references.bib`` replaces their entries of ``references.bib``.

``pdf`` makes the edition's PDFs as ``make pdf`` makes the English ones, from the same
executions: Sphinx's LaTeX builder with the same overrides (xeCJK and the IPAex fonts:
tools/book_latex.py), then tools/check_latex.py, tools/book_pdf.py and
``tools/check_pdf.py --language ja``.  They are served under the English site's ``pdf/ja/``
(``make book`` copies ``_build/pdf`` there), and the Japanese pages link them
(``book_pdf_dir``).

``check`` extracts the messages of the current English pages (Sphinx's gettext builder,
about 15 s) and compares them with the catalogs: a message whose English changed is no longer
in the catalog, so a prose change that is not translated in the same commit fails the check.
Messages with nothing to translate (numbers, a formula alone) need no entry.  It also fails
when a translation drops or changes markup that must stay as it is (:func:`markup_problems`).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGUAGE = "ja"
LOCALES = ROOT / "locales"
CATALOGS = LOCALES / LANGUAGE / "LC_MESSAGES"
#: The edition's title (the English title, translated; the landing page's heading too).
TITLE = "実行して確かめる深層学習"

# Text a reader would read, once the markup that stays as it is has been removed: roles and
# their targets, inline code and inline math.
# Numbers too, exponents included (7.94e-32 has no word in it).
_MARKUP = re.compile(
    r"\{[\w:.-]+\}`[^`]*`|`[^`]*`|\$\$.*?\$\$|\$[^$]*\$|[-+]?\d[\d.,]*(?:e[-+]?\d+)?", re.S
)


def needs_translation(msgid: str) -> bool:
    """Whether a message holds words (any letter outside markup, code and math)."""
    return bool(re.search(r"[^\W\d_]", _MARKUP.sub("", msgid)))


_ROLE = re.compile(r"\{([\w:.-]+)\}`([^`]*)`")
_CODE = re.compile(r"(?<![`}])`([^`]+)`")
_MATH = re.compile(r"\$\$.*?\$\$|\$[^$]*\$", re.S)


def _targets(text: str) -> list[tuple[str, str]]:
    """The roles of ``text`` as (role, target): ``{ref}`text <label>``` -> (ref, label).

    A glued value may be given in its Japanese twin, the key with ``_ja`` (a chapter glues
    both when the value is words, "agrees" and 一致する): ``x_ja:.3f`` counts as ``x:.3f``.
    """
    found = []
    for name, content in _ROLE.findall(text):
        target = re.search(r"<([^<>]+)>\s*$", content)
        target = target.group(1) if target else content
        if name.startswith("glue"):
            target = re.sub(r"_ja(?=:|$)", "", target)
        found.append((name, target))
    return sorted(found)


def markup_problems(msgid: str, msgstr: str) -> list[str]:
    """What a translation changed that must stay: the roles and their targets (glued values,
    references, citations, terms; a reference's text may be translated), inline code and
    inline math, each as often as in the English."""
    problems = []
    if _targets(msgid) != _targets(msgstr):
        problems.append(f"roles differ: {_targets(msgid)} vs {_targets(msgstr)}")
    plain_id, plain_str = _ROLE.sub("", msgid), _ROLE.sub("", msgstr)
    for name, pattern in (("inline code", _CODE), ("math", _MATH)):
        if sorted(pattern.findall(plain_id)) != sorted(pattern.findall(plain_str)):
            problems.append(f"{name} differs")
    return problems


def _overrides(build: Path, builder: str) -> dict:
    # (tools/book_sphinx.py adds jupyter-book's own settings and the LaTeX numbering)
    return {
        # NNBOOK_CACHE: another checkout's cache (a translator's worktree reads main's)
        "nb_execution_cache_path": os.environ.get(
            "NNBOOK_CACHE", str(ROOT / "_build" / ".jupyter_cache")
        ),
        **(
            {}
            if builder == "gettext"
            else {
                "language": LANGUAGE,
                "html_title": TITLE,
                "today_fmt": "%Y年%-m月%-d日",  # the title page's date: 2026年12月5日
                "html_baseurl": "https://nnbook.github.io/nnbook/ja/",
                # the slides are the English edition's (tools/book_i18n.py points there)
                "html_extra_path": [],
                "bibtex_bibfiles": [str(japanese_bibliography(build))],
                # its PDFs (pdf below), in the English site's pdf/ja/
                "book_pdf_dir": "../pdf/ja",
                # sphinx-exercise's Japanese numbers exercises 練習; Japanese textbooks, and
                # this edition's headings, say 演習
                "numfig_format": {"exercise": "演習 %s"},
            }
        ),
    }


def japanese_bibliography(build: Path) -> Path:
    """``references.bib`` with the entries of ``locales/ja/references.bib`` in place of the
    same keys' English ones, written to ``<build>/references.bib``."""
    english = (ROOT / "references.bib").read_text(encoding="utf-8")
    japanese = (LOCALES / LANGUAGE / "references.bib").read_text(encoding="utf-8")
    replaced = set(re.findall(r"^@\w+\{([^,\s]+),", japanese, re.M))
    unknown = replaced - set(re.findall(r"^@\w+\{([^,\s]+),", english, re.M))
    if unknown:
        raise ValueError(f"locales/ja/references.bib: keys not in references.bib: {unknown}")
    entries = re.split(r"(?m)^(?=@)", english)
    kept = [e for e in entries if not re.match(r"@\w+\{([^,\s]+),", e)
            or re.match(r"@\w+\{([^,\s]+),", e).group(1) not in replaced]  # fmt: skip
    build.mkdir(parents=True, exist_ok=True)
    path = build / "references.bib"
    text = "".join(kept).rstrip() + "\n\n" + japanese
    # rewritten only when it changes: sphinxcontrib-bibtex re-reads the bibliography page
    # whenever the file is newer than its cache
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def _sphinx(out: Path, builder: str, build: Path, force_all: bool = False) -> int:
    import book_sphinx

    return book_sphinx.build(
        out,
        builder,
        build / f".doctrees-{builder}",
        _overrides(build, builder),
        root=ROOT,
        force_all=force_all,
        # the catalogs from every page as it is now (a page read before is read again)
        fresh=builder == "gettext",
    )


def extract(build: Path) -> Path:
    """The English pages' messages, as ``.pot`` files under ``<build>/gettext``."""
    out = build / "gettext"
    if _sphinx(out, "gettext", build) != 0:
        raise SystemExit("book_ja: extracting the messages failed")
    return out


def messages(pot_dir: Path) -> dict[str, list[str]]:
    """Each page's messages that need a translation, from the ``.pot`` files."""
    from babel.messages.pofile import read_po

    found = {}
    for pot in sorted(pot_dir.rglob("*.pot")):
        with pot.open("rb") as f:
            catalog = read_po(f)
        page = pot.relative_to(pot_dir).with_suffix("").as_posix()
        found[page] = [m.id for m in catalog if m.id and needs_translation(m.id)]
    return found


def check(pot_dir: Path, catalogs: Path = CATALOGS) -> tuple[int, int, list[str]]:
    """(translated, total, problems): every message of ``pot_dir`` against the catalogs."""
    from babel.messages.pofile import read_po

    translated, total, problems = 0, 0, []
    for page, ids in messages(pot_dir).items():
        po = catalogs / f"{page}.po"
        if not po.exists():
            problems.append(f"{page}: no catalog {po}")
            total += len(ids)
            continue
        with po.open("rb") as f:
            catalog = read_po(f)
        for msgid in ids:
            total += 1
            entry = catalog.get(msgid)
            if entry is None or not entry.string:
                problems.append(f"{page}: untranslated: {msgid[:90]!r}")
            elif entry.fuzzy:
                problems.append(f"{page}: fuzzy: {msgid[:90]!r}")
            else:
                translated += 1
                problems += [
                    f"{page}: {p}: {msgid[:70]!r}" for p in markup_problems(msgid, entry.string)
                ]
    return translated, total, problems


def lint(pages: list[str], catalogs: Path = CATALOGS) -> list[str]:
    """The markup problems of the catalogs' translations (no build; for translators)."""
    from babel.messages.pofile import read_po

    problems = []
    paths = [catalogs / f"{p}.po" for p in pages] or sorted(catalogs.rglob("*.po"))
    for po in paths:
        with po.open("rb") as f:
            catalog = read_po(f)
        page = po.relative_to(catalogs).with_suffix("").as_posix()
        for entry in catalog:
            if entry.id and entry.string:
                problems += [f"{page}: {p}: {entry.id[:70]!r}"
                             for p in markup_problems(entry.id, entry.string)]  # fmt: skip
    return problems


def update(pot_dir: Path) -> None:
    """Bring the catalogs up to date with the pages (sphinx-intl), so that new English
    messages appear in them, empty, ready to be translated."""
    from sphinx_intl.basic import update as intl_update

    intl_update(str(LOCALES), str(pot_dir), (LANGUAGE,), line_width=100)


def build(build_dir: Path, out: Path, force_all: bool = False) -> int:
    """Build the edition in ``build_dir/html`` and copy it to ``out``.

    Not into ``out`` itself: myst-nb writes a notebook's output files next to the output
    folder (``<out>/../jupyter_execute``), which would put 14 MB that no page links into the
    English site.
    """
    status = _sphinx(build_dir / "html", "html", build_dir, force_all)
    if status == 0:
        shutil.copytree(build_dir / "html", out, dirs_exist_ok=True)
        print(f"book_ja: the Japanese edition is in {out}")
    return status


def pdf(build_dir: Path, out: Path) -> int:
    """The PDFs: the LaTeX in ``<build>/latex``, compiled, cut and checked into ``out``."""
    import book_pdf
    import check_latex
    import check_pdf

    latex = build_dir / "latex"
    tex = str(latex / "book.tex")
    steps = (
        lambda: _sphinx(latex, "latex", build_dir),
        lambda: check_latex.main(tex),
        lambda: book_pdf.main([str(latex), "--out", str(out)]),
        lambda: check_pdf.main([str(out), "--tex", tex, "--language", LANGUAGE]),
    )
    return next((status for step in steps if (status := step()) != 0), 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["build", "pdf", "check", "update", "lint"])
    parser.add_argument("pages", nargs="*", help="lint: pages like book/vae (default: all)")
    parser.add_argument("--all", action="store_true", help="build: write every page again")
    parser.add_argument("--build", type=Path, default=ROOT / "_build" / "ja")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "html" / "ja")
    parser.add_argument("--pdf-out", type=Path, default=ROOT / "_build" / "pdf" / "ja")
    args = parser.parse_args(argv)
    if args.command == "lint":
        problems = lint(args.pages)
        print("\n".join(f"book_ja: {p}" for p in problems) or "book_ja: lint: no problems")
        return 1 if problems else 0
    if args.command == "build":
        return 1 if build(args.build.resolve(), args.out.resolve(), args.all) else 0
    if args.command == "pdf":
        return 1 if pdf(args.build.resolve(), args.pdf_out.resolve()) else 0
    pot_dir = extract(args.build.resolve())
    if args.command == "update":
        update(pot_dir)
        return 0
    translated, total, problems = check(pot_dir)
    for problem in problems:
        print(f"book_ja: {problem}")
    print(f"book_ja: {translated} of {total} messages translated")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
