import os

# The book's build sets NNBOOK_SLIDES_DIR so that every animated figure saves a GIF for slides
# (nnbook/animation/player.py).  Tests that want it set it themselves; elsewhere it would make
# every figure a test draws spend seconds on a GIF.
os.environ.pop("NNBOOK_SLIDES_DIR", None)
