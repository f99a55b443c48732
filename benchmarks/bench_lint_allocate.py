"""How long `chitieu lint` and `chitieu allocate` take, against baselines in the same process.

    .venv/bin/python benchmarks/bench_lint_allocate.py [--runs 5] [--docx FILE ...]

Lint: seconds per document, and as a ratio of simply opening the same file with
python-docx (the floor any checker pays). Allocate: seconds to split a total over 126
(Hà Nội's xã/phường) and 3,321 (the country's) units with random weights and minimums,
and as a ratio of summing the same weights as exact fractions.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chitieu.allocate import largest_remainder  # noqa: E402
from chitieu.lint import lint_docx  # noqa: E402


def _best(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--docx",
        type=Path,
        nargs="*",
        default=[ROOT / "samples" / "cau-giay-2021" / "as-issued" / "ke-hoach-152-as-issued.docx"],
    )
    args = parser.parse_args(argv)
    import docx

    print("lint (median of runs)")
    for path in args.docx:
        lint_docx(path)  # warm caches (fonts, imports)
        base = _best(lambda p=path: docx.Document(str(p)), args.runs)
        full = _best(lambda p=path: lint_docx(p), args.runs)
        print(
            f"  {path.name}: {full:.3f} s, {full / base:.1f}× opening it with python-docx ({base:.3f} s)"
        )

    print("allocate (median of runs)")
    rng = random.Random(2026)
    for n in (126, 3321):
        weights = {f"u{i}": rng.randint(1_000, 120_000) for i in range(n)}
        minimums = {u: 1 for u in list(weights)[: n // 3]}
        total = 5 * n
        base = _best(lambda w=weights: sum(Fraction(v) for v in w.values()), args.runs)
        full = _best(lambda w=weights, m=minimums, t=total: largest_remainder(t, w, m), args.runs)
        parts = largest_remainder(total, weights, minimums)
        assert sum(parts.values()) == total
        print(
            f"  {n} units: {full:.3f} s, {full / base:.1f}× summing the weights as fractions ({base:.4f} s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
