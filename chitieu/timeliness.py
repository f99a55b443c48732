"""When each reporting unit's return arrived against its period's deadline.

Returns are due *before* the deadline day (contracts.md §1, `chitieu.due`); a receipt
time is read as a date in Vietnam's time zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from chitieu.due import days_late

TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class Timeliness:
    """When a reporting unit's return arrived against the period's deadline."""

    unit: str
    period: str
    deadline: date | None
    received_at: datetime | None
    has_results: bool = False  # results are stored, even if their receipt time is not

    @property
    def reported(self) -> bool:
        return self.received_at is not None or self.has_results

    @property
    def days_late(self) -> int | None:
        """0 when on time. Returns are due *before* the deadline day (contracts.md §1)."""
        if self.received_at is None or self.deadline is None:
            return None
        return days_late(self.deadline, _local_date(self.received_at))

    @property
    def on_time(self) -> bool | None:
        late = self.days_late
        return None if late is None else late == 0

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "period": self.period,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "reported": self.reported,
            "received_at": self.received_at.isoformat() if self.received_at else None,
            "on_time": self.on_time,
            "days_late": self.days_late,
        }


def _local_date(dt: datetime) -> date:
    return dt.astimezone(TIMEZONE).date() if dt.tzinfo else dt.date()


__all__ = ["TIMEZONE", "Timeliness"]
