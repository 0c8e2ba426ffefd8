"""Read and fill a page's translations without editing the ``.po`` file by hand.

Usage::

    python tools/po_edit.py show book/vae [--todo] [--from 10] [--count 20]
    python tools/po_edit.py fill book/vae translations.json

``show`` prints the page's messages, numbered, with their translations (``--todo``: only those
still without one, or fuzzy).  ``fill`` takes a JSON object ``{"<number>": "<translation>"}``
(numbers as ``show`` prints them) and writes the translations into the catalog, clearing their
fuzzy marks; it refuses a translation that changes the markup (``tools/book_ja.py lint``).
After a prose change: ``python tools/book_ja.py update``, then ``show --todo`` and ``fill``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from book_ja import CATALOGS, markup_problems, needs_translation


def _load(page: str):
    from babel.messages.pofile import read_po

    path = CATALOGS / f"{page}.po"
    if not path.exists():
        raise SystemExit(f"po_edit: no catalog {path}")
    with path.open("rb") as f:
        return path, read_po(f)


def _entries(catalog) -> list:
    return [m for m in catalog if m.id and needs_translation(m.id)]


def show(page: str, todo: bool, start: int, count: int | None) -> None:
    _, catalog = _load(page)
    shown = 0
    for k, entry in enumerate(_entries(catalog)):
        if k < start or (todo and entry.string and not entry.fuzzy):
            continue
        if count is not None and shown >= count:
            break
        state = "fuzzy" if entry.fuzzy else ("done" if entry.string else "todo")
        print(f"=== {k} [{state}]\n{entry.id}")
        if entry.string:
            print(f"--- ja\n{entry.string}")
        shown += 1


def fill(page: str, translations: dict[str, str]) -> int:
    from babel.messages.pofile import write_po

    path, catalog = _load(page)
    entries = _entries(catalog)
    problems = []
    for key, text in translations.items():
        k = int(key)
        if not 0 <= k < len(entries):
            problems.append(f"{key}: no message with this number (0 to {len(entries) - 1})")
            continue
        found = markup_problems(entries[k].id, text)
        if found:
            problems.append(f"{key}: {'; '.join(found)}")
            continue
        entries[k].string = text
        entries[k].flags.discard("fuzzy")
    with path.open("wb") as f:
        write_po(f, catalog, width=100)
    for problem in problems:
        print(f"po_edit: not filled: {problem}")
    done = sum(1 for e in entries if e.string and not e.fuzzy)
    print(f"po_edit: {page}: {done} of {len(entries)} messages translated")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["show", "fill"])
    parser.add_argument("page", help="a page like book/vae")
    parser.add_argument("file", nargs="?", type=Path, help="fill: the JSON translations")
    parser.add_argument("--todo", action="store_true")
    parser.add_argument("--from", dest="start", type=int, default=0)
    parser.add_argument("--count", type=int)
    args = parser.parse_args(argv)
    if args.command == "show":
        show(args.page, args.todo, args.start, args.count)
        return 0
    if args.file is None:
        parser.error("fill needs the JSON file of translations")
    return fill(args.page, json.loads(args.file.read_text(encoding="utf-8")))


if __name__ == "__main__":
    sys.exit(main())
