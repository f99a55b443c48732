"""What reading each file in its own child process costs (extract.isolated).

    .venv/bin/python benchmarks/bench_isolation.py [--files 20] [--plan samples/.../plan.yaml]

Reads the same small XLSX return N times in this process (warm: every import done) and
N times through the reader server (a fork per file, RLIMIT_AS set in the child), and a
fresh `python -c "import extract..."` start for comparison (what a child per file would
cost without the preloaded server). Prints per-file milliseconds, the overhead per file
and the ratio isolated / in-process, all measured in the same run; and the children's
peak RSS. The first isolated read (starting the server) is reported apart.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from chitieu.plan import load_plan  # noqa: E402
from extract.isolated import read_in_child  # noqa: E402
from extract.pipeline import extract_file  # noqa: E402

PLAN = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"


def _ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=20)
    ap.add_argument("--plan", type=Path, default=PLAN)
    args = ap.parse_args()
    from hostile.returns import filled_return

    plan = load_plan(args.plan)
    with tempfile.TemporaryDirectory() as tmp:
        f = filled_return(Path(tmp) / "quan-hoa.xlsx", "quan-hoa", [1, 2, 3, 4, 5], load_plan(PLAN))
        extract_file(f, plan)  # warm this process
        t0 = time.perf_counter()
        first = read_in_child(f, plan)
        start = time.perf_counter() - t0
        assert first.outcome == "ok", first
        inproc, child, peaks = [], [], []
        for _ in range(args.files):
            t0 = time.perf_counter()
            extract_file(f, plan)
            inproc.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            rep = read_in_child(f, plan)
            child.append(time.perf_counter() - t0)
            assert rep.outcome == "ok", rep
            peaks.append(rep.peak_rss_mb)
        fresh = []
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", "import extract.pipeline, extract.formats.xlsx, openpyxl"],
                check=True,
                cwd=ROOT,
            )
            fresh.append(time.perf_counter() - t0)
    print(
        f"plan: {args.plan.name} ({len(plan.units)} units); {args.files} reads of one XLSX return"
    )
    print(f"reader server start + first read: {start * 1000:.0f} ms (once per process)")
    print(f"in-process read (warm):           {_ms(inproc):.0f} ms per file (median)")
    print(f"isolated read (fork + limits):    {_ms(child):.0f} ms per file (median)")
    print(f"overhead per file:                {_ms(child) - _ms(inproc):.0f} ms")
    print(f"ratio isolated / in-process:      {_ms(child) / _ms(inproc):.2f}")
    print(f"fresh interpreter + imports:      {_ms(fresh):.0f} ms (what a plain child would add)")
    print(f"child peak RSS:                   {max(peaks):.0f} MB")


if __name__ == "__main__":
    main()
