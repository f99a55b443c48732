"""The national intake benchmark at a reduced size, as CI runs it: the core intake and the
Prefect intake flow (in batches of 7, so several batches are read while others are
stored) each take in every return, with the same figures. Its speed is printed, never
asserted; the full size is measured by hand and written in the README."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_flow_benchmark_stores_every_return_like_the_core_intake(tmp_path: Path) -> None:
    units, indicators = 40, 5  # unit 5 never reports (every 97th from the 6th)
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_national.py"), "--flow-only",
         "--units", str(units), "--indicators", str(indicators), "--batch", "7",
         "--work", str(tmp_path / "work")],
        capture_output=True, text=True, env=env, timeout=900, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    out = done.stdout
    files = units - 1
    for who in ("core intake", "flow"):
        row = re.search(rf"^\s+{who}\s+(\d+)\s+[\d.]+\s+[\d.]+\s+\d+\s+(.*)$", out, re.M)
        assert row is not None, out
        assert int(row[1]) == files and row[2] == f"{{'accepted': {files}}}", row[0]
    assert (
        f"every file stored by both: yes ({files} files, {files * indicators} figures); "
        "same figures in both stores: yes"
    ) in out
    assert re.search(r"flow / core time per file: [\d.]+×", out)
    flow_store = tmp_path / "work" / "flow-home" / "chitieu.db"
    assert (
        flow_store.is_file() and len(list((tmp_path / "work" / "inbox1").glob("*.xlsx"))) == files
    )
