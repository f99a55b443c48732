"""What the store hands back: stored records, submissions, and the outcome of adding one."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chitieu.record import Record, Role, Where


def number(value: Any) -> int | float | None:
    """A stored value as the plan and records use it: whole numbers as int."""
    if value is None:
        return None
    f = float(value)
    return int(f) if f.is_integer() else f


VN_TIME = ZoneInfo("Asia/Ho_Chi_Minh")


def wall_clock(moment: datetime) -> datetime:
    """Times are stored as naive Vietnam wall-clock time, the same on SQLite and PostgreSQL
    and whatever the server's time zone: a naive time is taken as Vietnam time already."""
    if moment.tzinfo is not None:
        return moment.astimezone(VN_TIME).replace(tzinfo=None)
    return moment


@dataclass(frozen=True)
class Submission:
    """One received file, accepted or quarantined."""

    id: int
    plan_id: int
    file_name: str
    sha256: str
    size: int
    received_at: datetime
    unit: str | None
    period: str | None
    status: str  # accepted | quarantined
    reason: str | None
    archive_path: str | None
    kind: str | None
    problems: list[dict[str, str]] = field(default_factory=list)
    superseded_by: int | None = None  # the later submission that replaced this one
    file_mtime: datetime | None = None  # the file's own time: information, never the receipt
    received_via: str | None = None  # "inbox" (first seen by intake) or "given"
    unreadable: bool = False  # quarantined because it cannot be read at all
    read_with: str | None = None  # fingerprint of the plan it was last read against

    @property
    def counts(self) -> bool:
        return self.status == "accepted" and self.superseded_by is None


@dataclass(frozen=True)
class StoredRecord:
    """A record as stored: the `Record` fields plus its id and provenance."""

    id: int
    unit: str
    indicator: str
    period: str
    value: int | float | None
    role: Role
    confidence: float
    needs_review: bool
    where: Where
    note: str | None
    estimate: bool = False  # reported before its period's end ("ước thực hiện")
    submission_id: int | None = None
    file_name: str | None = None
    sha256: str | None = None
    archive_path: str | None = None
    received_at: datetime | None = None
    superseded_by: int | None = None
    corrects: int | None = None  # the record this correction or confirmation replaces
    reviewer: str | None = None
    reviewed_at: datetime | None = None
    review_action: str | None = None  # confirmed | corrected
    entered_by: str | None = None  # typed by hand (provenance "nhập tay") by this person
    undoes: int | None = None  # this record takes back that review answer
    read_value: int | float | None = None  # an answer's figure as first read (filled on demand)

    @property
    def record(self) -> Record:
        return Record(
            unit=self.unit,
            indicator=self.indicator,
            period=self.period,
            value=self.value,  # type: ignore[arg-type]
            role=self.role,
            confidence=self.confidence,
            needs_review=self.needs_review,
            where=self.where,
            note=self.note,
            estimate=self.estimate,
        )


@dataclass(frozen=True)
class SubmissionOutcome:
    """What `Store.add_submission` did.

    `status` is "new" or "duplicate" (the same bytes were already stored for this plan:
    nothing was written). `superseded` lists the earlier submissions this one replaced,
    wholly or for some units (a multi-unit table stays current for the others);
    `superseded_by` is set when a later return was already stored, so this one, though
    kept, does not count.
    """

    submission_id: int
    status: str
    superseded: tuple[int, ...] = ()
    superseded_by: int | None = None

    @property
    def is_new(self) -> bool:
        return self.status == "new"


@dataclass(frozen=True)
class Receipt:
    """How a file came to be received, stored with its submission."""

    via: str  # "inbox" | "given"
    file_mtime: datetime | None = None
    unreadable: bool = False
    read_with: str | None = None  # plan fingerprint

    def columns(self) -> dict[str, Any]:
        return {
            "received_via": self.via,
            "file_mtime": wall_clock(self.file_mtime) if self.file_mtime else None,
            "unreadable": self.unreadable,
            "read_with": self.read_with,
        }
