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

from chitieu.plan import Period, Plan, Unit

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
        for d in days:
            day = deadline - timedelta(days=d)
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
    "deadline_runs",
    "period_of",
    "reported_by",
    "units_not_reported",
    "upcoming_runs",
]
