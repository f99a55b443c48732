"""Estimates ("ước thực hiện"): marked at intake by when they arrive, stored, superseded by
the actual figures, and kept apart in reconciliation (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from chitieu.intake import mark_estimates
from chitieu.plan import load_plan
from chitieu.reconcile import reconcile_stored
from chitieu.record import Record, Where
from chitieu.store import Store

BACKENDS = pytest.mark.parametrize(
    "store_url",
    ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
    indirect=True,
)
PLAN = Path(__file__).parent.parent / "samples" / "cau-giay-2021" / "plan.yaml"
PERIOD = "2021-06"


def _recs(value: int, estimate: bool) -> list[Record]:
    return [
        Record(
            "quan-hoa", "hinh_su", PERIOD, value, where=Where(page=1, cell="C7"), estimate=estimate
        )
    ]


def test_marked_by_the_day_the_return_arrives() -> None:
    plan = load_plan(PLAN)
    end = plan.period_by_key[PERIOD].end  # 30/6/2021
    recs = _recs(3, False)
    for day, expected in (
        (end - timedelta(days=1), True),
        (end, False),
        (end + timedelta(1), False),
    ):
        at = datetime.combine(day, datetime.min.time()).replace(hour=23, minute=59)
        (got,) = mark_estimates(plan, recs, at)
        assert got.estimate is expected, day
    assert "estimate" not in recs[0].to_json()
    assert dataclasses.replace(recs[0], estimate=True).to_json()["estimate"] is True


@BACKENDS
def test_an_actual_figure_beats_an_estimate_whatever_the_order(store_url: str) -> None:
    plan = load_plan(PLAN)
    with Store.open(store_url) as store:
        plan_id = store.save_plan(plan)

        def add(name: str, at: datetime, value: int, estimate: bool):  # type: ignore[no-untyped-def]
            return store.add_submission(
                plan_id,
                file_name=name,
                sha256=name.encode().hex().ljust(64, "0")[:64],
                size=10,
                received_at=at,
                unit="quan-hoa",
                period=PERIOD,
                records=_recs(value, estimate),
            )

        add("uoc.xlsx", datetime(2021, 6, 25, 9), 3, True)
        actual = add("thuc-hien.xlsx", datetime(2021, 7, 1, 9), 4, False)
        assert actual.superseded  # the later actual replaces the estimate
        # a stray estimate arriving after the actual (a resent old file) does not count
        stray = add("uoc-gui-lai.xlsx", datetime(2021, 7, 3, 9), 9, True)
        assert stray.superseded_by == actual.submission_id
        (current,) = [r for r in store.current_results(plan_id) if r.indicator == "hinh_su"]
        assert (current.value, current.estimate) == (4, False)
        assert sum(r.estimate for r in store.records(plan_id) if r.role == "result") == 2
        row = reconcile_stored(plan, store).row("quan-hoa", "hinh_su", PERIOD)
        assert row is not None and row.result == 4 and not row.estimate


def test_deadline_per_level_reaches_timeliness(tmp_path: Path) -> None:
    from chitieu.reconcile import reconcile

    text = PLAN.read_text(encoding="utf-8").replace(
        "report_deadline: 2021-07-02",
        "report_deadline: 2021-07-02\ndeadlines_by_kind: {phường: -1}",
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    plan = load_plan(path)
    at = datetime(2021, 7, 1, 9)
    rec = reconcile(plan, [], {"quan-hoa": at, "doi-csdt-ma-tuy": at})
    by_unit = {t.unit: t for t in rec.timeliness}
    assert by_unit["quan-hoa"].deadline == date(2021, 7, 1) and by_unit["quan-hoa"].days_late == 1
    assert by_unit["doi-csdt-ma-tuy"].deadline == date(2021, 7, 2)
    assert by_unit["doi-csdt-ma-tuy"].days_late == 0
