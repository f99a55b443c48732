"""Whole-process CPU of `chitieu extract` on a one-sheet XLSX return, against openpyxl.

    .venv/bin/python benchmarks/bench_cli.py [--runs 7] [--file R.xlsx] [--plan plan.yaml]

Baseline, measured in the same run and interleaved with ours: a fresh interpreter that
only does `import openpyxl; openpyxl.load_workbook(f)` on the same file. Ours: the
`chitieu extract PLAN FILE --json` console entry point in a fresh interpreter. Both
are timed as user+system CPU of the child process (`RUSAGE_CHILDREN`), median of
`--runs`; also `chitieu --help` (the command line's own cost) and the wall times.
Prints the load average, since CPU time still grows on a busy machine.

Bytecode is cached for the children (PYTHONPYCACHEPREFIX in a temporary directory,
PYTHONDONTWRITEBYTECODE unset), as for an installed package: otherwise every run
compiles our ~60 modules from source and the benchmark measures the compiler.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"
FILE = ROOT / "samples" / "returns" / "xlsx" / "ward-mai-dich-formula.xlsx"
CHITIEU = "import sys; from chitieu.cli import main; sys.argv[0] = 'chitieu'; sys.exit(main())"
OPENPYXL = "import sys, openpyxl; openpyxl.load_workbook(sys.argv[1])"


def _cpu_of(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one child process run to completion."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stderr.decode(errors='replace')}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--file", type=Path, default=FILE)
    ap.add_argument("--plan", type=Path, default=PLAN)
    args = ap.parse_args()
    pycache = tempfile.TemporaryDirectory(prefix="bench-cli-pyc-")
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        PYTHONPYCACHEPREFIX=pycache.name,
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    py = sys.executable
    cases = {
        "openpyxl load_workbook": [py, "-c", OPENPYXL, str(args.file)],
        "chitieu extract --json": [
            py,
            "-c",
            CHITIEU,
            "extract",
            str(args.plan),
            str(args.file),
            "--json",
        ],
        "chitieu --help": [py, "-c", CHITIEU, "--help"],
        "python -c pass": [py, "-c", "pass"],
    }
    for cmd in cases.values():  # warm the page cache and .pyc files
        _cpu_of(cmd, env)
    cpu: dict[str, list[float]] = {k: [] for k in cases}
    wall: dict[str, list[float]] = {k: [] for k in cases}
    load0 = os.getloadavg()[0]
    for _ in range(args.runs):
        for name, cmd in cases.items():
            c, w = _cpu_of(cmd, env)
            cpu[name].append(c)
            wall[name].append(w)
    load1 = os.getloadavg()[0]
    base = statistics.median(cpu["openpyxl load_workbook"])
    print(f"{args.file.name}, {args.runs} runs each, load average {load0:.1f} → {load1:.1f}")
    print(f"{'process':<26}{'CPU ms':>9}{'wall ms':>9}{'× openpyxl CPU':>16}")
    for name in cases:
        c, w = statistics.median(cpu[name]), statistics.median(wall[name])
        print(f"{name:<26}{c * 1000:>9.0f}{w * 1000:>9.0f}{c / base:>16.2f}")
    ratio = statistics.median(cpu["chitieu extract --json"]) / base
    print(f"ratio chitieu extract / openpyxl (CPU, whole process): {ratio:.2f}× (goal ≤ 2×)")
    pycache.cleanup()


if __name__ == "__main__":
    main()
