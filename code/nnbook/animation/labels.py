"""The player's words in each language of the book, and the Japanese edition's pages made from
the English ones.

The figure, its captions (mathematics) and its transcript's formulas are the same in every
edition; only the words around them change: the buttons' labels, the counts, the transcript's
heading and step kinds, the links "for slides".  :func:`nnbook.animation.player.player_html`
writes them in any language of :data:`LABELS`; the book executes its chapters once, in English,
and its Japanese edition (``tools/book_i18n.py``) turns each page's player into Japanese with
:func:`localize`, which gives exactly what ``player_html(..., language="ja")`` would have
written (``tests/animation/test_labels.py``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

__all__ = ["LABELS", "LANGUAGES", "label", "localize"]

#: Every word the player writes, by language.  ``{n}`` is the number of steps.
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "first": "First step",
        "prev": "Previous step",
        "play": "Play or pause",
        "next": "Next step",
        "full": "Full screen",
        "view": "Show every operation",
        "view_key": "Switch between the composite operations and every operation (key e)",
        "slider": "Step",
        "figure": "Animated figure in {n} steps: arrow keys, Page Up/Down or space to step",
        "stage": "The figure (scrolls sideways when wider than the screen)",
        "transcript": "Transcript ({n} steps)",
        "slides": "For slides:",
        "player": "Player (HTML, offline)",
        "page": "Animated figure, {n} steps",
        "inputs": "inputs",
        "forward": "forward",
        "backward": "backward",
        "step": "step",
    },
    "ja": {
        "first": "最初のステップ",
        "prev": "前のステップ",
        "play": "再生・一時停止",
        "next": "次のステップ",
        "full": "全画面表示",
        "view": "すべての演算を表示",
        "view_key": "まとめた演算とすべての演算の表示を切り替える（キー e）",
        "slider": "ステップ",
        "figure": "全 {n} ステップのアニメーション図：矢印キー、Page Up/Down、スペースで進む",
        "stage": "図（画面より広いときは横にスクロールする）",
        "transcript": "書き起こし（全 {n} ステップ）",
        "slides": "スライド用：",
        "player": "プレーヤー（HTML、オフライン）",
        "page": "アニメーション図（全 {n} ステップ）",
        "inputs": "入力",
        "forward": "順伝播",
        "backward": "逆伝播",
        "step": "ステップ",
    },
}
LANGUAGES = tuple(LABELS)

#: Where each word appears in the player's HTML (``{}``: the word, HTML-escaped), so that
#: :func:`localize` replaces the word there and nowhere else (a caption may contain "step").
CONTEXTS: dict[str, str] = {
    **{key: 'aria-label="{}"' for key in ("first", "prev", "play", "next", "full", "slider")},
    "view": 'data-act="view">{}</button>',
    "view_key": 'title="{}" data-act="view"',
    "figure": 'aria-label="{}"',
    "stage": 'aria-label="{}"',
    "transcript": "<summary>{}</summary>",
    "slides": '<div class="nnbook-anim-slides">{} ',
    "player": " download>{}</a>",
    "page": "<title>{}</title>",
    **{kind: "<li><em>{}</em>: " for kind in ("inputs", "forward", "backward", "step")},
}


def label(key: str, language: str = "en", n: int | None = None) -> str:
    """The player's word ``key`` in ``language``, with the number of steps ``n`` filled in."""
    if language not in LABELS:
        raise ValueError(f"language must be one of {LANGUAGES}, got {language!r}")
    if key not in LABELS[language]:
        raise ValueError(f"key must be one of {tuple(LABELS[language])}, got {key!r}")
    text = LABELS[language][key]
    return text.format(n=n) if "{n}" in text else text


def _replacer(key: str, language: str) -> tuple[re.Pattern[str], Callable[[re.Match], str]]:
    """The English word ``key`` in its context, as a pattern, and what replaces it."""
    context = CONTEXTS[key]
    word = re.escape(html.escape(LABELS["en"][key])).replace(r"\{n\}", r"(?P<n>\d+)")
    pattern = re.compile(re.escape(context).replace(r"\{\}", word))

    def replace(match: re.Match) -> str:
        n = int(match.group("n")) if "n" in match.groupdict() else None
        return context.format(html.escape(label(key, language, n)))

    return pattern, replace


def localize(page: str, language: str) -> str:
    """``page`` (HTML holding players written in English) with their words in ``language``.

    Only the player's own words change, in the places the player writes them; everything
    else, the figure and the captions included, is left as it is.
    """
    if language not in LABELS:
        raise ValueError(f"language must be one of {LANGUAGES}, got {language!r}")
    if language == "en" or "nnbook-anim" not in page:
        return page
    for key in LABELS["en"]:
        pattern, replace = _replacer(key, language)
        page = pattern.sub(replace, page)
    return page
