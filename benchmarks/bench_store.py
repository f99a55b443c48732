"""Time the record store: filing returns, re-filing them (duplicates), reading current results.

    .venv/bin/python benchmarks/bench_store.py [--returns 500] [--indicators 10] [--no-postgres]

Files N single-unit returns (one per unit, then a second, later return for a tenth of the
units, which supersedes the first), then the same N again (all duplicates), then reads
the current results and receipts. Prints seconds and per-return milliseconds for SQLite
and for a PostgreSQL server started for the run (tests/pg.py), and their ratio.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from chitieu.plan import load_plan  # noqa: E402
from chitieu.record import Record, Where  # noqa: E402
from chitieu.store import Store  # noqa: E402

PLAN = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"


def run(url: str, returns: int, indicators: int) -> dict[str, float]:
    plan = load_plan(PLAN)
    t0 = time.perf_counter()
    store = Store.open(url)
    pid = store.save_plan(plan)
    opened = time.perf_counter() - t0
    start = datetime(2021, 7, 1, 8, 0)

    def file(n: int, version: int) -> None:
        unit = f"u-{n:05d}"
        store.add_submission(
            pid,
            file_name=f"{unit}-v{version}.xlsx",
            sha256=f"{n:032x}{version:032x}",
            size=1000,
            received_at=start + timedelta(minutes=n + 10_000 * version),
            unit=unit,
            period="2021-06",
            records=[
                Record(unit, f"ind_{i}", "2021-06", i, where=Where(cell=f"E{6 + i}"))
                for i in range(indicators)
            ],
        )

    t = time.perf_counter()
    for n in range(returns):
        file(n, 1)
    for n in range(0, returns, 10):
        file(n, 2)
    filed = time.perf_counter() - t
    total_filed = returns + len(range(0, returns, 10))
    t = time.perf_counter()
    for n in range(returns):
        file(n, 1)
    dup = time.perf_counter() - t
    t = time.perf_counter()
    current = store.current_results(pid)
    receipts = store.receipts(pid)
    read = time.perf_counter() - t
    assert len(current) == returns * indicators, len(current)
    assert len(receipts) == returns
    store.close()
    return {
        "open+plan s": opened,
        "file ms/return": 1000 * filed / total_filed,
        "duplicate ms/return": 1000 * dup / returns,
        "current+receipts s": read,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--returns", type=int, default=500)
    ap.add_argument("--indicators", type=int, default=10)
    ap.add_argument("--no-postgres", action="store_true")
    args = ap.parse_args()
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["sqlite"] = run(f"sqlite:///{tmp}/bench.db", args.returns, args.indicators)
    if not args.no_postgres:
        from pg import create_database, running_postgres

        with running_postgres() as server:
            url = create_database(server, "bench")
            results["postgres"] = run(url, args.returns, args.indicators)
    print(f"{args.returns} returns x {args.indicators} indicators (+10% superseding returns)")
    keys = list(results["sqlite"])
    print(f"{'':24}" + "".join(f"{b:>12}" for b in results))
    for k in keys:
        print(f"{k:24}" + "".join(f"{results[b][k]:12.3f}" for b in results))
    if "postgres" in results:
        k = "file ms/return"
        print(f"postgres/sqlite filing ratio: {results['postgres'][k] / results['sqlite'][k]:.2f}")


if __name__ == "__main__":
    main()
