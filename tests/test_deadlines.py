"""Deadline-watch schedule computation and the list of units still to report (pure code)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

from chitieu.deadlines import (
    RunKind,
    deadline_runs,
    reported_by,
    units_not_reported,
    upcoming_runs,
)
from chitieu.plan import load_plan, parse_plan

MULTI = """
document: {number: "01/KH-UBND", date: 2026-01-05, place: "Hà Nội", issuer: "ỦY BAN NHÂN DÂN X", title: "T"}
periods:
  - {start: 2026-01-01, end: 2026-03-31, report_deadline: 2026-04-05}
  - {start: 2026-04-01, end: 2026-06-30}
report_deadline: 2026-07-10
units:
  - {id: x, name: "X", kind: "quận"}
  - {id: a, name: "A", parent: x}
  - {id: b, name: "B", parent: x}
indicators:
  - {id: i, name: "Chỉ tiêu"}
targets:
  a: {i: 1}
  b: {i: 2}
"""


def test_runs_from_sample_deadline(cau_giay_plan_path: Path) -> None:
    plan = load_plan(cau_giay_plan_path)
    runs = deadline_runs(plan)
    assert [(r.kind, r.at.date(), r.at.time()) for r in runs] == [
        (RunKind.reminder, date(2021, 6, 29), time(8, 0)),
        (RunKind.reminder, date(2021, 7, 1), time(8, 0)),
        (RunKind.consolidate, date(2021, 7, 2), time(8, 0)),
    ]
    assert {r.period for r in runs} == {"2021-06"}
    assert all(str(r.at.tzinfo) == "Asia/Ho_Chi_Minh" for r in runs)
    # 08:00 in Hà Nội is 01:00 UTC.
    assert runs[0].at.astimezone(UTC) == datetime(2021, 6, 29, 1, 0, tzinfo=UTC)
    assert [r.slug for r in runs] == [
        "reminder-2021-06-d3",
        "reminder-2021-06-d1",
        "consolidate-2021-06-d0",
    ]


def test_rrule_fires_once_at_run_time(cau_giay_plan_path: Path) -> None:
    from dateutil.rrule import rrulestr

    run = deadline_runs(load_plan(cau_giay_plan_path))[0]
    fired = list(rrulestr(run.rrule))
    assert fired == [datetime(2021, 6, 29, 8, 0)]


def test_per_period_deadlines_and_plan_fallback() -> None:
    plan = parse_plan(MULTI)
    runs = deadline_runs(plan, reminder_days=(1, 3, 3))
    by_period = {}
    for r in runs:
        by_period.setdefault(r.period, []).append((r.kind.value, r.at.date()))
    assert by_period == {
        "2026-Q1": [
            ("reminder", date(2026, 4, 2)),
            ("reminder", date(2026, 4, 4)),
            ("consolidate", date(2026, 4, 5)),
        ],
        "2026-Q2": [
            ("reminder", date(2026, 7, 7)),
            ("reminder", date(2026, 7, 9)),
            ("consolidate", date(2026, 7, 10)),
        ],
    }
    now = datetime(2026, 4, 4, 12, 0, tzinfo=UTC)
    assert [r.slug for r in upcoming_runs(runs, now)] == [
        "consolidate-2026-Q1-d0",
        "reminder-2026-Q2-d3",
        "reminder-2026-Q2-d1",
        "consolidate-2026-Q2-d0",
    ]


def test_units_not_reported_keeps_plan_order_and_ignores_strays(cau_giay_plan_path: Path) -> None:
    plan = load_plan(cau_giay_plan_path)
    late = units_not_reported(plan, ["nghia-do", "quan-hoa", "khong-co", "cau-giay"])
    assert [u.id for u in late] == [
        "yen-hoa",
        "trung-hoa",
        "mai-dich",
        "dich-vong",
        "dich-vong-hau",
        "nghia-tan",
        "doi-csdt-ma-tuy",
    ]
    # The district itself is a roll-up level: it never owes a return.
    assert "cau-giay" not in {u.id for u in units_not_reported(plan, [])}
    assert len(units_not_reported(plan, [])) == 9
    assert units_not_reported(plan, [u.id for u in plan.reporting_units]) == []


def test_reported_by_counts_only_returns_already_arrived() -> None:
    receipts = {
        "a": datetime(2021, 6, 28, 9, 0),
        "b": datetime(2021, 7, 1, 8, 0),
        "c": datetime(2021, 7, 1, 8, 1),
    }
    assert reported_by(receipts) == {"a", "b", "c"}
    assert reported_by(receipts, datetime(2021, 7, 1, 8, 0)) == {"a", "b"}
    assert reported_by(receipts, datetime(2021, 6, 1)) == set()


# -- the công văn đôn đốc ------------------------------------------------------------------


def test_reminder_content(cau_giay_plan_path: Path) -> None:
    from chitieu.reminder import compose

    plan = load_plan(cau_giay_plan_path)
    late = [plan.unit_by_id["nghia-do"], plan.unit_by_id["doi-csdt-ma-tuy"]]
    r = compose(plan, late, date(2021, 7, 1), date(2021, 7, 2))
    assert r.number.strip() == "/UBND"  # a công văn: no type code, number left to the clerk
    assert r.vv == "V/v đôn đốc báo cáo kết quả thực hiện Kế hoạch số 152/KH-UBND ngày 31/5/2021"
    assert r.kinh_gui == ["Ủy ban nhân dân phường Nghĩa Đô", "Đội CSĐTTP về Ma Túy"]
    body = "\n".join(r.paragraphs)
    assert "của Ủy ban nhân dân quận Cầu Giấy về việc triển khai Tháng hành động" in body
    assert "chưa nhận được báo cáo của 02 đơn vị: phường Nghĩa Đô, Đội CSĐTTP về Ma Túy." in body
    # 1/7 is the last day of a return due before 2/7: no "còn 01 ngày" on it
    assert "Hôm nay là ngày cuối cùng của thời hạn báo cáo (gửi trước ngày 2/7/2021)." in body
    assert "còn" not in body.split("Hôm nay")[1].split(".")[0]
    assert "trước ngày 2/7/2021" in body
    assert r.paragraphs[-1].endswith("./.")
    assert r.recipients.lines() == ["- Như trên;", "- Lưu: VT, TH."]
    assert list(r.signature.lines) == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    day_before = compose(plan, late, date(2021, 6, 30), date(2021, 7, 2))
    assert "Thời hạn báo cáo còn 01 ngày (gửi trước ngày 2/7/2021)." in "\n".join(
        day_before.paragraphs
    )
    # on the deadline day a return is one day late, as the workbook counts it
    on_the_day = "\n".join(compose(plan, late, date(2021, 7, 2), date(2021, 7, 2)).paragraphs)
    assert "Đã quá thời hạn báo cáo 01 ngày (hạn gửi trước ngày 2/7/2021)." in on_the_day
    assert "ngay trong ngày nhận được công văn này" in on_the_day


def test_reminder_docx_passes_the_nd30_lint(cau_giay_plan_path: Path, tmp_path: Path) -> None:
    from chitieu.lint import lint_docx
    from chitieu.reminder import write_reminder

    plan = load_plan(cau_giay_plan_path)
    late = units_not_reported(plan, ["quan-hoa"])
    path = write_reminder(plan, late, date(2021, 6, 29), date(2021, 7, 2), tmp_path)
    assert path.name == "cong-van-don-doc-2021-06-29.docx"
    findings = lint_docx(path)
    assert findings == [], [f.message_vi for f in findings]
