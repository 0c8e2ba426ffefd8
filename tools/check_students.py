"""Check the students' edition: every exercise is there, no solution's text is.

Usage: python tools/check_students.py _build/students/html book --site _build/html

The solutions are read from the chapters' sources (``book/*.md``, tools/book_students.py
finds them).  From each, *probes* are taken: its code lines and its plain prose lines (no
Markdown or math, which the site renders differently), long enough to be specific and found
nowhere else in the sources, and shown by the main site (``--site``: a hidden cell's lines
would be absent from any edition).  No probe may occur in the edition: not in a page's text,
its search index, nor its downloadable sources; no figure file for slides that no page links
may be left (a solution's animation).  Every solution must give at least one probe,
and every exercise's label must be an anchor of the edition, so the check cannot pass on an
empty or a wrong folder.
"""

from __future__ import annotations

import argparse
import html as html_lib
import re
from pathlib import Path

from book_students import strip_solutions

#: Probes shorter than this (characters other than white space) are too common to mean anything.
MIN_CODE, MIN_PROSE = 12, 25
_MARKUP = re.compile(r"[`$*{}\[\]<>|#]|^\s*[:(-]|^\s*\d+\.")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "--", "—": "---"})


def normalize(text: str) -> str:
    """Text without white space (highlighted code is split into one tag per token, and
    lines are broken differently), with typographic quotes and dashes made plain."""
    return "".join(text.translate(_QUOTES).split())


def page_text(page: str) -> str:
    """The text of an HTML page (scripts and styles dropped, tags removed, entities decoded)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S | re.I)
    return normalize(html_lib.unescape(re.sub(r"<[^>]+>", "", page)))


def probes(solution: list[str]) -> list[str]:
    """The lines of one solution that can be looked for in the site."""
    found, in_code = [], False
    for line in solution:
        if line.strip().startswith("```"):
            in_code = line.strip().startswith("```{code-cell}")
            continue
        text = normalize(line)
        if in_code and len(text) >= MIN_CODE:
            found.append(text)
        elif not in_code and len(text) >= MIN_PROSE and not _MARKUP.search(line):
            found.append(text)
    return found


def source_probes(sources: list[Path]) -> tuple[dict[str, list[str]], list[str]]:
    """Probes per solution (named ``file:n``), and the exercise labels of the sources."""
    by_solution: dict[str, list[str]] = {}
    labels: list[str] = []
    # a line that the edition shows anyway is no probe: any chapter's text outside the
    # solutions, and the package's source, which chapters include (literalinclude)
    package = Path(__file__).resolve().parents[1] / "code" / "nnbook"
    elsewhere = "".join(normalize(p.read_text()) for p in sorted(package.rglob("*.py")))
    found: list[tuple[str, list[list[str]]]] = []
    for path in sources:
        text = path.read_text()
        labels += re.findall(r"^`{3,}\{exercise\}.*\n(?::[\w-]+:.*\n)*?:label: (\S+)", text, re.M)
        solutions: list[list[str]] = []
        kept, _ = strip_solutions(text.splitlines(keepends=True), dropped=solutions)
        elsewhere += normalize("".join(kept))
        found.append((path.name, solutions))
    for name, solutions in found:
        for i, solution in enumerate(solutions, 1):
            by_solution[f"{name}:{i}"] = [p for p in probes(solution) if p not in elsewhere]
    return by_solution, labels


def edition_texts(site: Path) -> dict[str, str]:
    """Every text of the edition a reader can get: pages, search index, sources."""
    texts = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        if path.suffix == ".html":
            texts[str(path)] = page_text(path.read_text(errors="replace"))
        elif path.name == "searchindex.js" or "_sources" in path.parts:
            texts[str(path)] = normalize(path.read_text(errors="replace").replace("\\n", "\n"))
    return texts


def shown_probes(sources: list[Path], main_site: Path) -> tuple[dict[str, list[str]], list[str]]:
    """:func:`source_probes`, less the lines the main site does not show."""
    by_solution, labels = source_probes(sources)
    shown = "".join(t for w, t in edition_texts(main_site).items() if w.endswith(".html"))
    return {k: [p for p in v if p in shown] for k, v in by_solution.items()}, labels


def check(site: Path, sources: list[Path], main_site: Path) -> list[str]:
    by_solution, labels = shown_probes(sources, main_site)
    texts = edition_texts(site)
    problems = [f"{name}: no line to look for" for name, found in by_solution.items() if not found]
    if not by_solution:
        problems.append("no solution in the sources")
    for name, found in by_solution.items():
        for probe in found:
            problems += [
                f"{name}: {probe!r} in {where}" for where, t in texts.items() if probe in t
            ]
    pages = "".join(t for where, t in texts.items() if where.endswith(".html"))
    raw = "".join(p.read_text(errors="replace") for p in site.rglob("*.html"))
    problems += [f"exercise {label} is missing" for label in labels if f'id="{label}"' not in raw]
    slides = site / "slides"
    if slides.is_dir():  # a solution's animation leaves its GIF and SVG there
        problems += [
            f"slides/{f.name} is linked from no page (a solution's figure?)"
            for f in sorted(slides.iterdir())
            if f"slides/{f.name}" not in raw
        ]
    if not pages:
        problems.append(f"no page in {site}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("edition", type=Path)
    parser.add_argument("book", type=Path, help="the folder of the chapters' sources")
    parser.add_argument("--site", type=Path, required=True, help="the main site, solutions in")
    args = parser.parse_args(argv)
    sources = sorted(args.book.glob("*.md"))
    problems = check(args.edition, sources, args.site)
    for problem in problems:
        print(f"check_students: {problem}")
    if problems:
        return 1
    by_solution, labels = shown_probes(sources, args.site)
    n = sum(map(len, by_solution.values()))
    print(
        f"check_students: {len(labels)} exercises present, {len(by_solution)} solutions"
        f" absent ({n} of their lines looked for) in {args.edition}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
