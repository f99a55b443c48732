"""Reconciliation: statuses, rates, directions, roll-ups, timeliness, rules (pure core)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from chitieu.errors import PlanError
from chitieu.plan import parse_plan
from chitieu.plan_parts import Direction
from chitieu.reconcile import Status, reconcile, status_of
from chitieu.record import Record, Where
from chitieu.rules import CheckRule

PLAN = """
document:
  number: "12/KH-UBND"
  date: 2026-01-05
  place: "Hà Nội"
  issuer: "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"
  title: "Thử nghiệm đối chiếu"
period: {start: 2026-01-01, end: 2026-03-31}
report_deadline: 2026-04-05
units:
  - {id: tp, name: "Hà Nội", kind: "thành phố"}
  - {id: q1, name: "Quận Một", kind: "quận", parent: tp}
  - {id: q2, name: "Quận Hai", kind: "quận", parent: tp}
  - {id: a, name: "A", parent: q1}
  - {id: b, name: "B", parent: q1}
  - {id: c, name: "C", parent: q2}
indicators:
  - {id: vu, name: "Số vụ", measure: "vụ"}
  - {id: vu_ma_tuy, name: "Trong đó: vụ ma túy", parent: vu}
  - {id: nghien, name: "Người nghiện có hồ sơ"}
  - {id: tu_van, name: "Người được tư vấn"}
  - {id: ty_le, name: "Tỷ lệ tư vấn", kind: rate, numerator: tu_van, denominator: nghien}
  - {id: tu_diem, name: "Tụ điểm mới", direction: at_most}
targets:
  a: {vu: 2, vu_ma_tuy: 1, ty_le: 80, tu_diem: 0}
  b: {vu: 3, ty_le: 80, tu_diem: 0}
  c: {vu: 1, ty_le: 50}
  q2: {vu: 5}
rules:
  - {name: "Tư vấn không quá số người nghiện", expr: "tu_van <= nghien"}
