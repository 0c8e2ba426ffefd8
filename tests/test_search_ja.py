"""tools/book_search_ja.py: the index and the search box cut Japanese the same way, so that a
query found inside a longer word is found."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from book_search_ja import JS_SPLITTER, split

SAMPLES = [
    "誤差逆伝播法は計算グラフを逆にたどる。",
    "誤差逆伝播",
    "勾配消失（vanishing gradients）が起きる",
    "`torch.nn.Linear` の grad_fn を見る",
    "学習率 0.1 で 3 エポック",
    "過学習",
    "々",
    "Adam と AdamW、ドロップアウト p=0.5",
    "ﾊﾟﾗﾒｰﾀ (half-width katakana)",
]


def test_japanese_runs_become_overlapping_pairs_and_latin_words_stay_whole():
    assert split("誤差逆伝播法") == ["誤差", "差逆", "逆伝", "伝播", "播法"]
    assert split("勾配 gradient_descent 0.5") == ["勾配", "gradient_descent", "0", "5"]
    assert split("過学習を") == ["過学", "学習", "習を"]


def test_a_query_inside_a_longer_word_is_found():
    index = set(split("この章は誤差逆伝播法を導く。"))
    assert set(split("誤差逆伝播")) <= index
    assert set(split("逆伝播")) <= index
    assert not set(split("順伝播")) <= index


def test_the_search_box_cuts_queries_as_the_index_does():
    script = JS_SPLITTER + f"\nconsole.log(JSON.stringify({json.dumps(SAMPLES)}.map(splitQuery)));"
    node = shutil.which("node")  # installed with npm, which the Makefile needs for MathJax
    assert node, "Node.js is needed to run the search box's rule"
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [split(s) for s in SAMPLES]
