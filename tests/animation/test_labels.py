"""nnbook.animation.labels: the player's words in each language, and the Japanese pages made
from the English ones exactly as the player would write them."""

import re

import pytest

from nnbook.animation.labels import LABELS, LANGUAGES, label, localize
from nnbook.animation.player import ViewSwitch, player_html

SVG = '<svg viewBox="0 0 100 50"><text style="font-size: 10px">step</text></svg>'


def _player(language: str, n: int, kinds: list[str], links=()) -> str:
    # "step" in a caption and in the SVG must survive: only the player's own words change
    captions = [rf"\text{{step}}\ x_{{{k}}} = {k}" for k in range(n)]
    return player_html("cg-0123456789", SVG, captions, kinds, links=links, language=language)


def test_every_language_has_every_word():
    keys = set(LABELS["en"])
    for language in LANGUAGES:
        assert set(LABELS[language]) == keys, language
        assert all(LABELS[language][k].strip() for k in keys), language
        # a count is written wherever the English writes one
        for key in keys:
            assert ("{n}" in LABELS[language][key]) == ("{n}" in LABELS["en"][key]), key


@pytest.mark.parametrize("n", [1, 3, 68])
@pytest.mark.parametrize("kinds", [["forward", "backward"], ["step", "step"], ["forward", "x"]])
def test_localize_gives_what_the_player_writes_in_japanese(n, kinds):
    kinds = (kinds * n)[:n]
    links = [("player", "../slides/a.html"), ("GIF", "../slides/a.gif")]
    english = _player("en", n, kinds, links)
    japanese = _player("ja", n, kinds, links)
    assert localize(english, "ja") == japanese
    assert japanese != english
    assert localize(english, "en") == english
    # the figure and the captions are untouched
    assert japanese.count('font-size: 10px">step</text>') == 1
    assert len(re.findall(r"\\text\{step\}", japanese)) == 2 * n  # captions and transcript
    assert f"全 {n} ステップ" in japanese


@pytest.mark.parametrize("pressed", [False, True])
def test_the_view_switch_is_localized(pressed):
    view = ViewSwitch("cg-other", pressed=pressed, hidden=False, steps=[0, 1])
    pages = [
        player_html("cg-0123456789", SVG, ["a", "b"], ["forward"] * 2, language=lang, view=view)
        for lang in ("en", "ja")
    ]
    assert localize(pages[0], "ja") == pages[1]
    assert ">すべての演算を表示</button>" in pages[1]


def test_a_page_without_a_player_is_returned_as_it_is():
    page = '<p aria-label="Step">Transcript (3 steps)</p>'
    assert localize(page, "ja") == page


def test_an_unknown_language_or_word_is_named():
    with pytest.raises(ValueError, match=r"language must be one of .*'fr'"):
        localize("<p></p>", "fr")
    with pytest.raises(ValueError, match=r"language must be one of .*'de'"):
        label("play", "de")
    with pytest.raises(ValueError, match=r"key must be one of .*'stop'"):
        label("stop")
    with pytest.raises(ValueError, match="language must be one of"):
        _player("fr", 2, ["forward", "backward"])


def test_counts_are_filled_in():
    assert label("transcript", "en", 5) == "Transcript (5 steps)"
    assert label("transcript", "ja", 5) == "書き起こし（全 5 ステップ）"
