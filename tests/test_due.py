"""Deadlines said and counted one way (chitieu.due): the letter, the intake, the workbook."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu.due import days_late, due_phrase, time_left_sentence
from chitieu.timeliness import Timeliness

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@settings(max_examples=300, deadline=None)
@given(deadline=days, offset=st.integers(-40, 40), hour=st.integers(0, 23))
def test_the_letter_counts_like_the_timeliness_table(
    deadline: date, offset: int, hour: int
) -> None:
    today = deadline + timedelta(days=offset)
    sentence = time_left_sentence(deadline, today)
    assert due_phrase(deadline) in sentence
    late = Timeliness("u", "p", deadline, datetime.combine(today, time(hour))).days_late
    assert late == days_late(deadline, today)
    m = re.search(r"(còn|quá thời hạn báo cáo) (\d+) ngày", sentence)
    if offset <= -2:  # before the last day: days left after today
        assert m and m.group(1) == "còn" and int(m.group(2)) == -offset - 1 and late == 0
    elif offset == -1:  # the last day: nothing "left", not late either
        assert m is None and "ngày cuối cùng" in sentence and late == 0
    else:  # on the deadline day or after: late, by the same count as the workbook's
        assert m and m.group(1) == "quá thời hạn báo cáo" and int(m.group(2)) == late == offset + 1


def test_the_plan_body_states_recurring_deadlines_as_the_seeds_do() -> None:
    from chitieu.due import schedule_phrase
    from chitieu.plan import parse_plan

    head = """\
document: {number: "1/KH-UBND", date: 2022-04-01, place: "Vũng Tàu",
  issuer: "ỦY BAN NHÂN DÂN THÀNH PHỐ VŨNG TÀU", title: "Cai nghiện"}
units: [{id: p1, name: "Phường 1", kind: "phường"}]
indicators: [{id: cnbb, name: "Cai nghiện bắt buộc"}]
"""
    series = parse_plan(
        head + 'periods: {scheme: nd09, kind: [half-year, year], years: "2022-2025",\n'
        '  report_deadline: {half-year: "10/6", year: "10/12"}}\n'
    )
    assert (
        schedule_phrase(series)
        == "định kỳ 06 tháng (trước ngày 10/6) và hằng năm (trước ngày 10/12)"
    )
    years = parse_plan(
        head + "periods:\n"
        "  - {start: 2026-01-01, end: 2026-12-31, report_deadline: 2027-01-10}\n"
        "  - {start: 2027-01-01, end: 2027-12-31, report_deadline: 2028-01-10}\n"
    )
    assert schedule_phrase(years) == "định kỳ hằng năm (trước ngày 10/1 năm sau)"
    one = parse_plan(
        head + "period: {start: 2021-06-01, end: 2021-06-30}\nreport_deadline: 2021-07-02\n"
    )
    assert schedule_phrase(one) == "trước ngày 2/7/2021"
    uneven = parse_plan(
        head + "periods:\n"
        "  - {start: 2026-01-01, end: 2026-12-31, report_deadline: 2027-01-10}\n"
        "  - {start: 2027-01-01, end: 2027-12-31, report_deadline: 2028-01-15}\n"
    )
    assert schedule_phrase(uneven) == "trước ngày 10/1/2027"  # no pattern: the main period's
