"""Japanese search that finds words inside longer words (Sphinx extension).

Japanese is written without spaces, so a search index needs a way to cut text into terms, and
the search box must cut a query the same way.  Sphinx's Japanese splitter (TinySegmenter)
cuts the index by a statistical model, but the search box does not cut the query at all
(``searchtools.js`` splits on spaces and punctuation only): a query like 誤差逆伝播 is one
term, which the index, holding 誤差 / 逆伝 / 播法, does not contain, and the search finds
nothing.  (A dictionary splitter such as janome cuts the index better but leaves the query
uncut just the same.)

Here both sides use overlapping pairs of characters (bigrams) for every run of Japanese
characters, as CJK search engines commonly do: 誤差逆伝播法 is indexed as 誤差 差逆 逆伝 伝播
播法, the query 誤差逆伝播 becomes 誤差 差逆 逆伝 伝播, and Sphinx's search keeps the pages
holding all of them.  Latin words, numbers and identifiers are kept whole, as in English.
:func:`split` and :data:`JS_SPLITTER` implement the same rule (``tests/test_search_ja.py``).
Loaded by _config.yml; it takes effect in the Japanese edition only (``language: ja``).
"""

from __future__ import annotations

import re

from sphinx.search.ja import SearchJapanese

# Hiragana, katakana (and the prolonged-sound mark), CJK ideographs, and their iteration marks.
_JAPANESE = "\u3005\u3041-\u309f\u30a0-\u30ff\u4e00-\u9fff\uff66-\uff9f"
_TOKEN = re.compile(rf"[{_JAPANESE}]+|[^\W{_JAPANESE}]+")
_JAPANESE_RUN = re.compile(rf"[{_JAPANESE}]+")


def split(text: str) -> list[str]:
    """Latin words whole; every run of Japanese characters as its overlapping pairs."""
    terms = []
    for token in _TOKEN.findall(text):
        if _JAPANESE_RUN.fullmatch(token) and len(token) > 2:
            terms.extend(token[k : k + 2] for k in range(len(token) - 1))
        else:
            terms.append(token)
    return terms


#: The same rule for the search box: Sphinx puts this ``splitQuery`` into
#: ``language_data.js``, where ``searchtools.js`` uses it instead of its own.
JS_SPLITTER = r"""
function splitQuery(query) {
  var jp = "\u3005\u3041-\u309f\u30a0-\u30ff\u4e00-\u9fff\uff66-\uff9f";
  var token = new RegExp("[" + jp + "]+|(?:(?![" + jp + "])[\\p{L}\\p{N}\\p{M}_])+", "gu");
  var run = new RegExp("^[" + jp + "]+$", "u");
  var terms = [];
  (query.match(token) || []).forEach(function (t) {
    if (run.test(t) && t.length > 2) {
      for (var k = 0; k + 1 < t.length; k++) terms.push(t.slice(k, k + 2));
    } else {
      terms.push(t);
    }
  });
  return terms;
}
"""


class SearchJapaneseBigrams(SearchJapanese):
    """Sphinx's Japanese search language, with the bigram rule on both sides."""

    js_splitter_code = JS_SPLITTER

    def init(self, options: dict[str, str]) -> None:
        pass  # no segmenter to load

    def split(self, input: str) -> list[str]:
        return split(input)


def setup(app):
    app.add_search_language(SearchJapaneseBigrams)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
