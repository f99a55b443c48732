"""Real return forms, filled as a ward sends them back, for the hostile-input tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl

from chitieu.plan import Plan, load_plan
from chitieu.render.return_form import ReturnForm
from chitieu.render.sheets import write_return_xlsx

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"
CELLS = ["E6", "E7", "E8", "E9", "E10"]  # the five results on our XLSX return form
CHITIEU = str(Path(sys.executable).parent / "chitieu")


def plan() -> Plan:
    return load_plan(PLAN)


def filled_return(dest: Path | bytes, unit: str, values: list[int], p: Plan | None = None) -> Path:
    """Our XLSX return form for `unit`, results typed in, written at `dest` (str or bytes)."""
    p = p or plan()
    tmp = Path(os.fsdecode(dest)).with_name(f".tmp-{unit}.xlsx")
    write_return_xlsx(ReturnForm(p, p.unit_by_id[unit], p.main_period), tmp)
    wb = openpyxl.load_workbook(tmp)
    for cell, v in zip(CELLS, values, strict=True):
        wb["Báo cáo"][cell] = v
    wb.save(tmp)
    os.replace(tmp, dest)
    return Path(os.fsdecode(dest))


def cli(
    *args: str, home: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real `chitieu` command with its own data directory and store."""
    full = {
        "PATH": os.environ["PATH"],
        "COLUMNS": "250",
        "LANG": "C.UTF-8",
        "CHITIEU_HOME": str(home),
        "CHITIEU_DATABASE_URL": f"sqlite:///{home / 'store.db'}",
        "PYTHONPATH": os.environ.get("PYTHONPATH", str(ROOT)),
        **(env or {}),
    }
    return subprocess.run(
        [CHITIEU, *args], capture_output=True, text=True, env=full, cwd=ROOT, timeout=600
    )


def intake_json(inbox: Path, home: Path, *extra: str, plan_path: Path = PLAN) -> dict:
    out = cli("intake", str(plan_path), str(inbox), "--json", *extra, home=home)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    return json.loads(out.stdout)
