"""Quota allocation: largest remainder, property tests, plan write-back, CLI."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu.allocate import AllocationError, largest_remainder, read_weights, write_targets
from chitieu.plan import load_plan

CHITIEU = Path(sys.executable).parent / "chitieu"

units = st.lists(st.from_regex(r"[a-z]{1,6}", fullmatch=True), min_size=1, max_size=12, unique=True)


Problem = tuple[int, dict[str, int], dict[str, int], dict[str, int]]


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    names = draw(units)
    weights = {u: draw(st.integers(0, 50_000)) for u in names}
    fixed = {
        u: draw(st.integers(0, 20)) for u in names if draw(st.booleans()) and draw(st.booleans())
    }
    minimums = {u: draw(st.integers(0, 5)) for u in names if u not in fixed and draw(st.booleans())}
    total = draw(st.integers(0, 500))
    return total, weights, minimums, fixed


@settings(max_examples=400, deadline=None)
@given(problems())
def test_parts_sum_to_total_and_respect_bounds(problem: Problem) -> None:
    total, weights, minimums, fixed = problem
    free = [u for u in weights if u not in fixed]
    need = sum(fixed.values()) + sum(minimums.values())
    shareable = any(weights[u] > 0 for u in free)
    feasible = need <= total and (shareable or need == total or (free and total - need <= 0))
    if not feasible:
        with pytest.raises(AllocationError):
            largest_remainder(total, weights, minimums, fixed)
        return
    parts = largest_remainder(total, weights, minimums, fixed)
    assert list(parts) == list(weights)
    assert sum(parts.values()) == total
    assert all(isinstance(v, int) and v >= 0 for v in parts.values())
    for u, v in fixed.items():
        assert parts[u] == v
    for u, v in minimums.items():
        assert parts[u] >= v


@settings(max_examples=300, deadline=None)
@given(units, st.integers(0, 1000), st.data())
def test_without_bounds_each_part_is_its_quota_rounded_down_or_up(
    names: list[str], total: int, data: st.DataObject
) -> None:
    weights = {u: data.draw(st.integers(1, 10_000)) for u in names}
    parts = largest_remainder(total, weights)
    wsum = sum(weights.values())
    for u, v in parts.items():
        quota = Fraction(total * weights[u], wsum)
        assert quota - 1 < v < quota + 1  # the quota property of largest remainder


@settings(max_examples=200, deadline=None)
@given(units, st.integers(0, 300))
def test_equal_weights_differ_by_at_most_one(names: list[str], total: int) -> None:
    parts = largest_remainder(total, {u: 1 for u in names})
    assert max(parts.values()) - min(parts.values()) <= 1


def test_worked_example_population_weights() -> None:
    # 10 cases over populations 50k/30k/20k: quotas 5, 3, 2 exactly.
    assert largest_remainder(10, {"a": 50_000, "b": 30_000, "c": 20_000}) == {
        "a": 5,
        "b": 3,
        "c": 2,
    }
    # 7 over 1:1:1 -> 2.33 each; the first listed wins the tie.
    assert largest_remainder(7, {"a": 1, "b": 1, "c": 1}) == {"a": 3, "b": 2, "c": 2}
    # A tie on remainder goes to the larger weight.
    assert largest_remainder(1, {"a": 1, "b": 3}) == {"a": 0, "b": 1}


def test_minimum_is_paid_by_the_others_not_rounded_away() -> None:
    parts = largest_remainder(10, {"big": 95, "small": 5}, minimums={"small": 3})
    assert parts == {"big": 7, "small": 3}


def test_impossible_bounds_say_why_in_vietnamese() -> None:
    with pytest.raises(AllocationError, match="vượt tổng chỉ tiêu"):
        largest_remainder(3, {"a": 1, "b": 1}, fixed={"a": 4})
    with pytest.raises(AllocationError, match="mức tối thiểu"):
        largest_remainder(3, {"a": 1, "b": 1}, minimums={"a": 2, "b": 2})
    with pytest.raises(AllocationError, match="trọng số"):
        largest_remainder(3, {"a": 0, "b": 0})
    with pytest.raises(AllocationError, match="không có trong danh sách"):
        largest_remainder(3, {"a": 1}, fixed={"zz": 1})


def test_read_weights_csv_with_header_and_yaml(tmp_path: Path) -> None:
    csv_file = tmp_path / "w.csv"
    csv_file.write_text('unit,dan_so\nquan-hoa,38500\nyen-hoa,"41200,5"\n', encoding="utf-8")
    assert read_weights(csv_file) == {"quan-hoa": Fraction(38500), "yen-hoa": Fraction("41200.5")}
    y = tmp_path / "w.yaml"
    y.write_text("quan-hoa: 2\nyen-hoa: 3\n", encoding="utf-8")
    assert read_weights(y) == {"quan-hoa": 2, "yen-hoa": 3}


def test_write_back_keeps_comments_and_other_targets(
    cau_giay_plan_path: Path, tmp_path: Path
) -> None:
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(cau_giay_plan_path.read_text(encoding="utf-8"), encoding="utf-8")
    before = load_plan(plan_file)
    parts = largest_remainder(
        13, {u.id: 1 for u in before.reporting_units}, fixed={"doi-csdt-ma-tuy": 0}
    )
    write_targets(plan_file, "cntn", parts)
    text = plan_file.read_text(encoding="utf-8")
    assert text.startswith("# Kế hoạch 152/KH-UBND")
    assert "parent: null" in text
    after = load_plan(plan_file)
    assert after.total_target("cntn") == 13
    assert after.total_target("hinh_su") == before.total_target("hinh_su") == 10
    assert after.target("doi-csdt-ma-tuy", "cntn") == 0


def _chitieu(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CHITIEU), *args], capture_output=True, text=True, check=False)


def test_cli_allocate_writes_new_file(cau_giay_plan_path: Path, tmp_path: Path) -> None:
    weights = tmp_path / "dan-so.csv"
    rows = ["quan-hoa,38000", "yen-hoa,41000", "trung-hoa,52000", "mai-dich,45000"]
    weights.write_text("ma,dan_so\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    r = _chitieu(
        "allocate",
        str(cau_giay_plan_path),
        "-i",
        "nd111",
        "-t",
        "9",
        "-w",
        str(weights),
        "--min",
        "quan-hoa=3",
        "--out",
        str(out),
    )
    assert r.returncode == 0, r.stderr
    assert "Tổng cộng" in r.stdout
    plan = load_plan(out)
    got = {u: plan.target(u, "nd111") for u in ("quan-hoa", "yen-hoa", "trung-hoa", "mai-dich")}
    assert got == {"quan-hoa": 3, "yen-hoa": 2, "trung-hoa": 2, "mai-dich": 2}


def test_cli_allocate_rejects_impossible_request_without_traceback(
    cau_giay_plan_path: Path,
) -> None:
    r = _chitieu(
        "allocate",
        str(cau_giay_plan_path),
        "-i",
        "cntn",
        "-t",
        "2",
        "--equal",
        "--min-each",
        "1",
        "--dry-run",
    )
    assert r.returncode == 3
    assert "mức tối thiểu" in r.stderr and "Traceback" not in r.stderr
    r = _chitieu("allocate", str(cau_giay_plan_path), "-i", "khong_co", "-t", "2", "--equal")
    assert r.returncode == 3 and "khong_co" in r.stderr


def test_period_value_keeps_a_plain_target_for_the_other_periods(tmp_path: Path) -> None:
    plan_file = tmp_path / "plan.yaml"
    src = Path(__file__).resolve().parent.parent / "samples" / "vung-tau-2022" / "plan.yaml"
    plan_file.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    plan = load_plan(plan_file)
    assert plan.target("phuong-1", "tu_diem_moi", "2024") == 0  # a plain value: every year
    periods = [p.key for p in plan.all_periods]
    write_targets(plan_file, "tu_diem_moi", {"phuong-1": 1}, "2023", periods=periods)
    after = load_plan(plan_file)
    assert [after.target("phuong-1", "tu_diem_moi", k) for k in periods] == [
        1 if k == "2023" else 0 for k in periods
    ]
