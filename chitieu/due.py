"""How a deadline is said and counted — one way for the reminder, the return form, the plan,
the report and the workbook.

A plan's `report_deadline` is the day *before which* returns are due (contracts.md §1):
"trước ngày 02/7/2021". The last day to send is the day before; a return that arrives on
the deadline day is one day late, like one that arrives on the next day is two.
"""

from __future__ import annotations

from datetime import date, timedelta

from chitieu.vnformat import short_date


def due_day(deadline: date) -> str:
    """The deadline's date as the phrase prints it: "2/7/2021"."""
    return short_date(deadline)


def due_phrase(deadline: date) -> str:
    """ "trước ngày 2/7/2021": the only wording of a deadline in generated text."""
    return f"trước ngày {due_day(deadline)}"


def last_day(deadline: date) -> date:
    """The last day on which a return is on time."""
    return deadline - timedelta(days=1)


def days_late(deadline: date, day: date) -> int:
    """0 when `day` is on time; 1 on the deadline day itself, 2 the day after, …"""
    return max(0, (day - last_day(deadline)).days)


def days_left(deadline: date, day: date) -> int:
    """Whole days still left after `day` to send on time (0 on the last day, negative when late)."""
    return (last_day(deadline) - day).days


def time_left_sentence(deadline: date, today: date) -> str:
    """The reminder's count: "Thời hạn báo cáo còn 02 ngày (gửi trước ngày 2/7/2021).",
    "Hôm nay là ngày cuối cùng …", "Đã quá thời hạn báo cáo 01 ngày …"."""
    left = days_left(deadline, today)
    when = due_phrase(deadline)
    if left > 0:
        return f"Thời hạn báo cáo còn {left:02d} ngày (gửi {when})."
    if left == 0:
        return f"Hôm nay là ngày cuối cùng của thời hạn báo cáo (gửi {when})."
    return f"Đã quá thời hạn báo cáo {days_late(deadline, today):02d} ngày (hạn gửi {when})."


__all__ = ["days_late", "days_left", "due_day", "due_phrase", "last_day", "time_left_sentence"]
