"""Return forms of the seeded plan grammar, printed and checked as a văn thư would.

    PYTHONPATH=.:tests python benchmarks/form_layout.py [--plans N] [--show-held-out]

For each seed, one form per unit kind of the plan (tests/form_grammar.py), drafted to DOCX,
converted by LibreOffice in one call per half, checked by tests/form_layout.py. Prints how
many forms pass in the tune half (even seeds 2, 4, … 2N, problems listed) and the held-out
half (odd seeds 5001, 5003, …, counts only unless --show-held-out).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from form_grammar import draft_forms
from form_layout import form_problems

HELD_OUT_FROM = 5001


def run(seeds: list[int], show: bool) -> tuple[int, int]:
    with tempfile.TemporaryDirectory() as tmp:
        printed = draft_forms(seeds, Path(tmp))
        failed = 0
        kinds: Counter[str] = Counter()
        for key, pdf, want in printed:
            problems = form_problems(pdf, want)
            if problems:
                failed += 1
                for p in problems:
                    kinds[p.split(":")[-1][:60] if "trang" in p else p[:60]] += 1
                if show:
                    print(f"  {key}: {problems[:4]}")
        if show and kinds:
            print("  most common:", kinds.most_common(6))
        return len(printed) - failed, len(printed)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--plans", type=int, default=20)
    ap.add_argument("--show-held-out", action="store_true")
    ap.add_argument("--tune-from", type=int, default=2, help="first tune seed (even, below 5001)")
    ap.add_argument("--tune-only", action="store_true")
    args = ap.parse_args()
    # tune on even seeds, hold out odd ones
    tune = list(range(args.tune_from, args.tune_from + 2 * args.plans, 2))
    held = list(range(HELD_OUT_FROM, HELD_OUT_FROM + 2 * args.plans, 2))
    ok, n = run(tune, True)
    print(f"tune: {ok}/{n} forms pass ({args.plans} plans)")
    if args.tune_only:
        return
    ok, n = run(held, args.show_held_out)
    print(f"held-out: {ok}/{n} forms pass ({args.plans} plans)")


if __name__ == "__main__":
    main()
