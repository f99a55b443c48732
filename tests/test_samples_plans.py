"""Every sample plan loads and passes `chitieu plan check`; spot checks of their figures."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chitieu.plan import load_plan
from chitieu.plan_parts import Direction

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CHITIEU = Path(sys.executable).parent / "chitieu"
PLANS = sorted(SAMPLES.glob("*/plan.yaml"))


def test_the_sample_plans_are_there() -> None:
    names = {p.parent.name for p in PLANS}
    assert {"cau-giay-2021", "ha-noi-du-an-5", "vung-tau-2022"} <= names


@pytest.mark.parametrize("plan", PLANS, ids=[p.parent.name for p in PLANS])
def test_plan_check_succeeds(plan: Path) -> None:
    r = subprocess.run(
        [str(CHITIEU), "plan", "check", str(plan)], capture_output=True, text=True, check=False
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Tệp kế hoạch hợp lệ." in r.stdout
    assert load_plan(plan).document.number in r.stdout


def test_ha_noi_du_an_5_yearly_rates() -> None:
    p = load_plan(SAMPLES / "ha-noi-du-an-5" / "plan.yaml")
    assert p.document.number == "365/KH-UBND" and p.document.date.isoformat() == "2025-12-24"
    assert [per.key for per in p.all_periods] == ["2026", "2027", "2028", "2029", "2030"]
    assert p.deadline_for(p.all_periods[0]).isoformat() == "2027-01-10"
    tu_van = p.indicator_by_id["ty_le_tu_van"]
    assert (
        tu_van.is_rate
        and tu_van.numerator == "duoc_tu_van"
        and tu_van.denominator == "nguoi_nghien"
    )
    years = ["2026", "2027", "2028", "2029", "2030"]
    assert [p.target("ha-noi", "ty_le_tu_van", y) for y in years] == [40, 50, 60, 80, 80]
    assert [p.target("ha-noi", "ty_le_tiep_can", y) for y in years] == [50, 70, 80, 90, 100]
    assert [p.target("ha-noi", "ty_le_ho_tro_sau_cai", y) for y in years] == [80, 70, 80, 90, 90]
    assert [p.target("ha-noi", "ty_le_xac_dinh_nghien", y) for y in years] == [65, 70, 80, 90, 100]
    assert p.target("ha-noi", "ty_le_co_so_dat_chuan", "2028") == 100


def test_vung_tau_wards_quotas_and_rules() -> None:
    p = load_plan(SAMPLES / "vung-tau-2022" / "plan.yaml")
    assert len(p.reporting_units) == 17
    assert {u.kind for u in p.reporting_units} == {"phường", "xã"}
    assert [p.total_target("cnbb", y) for y in ("2022", "2023", "2024", "2025")] == [60, 62, 64, 66]
    assert p.total_target("cntn", "2022") == 20 and p.total_target("cn_cong_dong", "2025") == 55
    assert all(p.target(u.id, "cnbb", "2022") >= 1 for u in p.reporting_units)  # --min-each 1
    assert p.total_target("diem_tu_van") == 3
    assert p.indicator_by_id["tu_diem_moi"].direction == Direction.at_most
    assert all(p.target(u.id, "tu_diem_moi") == 0 for u in p.reporting_units)
    assert any("cnbb + cntn" in r.expr for r in p.rules)
    assert p.assignments and p.assignments[0].lead == "Phòng Lao động - Thương binh và Xã hội"
    # the biggest ward by the weights gets the biggest quota
    assert p.target("phuong-11", "cnbb", "2022") == max(
        p.target(u.id, "cnbb", "2022") for u in p.reporting_units
    )


def test_vung_tau_quotas_are_what_allocate_gives(tmp_path: Path) -> None:
    """Re-running make-targets.sh on a copy of the plan changes nothing: the committed
    targets are exactly the largest-remainder split of the invented totals."""
    plan = SAMPLES / "vung-tau-2022" / "plan.yaml"
    copy = tmp_path / "plan.yaml"
    shutil.copy(plan, copy)
    env = {**os.environ, "PLAN": str(copy), "CHITIEU": str(CHITIEU)}
    r = subprocess.run(
        ["sh", str(SAMPLES / "vung-tau-2022" / "make-targets.sh")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    assert copy.read_text(encoding="utf-8") == plan.read_text(encoding="utf-8")
