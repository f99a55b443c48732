"""A corpus of returns nobody here wrote, generated from a grammar of variation.

    python -m benchmarks.corpus OUT_DIR [--seeds 0-239] [--formats xlsx,docx,pdf]

`make_case(seed)` (grammar.py) draws one return and its ground truth; `build_corpus`
(build.py) writes the plans, the files and `truth.json`. Even seeds are the train half,
odd seeds the test half (`document.half_of`). See README "Extraction on unseen layouts".
"""

from benchmarks.corpus.build import build_corpus
from benchmarks.corpus.document import Case, half_of
from benchmarks.corpus.grammar import make_case

__all__ = ["Case", "build_corpus", "half_of", "make_case"]
