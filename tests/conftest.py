import os
import sys
from pathlib import Path

# tests/book_build.py is a helper module shared by the tests that build a small book.
sys.path.insert(0, str(Path(__file__).parent))

# The book's build sets NNBOOK_SLIDES_DIR so that every animated figure saves a GIF for slides
# (nnbook/player.py).  Tests that want it set it themselves; elsewhere it would make every
# figure a test draws spend seconds on a GIF.
os.environ.pop("NNBOOK_SLIDES_DIR", None)