"""

P = "2026-Q1"


def rec(unit: str, ind: str, value: int | None, review: bool = False) -> Record:
    return Record(unit, ind, P, value, needs_review=review, where=Where(page=1, cell="C9"))


@pytest.fixture(scope="module")
def plan():
    return parse_plan(PLAN)


@pytest.fixture(scope="module")
def result(plan):
    records = [
        rec("a", "vu", 3),
        rec("a", "vu_ma_tuy", 4),  # breaks "trong đó ≤ tổng"
        rec("a", "nghien", 10),
        rec("a", "tu_van", 8),  # 80% = target
        rec("a", "tu_diem", 1),  # at_most 0: missed
        rec("b", "vu", 1),
        rec("b", "nghien", 4),
        rec("b", "tu_van", 5),  # breaks tu_van <= nghien; 125%
        rec("b", "tu_diem", 0),
        rec("b", "vu", 2),  # a later record for the same figure replaces the first
        rec("zz", "vu", 1),  # not in the plan
    ]
    receipts = {
        "a": datetime(2026, 4, 4, 17, 0),
        "b": datetime(2026, 4, 6, 8, 0, tzinfo=timezone(timedelta(hours=7))),
    }
    return reconcile(plan, records, receipts)


def test_status_rules() -> None:
    least, most = Direction.at_least, Direction.at_most
    assert status_of(1, 2, least) is Status.vuot
    assert status_of(1, 1, least) is Status.dat
    assert status_of(1, 0, least) is Status.chua_dat
    assert status_of(0, 0, least) is Status.dat
    assert status_of(1, None, least) is Status.chua_bao_cao
    assert status_of(1, 5, least, needs_review=True) is Status.cho_xac_minh
    assert status_of(0, 0, most) is Status.dat
    assert status_of(3, 1, most) is Status.dat  # under a ceiling is met, never "vượt"
    assert status_of(0, 1, most) is Status.chua_dat
    assert status_of(None, 4, least) is Status.dat


def test_leaf_rows(result) -> None:
    def row(u: str, i: str) -> tuple:
        r = result.row(u, i)
        return (r.target, r.result, r.status.value)

    assert row("a", "vu") == (2, 3, "vuot")
    assert row("b", "vu") == (3, 2, "chua_dat")
    assert row("c", "vu") == (1, None, "chua_bao_cao")
    assert row("a", "ty_le") == (80, 80.0, "dat")
    assert row("b", "ty_le") == (80, 125.0, "vuot")
    assert row("c", "ty_le") == (50, None, "chua_bao_cao")
    assert row("a", "tu_diem") == (0, 1, "chua_dat")
    assert row("b", "tu_diem") == (0, 0, "dat")
    # no target, but reported: a row, met
    assert row("a", "nghien") == (None, 10, "dat")
    assert result.row("a", "vu").percent == pytest.approx(150.0)
    assert result.row("a", "vu").difference == 1
    assert result.row("a", "vu").sources[0].cell == "C9"


def test_contract_json(result) -> None:
    data = result.to_json()
    assert data["units_expected"] == 3
    assert data["units_reported"] == 2
    keys = {"unit", "indicator", "period", "target", "result", "status"}
    assert all(keys <= set(r) for r in data["rows"])
    assert all(r["unit"] in {"a", "b", "c"} for r in data["rows"])
    statuses = {r["status"] for r in data["rows"]}
    assert statuses <= {"vuot", "dat", "chua_dat", "chua_bao_cao", "cho_xac_minh"}
    # c has targets for vu and ty_le only and reported nothing: 2 rows
    assert [r["indicator"] for r in data["rows"] if r["unit"] == "c"] == ["vu", "ty_le"]
    assert data["ignored"] == ["zz/vu/2026-Q1"]


def test_rollups(result) -> None:
    q1 = result.row("q1", "vu")
    assert (q1.target, q1.result, q1.status, q1.expected, q1.reported) == (
        5,
        5,
        Status.dat,
        2,
        2,
    )
    # q2 has its own target (5), not the sum of its leaves (1)
    q2 = result.row("q2", "vu")
    assert (q2.target, q2.result, q2.status) == (5, None, Status.chua_bao_cao)
    tp = result.row("tp", "vu")
    assert (tp.target, tp.result, tp.status, tp.expected, tp.reported) == (
        6,
        5,
        Status.chua_dat,
        3,
        2,
    )
    # rate recomputed from sums: (8 + 5) / (10 + 4) = 92.86%, not the mean of 80 and 125
    rate = result.row("q1", "ty_le")
    assert rate.result == pytest.approx(13 / 14 * 100)
    assert rate.target == 80 and rate.status is Status.vuot
    # leaves disagree on the rate target (80, 80, 50): the city has none
    assert result.row("tp", "ty_le").target is None


def test_review_blocks_rollup(plan) -> None:
    r = reconcile(plan, [rec("a", "vu", 9, review=True), rec("b", "vu", 9)], {})
    assert r.row("a", "vu").status is Status.cho_xac_minh
    assert r.row("q1", "vu").status is Status.cho_xac_minh
    assert r.row("tp", "vu").status is Status.cho_xac_minh
    rr = reconcile(plan, [rec("a", "nghien", 10), rec("a", "tu_van", 9, review=True)], {})
    assert rr.row("a", "ty_le").status is Status.cho_xac_minh


def test_timeliness(result) -> None:
    t = {x.unit: x for x in result.timeliness}
    assert t["a"].on_time is True and t["a"].days_late == 0
    # due before 05/4: received 06/4 (Vietnam time) is two days after the last day, 04/4
    assert t["b"].on_time is False and t["b"].days_late == 2
    assert t["c"].reported is False and t["c"].days_late is None


def test_violations(result) -> None:
    got = {(v.code, v.unit, v.role, v.left, v.right) for v in result.violations}
    assert got == {
        ("trong-do-vu_ma_tuy", "a", "result", 4, 3),
        ("rule-1", "b", "result", 5, 4),
        # q2 must find 5 cases but gave its only ward a target of 1: the plan contradicts itself
        ("giao-thieu", "q2", "target", 1, 5),
    }
    v = next(v for v in result.violations if v.code == "rule-1")
    assert v.rule == "Người được tư vấn ≤ Người nghiện có hồ sơ"


def test_rule_parsing() -> None:
    r = CheckRule.parse("cnbb + cntn - 2 <= nguoi", code="x")
    assert r.indicators == {"cnbb", "cntn", "nguoi"}
    assert r.check({"cnbb": 3, "cntn": 1, "nguoi": 2}).passed is True
    assert r.check({"cnbb": 3, "cntn": 2, "nguoi": 2}).passed is False
    assert r.check({"cnbb": 3, "nguoi": 2}) is None  # a figure missing: not judged
    with pytest.raises(ValueError):
        CheckRule.parse("cnbb cntn <= x", code="y")


def test_bad_rule_is_a_plan_error(plan) -> None:
    bad = parse_plan(PLAN.replace("tu_van <= nghien", "tu_van <= nghien <= vu"))
    with pytest.raises(PlanError):
        reconcile(bad, [], {})
