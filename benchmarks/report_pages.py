"""Consolidated reports of the seeded plan grammars, printed and checked as a văn thư would.

    PYTHONPATH=.:tests python benchmarks/report_pages.py [--tune 10-33] [--held-out 2010-2017]
        [--show-held-out] [--keep DIR]

Each seed drafts one report (tests/report_grammar.py `draft_report`: even seeds a large
plan's reporting round, odd seeds a large series plan's quarter or 6 months on yearly
targets), all of a half converted by one LibreOffice call and checked by
tests/report_layout.py (`reports_problems`). Prints how many reports pass per half, the
tune half's problems, the held-out half's only as counts unless --show-held-out.
`--keep DIR` keeps the DOCX, PDF and chart files (to look at the pages).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from report_grammar import draft_report
from report_layout import reports_problems


def _seeds(spec: str) -> list[int]:
    lo, _, hi = spec.partition("-")
    return list(range(int(lo), int(hi or lo) + 1))


def run(seeds: list[int], out: Path, show: bool) -> tuple[int, int]:
    views = {}
    for seed in seeds:
        stem, view, docx = draft_report(seed, out)
        views[stem] = (view, docx)
    problems = reports_problems(views, out / "pdf")
    kinds: Counter[str] = Counter()
    for stem, found in sorted(problems.items()):
        for p in found:
            kinds[p.split(": ", 1)[-1][:50]] += 1
        if show:
            print(f"  {stem}: {found[:4]}")
    if show and kinds:
        print("  most common:", kinds.most_common(6))
    return len(views) - len(problems), len(views)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tune", default="10-33")
    ap.add_argument("--held-out", default="2010-2017")
    ap.add_argument("--show-held-out", action="store_true")
    ap.add_argument("--tune-only", action="store_true")
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        ok, n = run(_seeds(args.tune), root / "tune", True)
        print(f"tune: {ok}/{n} reports pass (seeds {args.tune})", flush=True)
        if not args.tune_only:
            ok, n = run(_seeds(args.held_out), root / "held-out", args.show_held_out)
            print(f"held-out: {ok}/{n} reports pass (seeds {args.held_out})")


if __name__ == "__main__":
    main()
