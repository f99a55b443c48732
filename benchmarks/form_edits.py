"""Our XLSX return form after a ward's edits: values read, flagged, silent, per tool.

    .venv/bin/python benchmarks/form_edits.py [--n 60]

Draws `--n` seeded cases from the grammar in `tests/form_edits.py` for each half (tuned:
seeds from 0, held out: seeds from 1000), edits them with openpyxl or LibreOffice Calc
(`tests/lo_edit.py`, one soffice call per half), and prints per tool and form kind
(with defined names / drafted before them): values typed, read exactly, records flagged,
silent errors (must be 0), missing, spurious. `--naive` trusts every mapped cell without
checking its label (the reader before this check), to show what the check prevents.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from form_edits import Score, make_case, score  # noqa: E402
from lo_edit import edit_in_calc  # noqa: E402

from extract import extract_file  # noqa: E402


def run(first: int, n: int) -> dict[str, tuple[int, Score]]:
    out = Path(tempfile.mkdtemp(prefix="chitieu-form-edits-"))
    cases = [make_case(seed, out) for seed in range(first, first + n)]
    edit_in_calc({c.path: c.ops for c in cases if c.tool == "calc" and c.ops})
    rows: dict[str, tuple[int, Score]] = defaultdict(lambda: (0, Score()))
    for c in cases:
        s = score(c, extract_file(c.path, c.plan))
        for key in (f"{c.tool}, {'old form' if c.old else 'named'}", "all"):
            count, total = rows[key]
            total.add(s)
            rows[key] = (count + 1, total)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=60, help="cases per half")
    ap.add_argument("--naive", action="store_true", help="trust every mapped cell")
    args = ap.parse_args()
    if args.naive:
        import extract.our_form as our_form

        our_form._still_in_place = lambda *a: True  # type: ignore[assignment]
    print(
        "half      | edited with, form | cases | typed | exact | flagged | silent | missing | spurious"
    )
    for half, first in (("tuned", 0), ("held-out", 1000)):
        for key, (count, s) in sorted(run(first, args.n).items()):
            print(
                f"{half:9} | {key:17} | {count:5} | {s.expected:5} | {s.exact:5} | {s.flagged:7} "
                f"| {s.silent:6} | {s.missing:7} | {s.spurious:8}"
            )


if __name__ == "__main__":
    main()
