"""The child's limits themselves, through `chitieu intake`: a reading over its memory
or its wall-clock budget is stopped, the file quarantined with a Vietnamese reason, the
original kept, the other files of the inbox taken in."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from extract.isolated import read_in_child
from hostile.returns import PLAN, ROOT, cli, filled_return, plan

SCAN = ROOT / "samples" / "returns" / "scan" / "dich-vong-200dpi.jpg"


def _run(tmp_path: Path, extra: Path, env: dict[str, str]) -> dict[str, dict[str, object]]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    filled_return(inbox / "yen-hoa.xlsx", "yen-hoa", [1, 0, 2, 1, 1])
    shutil.copyfile(extra, inbox / extra.name)
    sha = hashlib.sha256(extra.read_bytes()).hexdigest()
    out = cli("intake", str(PLAN), str(inbox), "--json", home=tmp_path / "home", env=env)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    assert hashlib.sha256((inbox / extra.name).read_bytes()).hexdigest() == sha
    return {str(f["file"]): f for f in json.loads(out.stdout)["files"]}


def test_a_reading_over_its_memory_limit_is_stopped(tmp_path: Path) -> None:
    """The limit is set a little above what reading a small XLSX return takes (measured
    here, in a child, without a limit): the XLSX is taken in; the scan, whose images
    need more than that, is stopped, and only it is quarantined."""
    small = filled_return(tmp_path / "probe.xlsx", "yen-hoa", [1, 0, 2, 1, 1])
    probe = read_in_child(small, plan(), memory=0)
    scan = read_in_child(SCAN, plan(), memory=0)
    assert probe.outcome == "ok" and scan.peak_vm_mb > probe.peak_vm_mb + 64  # premise
    limit = int(probe.peak_vm_mb) + 32
    files = _run(tmp_path, SCAN, {"CHITIEU_READ_MEMORY_MB": str(limit), "OMP_THREAD_LIMIT": "1"})
    assert files[SCAN.name]["status"] == "quarantined"
    assert "bộ nhớ" in str(files[SCAN.name]["reason"])
    assert files["yen-hoa.xlsx"]["status"] == "accepted"


def test_a_reading_over_its_wall_clock_budget_is_stopped(tmp_path: Path) -> None:
    """OCR of a scan takes seconds; with a one-second budget the child is killed."""
    files = _run(tmp_path, SCAN, {"CHITIEU_READ_TIMEOUT_S": "1", "OMP_THREAD_LIMIT": "1"})
    assert files[SCAN.name]["status"] == "quarantined"
    assert "quá 1 giây" in str(files[SCAN.name]["reason"])
    assert files["yen-hoa.xlsx"]["status"] == "accepted"
