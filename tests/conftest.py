import sys
from pathlib import Path

# tests/book_build.py is a helper module shared by the tests that build a small book.
sys.path.insert(0, str(Path(__file__).parent))
