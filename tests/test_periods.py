"""Reporting periods (chitieu.periods): the cut-off arithmetic, property-style, and the
plan's compact series syntax, with deadlines before a period's end and per level."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu.errors import PlanError
from chitieu.periods import SCHEMES, containing, label, span, spans_of_year
from chitieu.plan import parse_plan

schemes = st.sampled_from(sorted(SCHEMES))
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
tiling_kinds = st.sampled_from(["month", "quarter", "year"])


@settings(max_examples=300, deadline=None)
@given(scheme=schemes, kind=tiling_kinds, day=days)
def test_every_day_belongs_to_exactly_one_period(scheme: str, kind: str, day: date) -> None:
    candidates = [
        s
        for year in (day.year - 1, day.year, day.year + 1)
        for s in spans_of_year(scheme, kind, year)
        if s.start <= day <= s.end
    ]
    assert len(candidates) == 1
    assert containing(scheme, kind, day) == candidates[0]


@settings(max_examples=200, deadline=None)
@given(scheme=schemes, kind=tiling_kinds, year=st.integers(1990, 2100))
def test_periods_follow_each_other_without_gap(scheme: str, kind: str, year: int) -> None:
    spans = spans_of_year(scheme, kind, year) + spans_of_year(scheme, kind, year + 1)
    for a, b in pairwise(spans):
        assert b.start == a.end + timedelta(days=1)
    assert all(s.start <= s.end for s in spans)


@settings(max_examples=200, deadline=None)
@given(year=st.integers(1990, 2100), month=st.integers(1, 12))
def test_nd09_cut_offs(year: int, month: int) -> None:
    """Điều 12 of ND 09/2019: the 15th of the month before to the 14th."""
    m = span("nd09", "month", year, month)
    assert (m.end.day, m.end.month, m.end.year) == (14, month, year)
    assert m.start.day == 15
    assert m.start == (date(year, month, 1) - timedelta(days=1)).replace(day=15)
    q = (month - 1) // 3 + 1
    quarter = span("nd09", "quarter", year, q)
    assert quarter.end == date(year, 3 * q, 14)
    assert quarter.start == span("nd09", "month", year, 3 * q - 2).start
    assert span("nd09", "half-year", year).start == date(year - 1, 12, 15)
    assert span("nd09", "half-year", year).end == date(year, 6, 14)
    assert span("nd09", "nine-months", year).end == date(year, 9, 14)
    y = span("nd09", "year", year)
    assert (y.start, y.end) == (date(year - 1, 12, 15), date(year, 12, 14))
    cal = span("calendar", "year", year)
    assert (cal.start, cal.end) == (date(year, 1, 1), date(year, 12, 31))
    assert span("16-15", "month", year, month).end == date(year, month, 15)


@settings(max_examples=100, deadline=None)
@given(scheme=schemes, year=st.integers(1990, 2100))
def test_cumulative_periods_start_with_the_year(scheme: str, year: int) -> None:
    y = span(scheme, "year", year)
    for kind in ("half-year", "nine-months"):
        s = span(scheme, kind, year)
        assert s.start == y.start and s.end < y.end


def test_labels() -> None:
    assert label("2022-H1") == "6 tháng đầu năm 2022"
    assert label("2022-9M") == "9 tháng năm 2022"
    assert label("2026-Q2") == "quý II/2026"
    assert label("2021-06") == "tháng 6/2021"
    assert label("2026") == "năm 2026"
    assert label("2021-06-01_2021-06-30") is None


# ---------------------------------------------------------------------------------------------
# Plan syntax

HEAD = """\
document:
  number: "/KH-UBND"
  date: 2022-04-01
  place: "Vũng Tàu"
  issuer: "ỦY BAN NHÂN DÂN THÀNH PHỐ VŨNG TÀU"
  title: "Triển khai công tác cai nghiện"
"""
TAIL = """\
units:
  - {id: vt, name: "Vũng Tàu", kind: "thành phố"}
  - {id: p1, name: "Phường 1", kind: "phường", parent: vt}
  - {id: ls, name: "Long Sơn", kind: "xã", parent: vt}
indicators:
  - {id: cnbb, name: "Cai nghiện bắt buộc", measure: "người"}
