"""When the secretariat must chase late units, and which units are late.

Pure code: the deadline-watch flow and `chitieu serve` only turn these values into
Prefect schedules. A plan's `report_deadline` means "returns are due before this day"
(contracts.md §1), so the runs are anchored on the morning of calendar days, in
Vietnam's time zone:

- three days and one day before the deadline, a reminder (công văn đôn đốc) to the
  units that have not yet reported;
- on the deadline day itself, consolidation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from chitieu.due import due_phrase
from chitieu.plan import Plan
from chitieu.plan_parts import Period, Unit
from chitieu.vnformat import short_date

TIMEZONE = "Asia/Ho_Chi_Minh"
REMINDER_DAYS: tuple[int, ...] = (3, 1)
RUN_TIME = time(8, 0)  # start of the office day


class RunKind(StrEnum):
    reminder = "reminder"  # đôn đốc các đơn vị chưa báo cáo
    consolidate = "consolidate"  # tổng hợp, lập báo cáo


@dataclass(frozen=True)
class DeadlineRun:
    """One scheduled run of the deadline watch, for one period of the plan."""

    kind: RunKind
    period: str  # period key, "2021-06"
    deadline: date
    days_before: int  # 0 for consolidation
    at: datetime  # timezone-aware

    @property
    def slug(self) -> str:
        """A stable name for the schedule: "reminder-2021-06-d3"."""
        return f"{self.kind.value}-{self.period}-d{self.days_before}"

    @property
    def rrule(self) -> str:
        """A one-off iCalendar rule firing once at `at` (Prefect RRule schedules).

        Prefect refuses COUNT, so the rule is bounded with UNTIL equal to its start.
        """
        local = self.at.strftime("%Y%m%dT%H%M%S")
        return f"DTSTART:{local}\nRRULE:FREQ=DAILY;INTERVAL=1;UNTIL={local}"

    @property
    def timezone(self) -> str:
        return str(self.at.tzinfo)


def deadline_runs(
    plan: Plan,
    *,
    reminder_days: Iterable[int] = REMINDER_DAYS,
    at: time = RUN_TIME,
    timezone: str = TIMEZONE,
) -> list[DeadlineRun]:
    """Every reminder and consolidation run of the plan, in time order.

    Periods without a deadline (neither their own nor the plan's) get no run.
    """
    tz = ZoneInfo(timezone)
    days = sorted({int(d) for d in reminder_days if int(d) > 0}, reverse=True)
    runs: list[DeadlineRun] = []
    for period in plan.all_periods:
        deadline = plan.deadline_for(period)
        if deadline is None:
            continue
        first = min(unit_deadlines(plan, period).values(), default=deadline)
        for d in days:  # before the earliest deadline of a level (wards before the district)
            day = first - timedelta(days=d)
            runs.append(
                DeadlineRun(
                    RunKind.reminder, period.key, deadline, d, datetime.combine(day, at, tz)
                )
            )
        runs.append(
            DeadlineRun(
                RunKind.consolidate, period.key, deadline, 0, datetime.combine(deadline, at, tz)
            )
        )
    runs.sort(key=lambda r: (r.at, r.kind != RunKind.reminder))
    return runs


def upcoming_runs(runs: Iterable[DeadlineRun], now: datetime) -> list[DeadlineRun]:
    """The runs still ahead of `now` (a timezone-aware datetime)."""
    return [r for r in runs if r.at > now]


def period_of(plan: Plan, key: str | None) -> Period:
    """The plan's period with this key, or its main period when `key` is None.

    Raises:
        KeyError: the plan has no such period.
    """
    if key is None:
        return plan.main_period
    return plan.period_by_key[key]


def unit_deadlines(plan: Plan, period: Period) -> dict[str, date]:
    """Each reporting unit's own deadline for `period` (its level may have its own)."""
    out: dict[str, date] = {}
    for u in plan.reporting_units:
        d = plan.deadline_for(period, u)
        if d is not None:
            out[u.id] = d
    return out


def closes_on(plan: Plan, period: Period) -> date | None:
    """The last deadline of any reporting unit for `period`: the period is open before it."""
    return max(unit_deadlines(plan, period).values(), default=plan.deadline_for(period))


def choose_period(
    plan: Plan, key: str | None, today: date, *, overdue: bool = False
) -> tuple[Period | None, str]:
    """The period a reminder on `today` is about, or None and why not (Vietnamese).

    `key` names it explicitly (a past period too: the clerk asked for it). Otherwise the
    period whose deadline comes next; a period whose deadline has passed only with
    `overdue` (the most recent one).
    """
    if key is not None:
        per = plan.period_by_key[key]
        if closes_on(plan, per) is None:
            return None, f"kỳ {per.key} của kế hoạch không có hạn báo cáo."
        return per, ""
    dated = [(d, p) for p in plan.all_periods if (d := closes_on(plan, p)) is not None]
    if not dated:
        return None, "kế hoạch không có hạn báo cáo nào (report_deadline)."
    ahead = [(d, p) for d, p in dated if today < d]
    past = [(d, p) for d, p in dated if today >= d]
    if overdue:
        if not past:
            return None, f"chưa có kỳ nào quá hạn báo cáo vào ngày {short_date(today)}."
        return max(past, key=lambda t: t[0])[1], ""
    if ahead:
        return min(ahead, key=lambda t: t[0])[1], ""
    d, last = max(past, key=lambda t: t[0])
    return None, (
        f"mọi kỳ của kế hoạch đã quá hạn báo cáo vào ngày {short_date(today)} (kỳ gần nhất: "
        f"{last.key}, hạn gửi {due_phrase(d)}); để đôn đốc một kỳ đã quá hạn, nêu "
        f"--period {last.key} hoặc --overdue."
    )


def late_by_deadline(
    plan: Plan, period: Period, reported: Iterable[str]
) -> list[tuple[date, list[Unit]]]:
    """Units with no return among `reported`, grouped by their own deadline (earliest first):
    one letter per deadline, each citing the day that applies to its addressees."""
    own = unit_deadlines(plan, period)
    groups: dict[date, list[Unit]] = {}
    for u in units_not_reported(plan, reported):
        if u.id in own:
            groups.setdefault(own[u.id], []).append(u)
    return sorted(groups.items())


def reported_by(receipts: Mapping[str, datetime], as_of: datetime | None = None) -> set[str]:
    """Units whose return had arrived by `as_of` (all of them when None).

    Times compare as the store keeps them: naive local wall-clock time, or both aware.
    """
    return {u for u, at in receipts.items() if as_of is None or at <= as_of}


def units_not_reported(plan: Plan, reported: Iterable[str]) -> list[Unit]:
    """Reporting units (leaves of the hierarchy) with no return among `reported`.

    `reported` holds unit ids of the returns received for the period concerned; ids
    that are not in the plan (a stray return) are ignored. Plan order is kept, so
    the reminder letter lists the units as the annex does.
    """
    got = set(reported)
    return [u for u in plan.reporting_units if u.id not in got]


__all__ = [
    "REMINDER_DAYS",
    "RUN_TIME",
    "TIMEZONE",
    "DeadlineRun",
    "RunKind",
    "choose_period",
    "closes_on",
    "deadline_runs",
    "late_by_deadline",
    "period_of",
    "reported_by",
    "unit_deadlines",
    "units_not_reported",
    "upcoming_runs",
]
