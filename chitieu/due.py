"""How a deadline is said and counted — one way for the reminder, the return form, the plan,
the report and the workbook.

A plan's `report_deadline` is the day *before which* returns are due (contracts.md §1):
"trước ngày 02/7/2021". The last day to send is the day before; a return that arrives on
the deadline day is one day late, like one that arrives on the next day is two.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

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


_EVERY = {
    "half-year": "06 tháng",
    "nine-months": "09 tháng",
    "year": "hằng năm",
}


def deadlines_text(plan: Any, period: Any, units: Any = None) -> str | None:
    """The deadline(s) of `period` for `units` (the reporting units by default), said one
    way: "trước ngày 10/6/2022", or per level "trước ngày 8/6/2022 (phường, xã), trước
    ngày 10/6/2022 (đơn vị)". None when the period has no deadline."""
    units = plan.reporting_units if units is None else units
    kinds: dict[date, list[str]] = {}
    for u in units:
        d = plan.deadline_for(period, u)
        if d is not None and u.kind.lower() not in kinds.setdefault(d, []):
            kinds[d].append(u.kind.lower())
    if not kinds:
        base = plan.deadline_for(period)
        return due_phrase(base) if base is not None else None
    if len(kinds) == 1:
        return due_phrase(next(iter(kinds)))
    return ", ".join(f"{due_phrase(d)} ({', '.join(k)})" for d, k in sorted(kinds.items()))


def _kind_of_key(key: str) -> str | None:
    """The kind an explicit period's derived id says: "2026" a year, "2026-H1" 6 months."""
    if key.isdigit() and len(key) == 4:
        return "year"
    return {"-H1": "half-year", "-9M": "nine-months"}.get(key[4:]) if len(key) == 7 else None


def schedule_phrase(plan: Any) -> str | None:
    """How the plan body states its reporting deadlines.

    A plan of several years of 6-month and yearly reports says them as the seeds do:
    "định kỳ 06 tháng (trước ngày 10/6) và hằng năm (trước ngày 10/12)"; any other plan
    cites its main period's deadline, "trước ngày 2/7/2021". None without a deadline.
    """
    periods = plan.all_periods
    by_kind: dict[str, set[tuple[int, int, bool]]] = {}
    for per in periods:
        d = plan.deadline_for(per)
        kind = per.kind or _kind_of_key(per.key)
        if d is None or kind not in _EVERY:
            by_kind = {}
            break
        by_kind.setdefault(kind, set()).add((d.day, d.month, d.year > per.end.year))
    if len(periods) > 1 and by_kind and all(len(v) == 1 for v in by_kind.values()):
        parts = [
            f"{_EVERY[k]} (trước ngày {day}/{month}{' năm sau' if next_year else ''})"
            for k in _EVERY
            if k in by_kind
            for (day, month, next_year) in by_kind[k]
        ]
        return "định kỳ " + " và ".join(parts)
    main = plan.deadline_for(plan.main_period)
    return due_phrase(main) if main is not None else None


__all__ = [
    "days_late",
    "days_left",
    "deadlines_text",
    "due_day",
    "due_phrase",
    "last_day",
    "schedule_phrase",
    "time_left_sentence",
]
