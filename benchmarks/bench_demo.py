"""How long `chitieu demo` takes, stage by stage, on this machine.

    .venv/bin/python benchmarks/bench_demo.py [--runs 2] [--no-pdf] [--out outputs/bench-demo]

Runs the demo's cycle (the same flows, the same sample inbox) `--runs` times in one
process and prints the seconds of each stage per run, and each stage of the later runs
as a ratio of the first (the first run pays for starting the Prefect API and for cold
caches of LibreOffice and Tesseract; every run starts from an empty store and cache).
The README's target: the whole demo under 3 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "outputs" / "bench-demo")
    args = parser.parse_args(argv)

    from flows.runtime import apply_prefect_defaults

    apply_prefect_defaults(quiet=True)
    os.environ.pop("CHITIEU_DATABASE_URL", None)

    from chitieu import demo
    from chitieu.plan import load_plan
    from flows.cycle import STAGES, run_cycle

    plan = load_plan(demo.PLAN_PATH)
    runs: list[dict[str, float]] = []
    for n in range(args.runs):
        layout = demo.prepare(args.out / f"run-{n + 1}")
        os.environ["CHITIEU_HOME"] = str(layout.data.resolve())
        demo.fill_inbox(layout, plan)
        t0 = time.perf_counter()
        result = run_cycle(demo.PLAN_PATH, layout, pdf=not args.no_pdf)
        result.seconds["total"] = time.perf_counter() - t0
        runs.append(result.seconds)

    keys = [*STAGES, "total"]
    width = max(len(k) for k in keys) + 2
    head = "".join(f"{'run ' + str(i + 1):>10}" for i in range(len(runs)))
    ratios = "".join(f"{'r' + str(i + 1) + '/r1':>10}" for i in range(1, len(runs)))
    print(f"{'stage':<{width}}{head}{ratios}")
    for key in keys:
        cells = "".join(f"{r.get(key, 0.0):>10.2f}" for r in runs)
        first = runs[0].get(key, 0.0)
        rel = "".join(
            f"{(r.get(key, 0.0) / first if first else float('nan')):>10.2f}" for r in runs[1:]
        )
        print(f"{key:<{width}}{cells}{rel}")
    print(f"cores: {os.cpu_count()}  pdf: {not args.no_pdf}  files: {len(demo.DEMO_RETURNS)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