targets:
  p1: {cnbb: {"2022": 3}}
  ls: {cnbb: {"2022": 1}}
"""


def _plan(periods: str):
    return parse_plan(HEAD + periods + TAIL)


def test_series_expands_with_deadlines_before_the_end() -> None:
    plan = _plan(
        "periods: {scheme: nd09, kind: [half-year, year], years: [2022],\n"
        '          report_deadline: {half-year: "10/6", year: "10/12"}}\n'
        "deadlines_by_kind: {phường: -2, xã: -3}\n"
    )
    keys = [p.key for p in plan.all_periods]
    assert keys == ["2022-H1", "2022"]
    h1, year = plan.all_periods
    assert (h1.start, h1.end, h1.report_deadline) == (
        date(2021, 12, 15),
        date(2022, 6, 14),
        date(2022, 6, 10),
    )
    assert (year.start, year.end, year.report_deadline) == (
        date(2021, 12, 15),
        date(2022, 12, 14),
        date(2022, 12, 10),
    )
    assert plan.main_period.key == "2022"  # the period the targets are on
    assert plan.is_estimate_period(h1)
    # one deadline per level: the city's own, the ward's and the commune's earlier
    assert plan.deadline_for(year, "vt") == date(2022, 12, 10)
    assert plan.deadline_for(year, "p1") == date(2022, 12, 8)
    assert plan.deadline_for(year, "ls") == date(2022, 12, 7)


def test_deadline_per_level_of_the_hierarchy() -> None:
    plan = _plan(
        'periods: {scheme: nd09, kind: year, years: [2022], report_deadline: "10/12"}\n'
        "deadlines_by_level: {1: -3}\n"
        "deadlines_by_kind: {xã: -5}\n"
    )
    (year,) = plan.all_periods
    assert [plan.level_of(u) for u in ("vt", "p1", "ls")] == [0, 1, 1]
    assert plan.deadline_for(year, "vt") == date(2022, 12, 10)
    assert plan.deadline_for(year, "p1") == date(2022, 12, 7)  # level 1
    assert plan.deadline_for(year, "ls") == date(2022, 12, 5)  # its kind wins
    with pytest.raises(PlanError, match="cấp 2 không có"):
        _plan("periods: {kind: year, years: [2022]}\ndeadlines_by_level: {2: -1}\n")


def test_series_with_day_offsets_and_a_list() -> None:
    plan = _plan(
        "periods:\n"
        "  - {scheme: calendar, kind: month, years: [2022], months: [11, 12],"
        " report_deadline: 2}\n"
        "  - {id: extra, start: 2023-01-01, end: 2023-01-31}\n"
        "  - {kind: year, years: [2022]}\n"
    )
    assert [(p.key, p.report_deadline) for p in plan.all_periods] == [
        ("2022-11", date(2022, 12, 2)),
        ("2022-12", date(2023, 1, 2)),
        ("extra", None),
        ("2022", None),
    ]


def test_years_as_one_year_or_a_stage() -> None:
    one = _plan("periods: {kind: year, years: 2022}\n")
    stage = _plan('periods: {scheme: nd09, kind: year, years: "2021 - 2025"}\n')
    assert [p.key for p in one.all_periods] == ["2022"]
    assert [p.key for p in stage.all_periods] == ["2021", "2022", "2023", "2024", "2025"]


def test_reminders_run_before_the_earliest_level_deadline() -> None:
    from chitieu.deadlines import RunKind, deadline_runs

    plan = _plan(
        'periods: {scheme: nd09, kind: year, years: [2022], report_deadline: "10/12"}\n'
        "deadlines_by_kind: {phường: -2, xã: -4}\n"
    )
    runs = deadline_runs(plan)
    reminders = [r.at.date() for r in runs if r.kind == RunKind.reminder]
    (consolidate,) = [r.at.date() for r in runs if r.kind == RunKind.consolidate]
    assert reminders == [date(2022, 12, 3), date(2022, 12, 5)]  # 3 and 1 days before 6/12
    assert consolidate == date(2022, 12, 10)


@settings(max_examples=150, deadline=None)
@given(today=st.dates(min_value=date(2021, 6, 1), max_value=date(2024, 1, 31)))
def test_remind_takes_the_next_deadline(today: date) -> None:
    from chitieu.deadlines import choose_period, closes_on

    plan = _plan(
        "periods: {scheme: nd09, kind: [quarter, half-year, year], years: [2022, 2023],\n"
        "          report_deadline: -3}\n"
        "deadlines_by_kind: {phường: -2}\n"
    )
    per, why = choose_period(plan, None, today)
    ahead = [p for p in plan.all_periods if today < closes_on(plan, p)]
    if not ahead:
        assert per is None and "--overdue" in why
        past, _ = choose_period(plan, None, today, overdue=True)
        assert past is not None and closes_on(plan, past) == max(
            closes_on(plan, p) for p in plan.all_periods
        )
        return
    assert per is not None and closes_on(plan, per) == min(closes_on(plan, p) for p in ahead)
    assert today < closes_on(plan, per)


def test_old_explicit_periods_keep_their_keys() -> None:
    plan = _plan(
        'periods:\n  - {id: "2022", start: 2021-12-01, end: 2022-11-30, report_deadline: 2022-12-10}\n'
    )
    assert plan.all_periods[0].key == "2022" and not plan.is_estimate_period(plan.all_periods[0])


@pytest.mark.parametrize(
    "periods, words",
    [
        ("periods: {scheme: nd10, kind: year, years: [2022]}\n", "cách tính kỳ 'nd10'"),
        ("periods: {scheme: nd09, kind: week, years: [2022]}\n", "loại kỳ 'week'"),
        ("periods: {scheme: nd09, kind: year, years: [22]}\n", "years phải là danh sách"),
        ('periods: {scheme: nd09, kind: year, years: "2025-2021"}\n', "years phải là danh sách"),
        (
            'periods: {scheme: nd09, kind: year, years: [2022], report_deadline: "31/2/x"}\n',
            "hạn báo cáo '31/2/x' không hợp lệ",
        ),
        (
            'periods: {kind: year, years: [2022], report_deadline: {half-year: "10/6"}}\n',
            "loại kỳ 'half-year' không có trong kind",
        ),
        (
            "periods: {kind: year, years: [2022], report_deadline: 2}\n"
            "deadlines_by_kind: {quận: -2}\n",
            "loại đơn vị 'quận' không có trong units",
        ),
    ],
)
def test_series_mistakes_are_named(periods: str, words: str) -> None:
    with pytest.raises(PlanError) as info:
        _plan(periods)
    messages = [i.message for i in info.value.issues]
    assert any(words in m for m in messages), messages
    assert all(i.line for i in info.value.issues)
    assert len(messages) == 1, messages  # not the missing periods that follow from it


def test_a_series_under_period_singular() -> None:
    plan = _plan("period: {scheme: nd09, kind: year, years: [2022]}\n")
    assert [(p.key, p.start) for p in plan.all_periods] == [("2022", date(2021, 12, 15))]
    with pytest.raises(PlanError) as info:
        _plan("\nperiod: {scheme: nd09, kind: year, years: [1]}\n")
    (issue,) = info.value.issues
    assert issue.line == 8 and issue.path == "period.years"


@pytest.mark.parametrize(
    "title, key",
    [
        ("BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU 6 THÁNG ĐẦU NĂM 2022", "2022-H1"),
        ("Báo cáo kết quả 06 tháng năm 2022", "2022-H1"),
        ("BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU NĂM 2022", "2022"),
        ("Báo cáo tổng kết năm 2022 (số liệu từ ngày 15/12/2021 đến ngày 14/12/2022)", "2022"),
        ("BÁO CÁO KẾT QUẢ QUÝ II NĂM 2022", "2022-Q2"),
        ("Báo cáo tháng 5 năm 2022", "2022-05"),
    ],
)
def test_a_return_without_ids_names_its_period(title: str, key: str) -> None:
    from types import SimpleNamespace

    from extract.heading import document_period

    plan = _plan(
        "periods: {scheme: nd09, kind: [month, quarter, half-year, year], years: [2022]}\n"
    )
    found = document_period(SimpleNamespace(form_ids=None, tables=[]), plan, [title])
    assert (found.key, found.note, found.problem) == (key, None, None)
