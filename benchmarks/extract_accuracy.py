"""Extraction accuracy and speed on the samples with ground truth (samples/returns/truth*.json).

    .venv/bin/python benchmarks/extract_accuracy.py [--formats xlsx,docx,pdf] [--repeat 5]

Prints, per format: exact records / expected, wrong values flagged for review, silent
errors (wrong and not flagged: must be 0), missing, spurious, right values flagged without
need, and seconds per file — total, and for the reader alone (the baseline the
interpretation adds to, measured in the same process). Bad inputs: how many were refused
with a reason, and the slowest refusal.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chitieu.errors import UnreadableFileError  # noqa: E402
from chitieu.plan import load_plan  # noqa: E402
from extract import extract_file, read_document  # noqa: E402
from extract.accuracy import Score, compare, load_truth  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--samples", type=Path, default=ROOT / "samples" / "returns")
    ap.add_argument("--plan", type=Path, default=ROOT / "samples" / "cau-giay-2021" / "plan.yaml")
    ap.add_argument("--formats", default="xlsx,docx,pdf,scan,photo")
    ap.add_argument("--repeat", type=int, default=5, help="timing repeats for digital files")
    ap.add_argument("--details", action="store_true", help="list every discrepancy")
    args = ap.parse_args()
    plan = load_plan(args.plan)
    truth = load_truth(args.samples)
    formats = args.formats.split(",")

    scores: dict[str, Score] = defaultdict(Score)
    seconds: dict[str, list[float]] = defaultdict(list)
    reader_seconds: dict[str, list[float]] = defaultdict(list)
    bad_total = bad_ok = 0
    bad_slowest = 0.0
    for name, exp in sorted(truth.items()):
        fmt = name.split("/", 1)[0]
        path = args.samples / name
        if exp.get("exit", 0) == 2:
            bad_total += 1
            t0 = time.perf_counter()
            try:
                extract_file(path, plan)
            except UnreadableFileError:
                bad_ok += 1
            else:
                print(f"  NOT REFUSED: {name}")
            bad_slowest = max(bad_slowest, time.perf_counter() - t0)
            continue
        if fmt not in formats:
            continue
        repeat = 1 if fmt in ("scan", "photo") else args.repeat
        for i in range(repeat):
            t0 = time.perf_counter()
            got = extract_file(path, plan)
            seconds[fmt].append(time.perf_counter() - t0)
            if fmt not in ("scan", "photo"):
                t0 = time.perf_counter()
                read_document(path)
                reader_seconds[fmt].append(time.perf_counter() - t0)
            if i == 0:
                scores[fmt].add(compare(name, got, exp))

    head = f"{'format':<7}{'files':>6}{'exact':>12}{'%':>8}{'flagged':>9}{'silent':>8}{'missing':>9}{'spurious':>10}{'extra':>7}{'s/file':>9}{'reader':>9}{'files/s':>9}"
    print(head)
    print("-" * len(head))
    for fmt in formats:
        if fmt not in scores:
            continue
        s = scores[fmt]
        secs = seconds[fmt]
        per_file = sum(secs) / len(secs)
        reader = (
            sum(reader_seconds[fmt]) / len(reader_seconds[fmt])
            if reader_seconds[fmt]
            else float("nan")
        )
        n_files = len(secs) // (1 if fmt in ("scan", "photo") else args.repeat)
        pct = 100.0 * s.exact / s.expected if s.expected else 100.0
        print(
            f"{fmt:<7}{n_files:>6}{f'{s.exact}/{s.expected}':>12}{pct:>7.1f}%{s.wrong_flagged:>9}"
            f"{s.silent:>8}{s.missing:>9}{s.spurious:>10}{s.extra_flags:>7}{per_file:>9.4f}"
            f"{reader:>9.4f}{1 / per_file:>9.1f}"
        )
    print(f"bad inputs refused with a reason: {bad_ok}/{bad_total} (slowest {bad_slowest:.3f} s)")
    missed = [m for s in scores.values() for m in s.problems_missed]
    print(f"expected problem codes not reported: {len(missed)}")
    if args.details:
        for s in scores.values():
            for d in s.details:
                print("  " + d)
        for m in missed:
            print("  problem missed: " + m)


if __name__ == "__main__":
    main()
