"""What intake did with each file: its `FileOutcome`, and the `IntakeSummary` of a run.

These are the values `chitieu intake --json`, the intake flow's artifact and the tests read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from chitieu.inbox import Skipped, display_name

if TYPE_CHECKING:
    from chitieu.archive import Archived
    from chitieu.store import Submission


class Status(StrEnum):
    accepted = "accepted"
    quarantined = "quarantined"
    duplicate = "duplicate"
    failed = "failed"  # not stored: a bug or a crash while reading; retried next run


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one received file."""

    file_name: str
    path: Path
    status: Status
    received_at: datetime
    sha256: str | None = None
    size: int = 0
    archive_path: Path | None = None
    unit: str | None = None
    period: str | None = None
    reason: str | None = None  # why it was quarantined or failed, in Vietnamese
    records: int = 0
    needs_review: int = 0
    estimates: int = 0  # figures reported before their period's end ("ước thực hiện")
    submission_id: int | None = None
    superseded: tuple[int, ...] = ()  # earlier submissions this file replaced
    superseded_by: int | None = None  # a later return already stored: this one does not count
    on_time: bool | None = None
    problems: tuple[str, ...] = ()
    still_quarantined: bool = False  # a duplicate of a file held in quarantine since a past run


@dataclass
class IntakeSummary:
    """One run over an inbox."""

    plan_id: int
    files: list[FileOutcome] = field(default_factory=list)
    pending_review: int = 0  # records of the plan still waiting for a person, after the run
    counted: dict[str, str] = field(default_factory=dict)  # unit -> file name that counts
    skipped: list[Skipped] = field(default_factory=list)  # inbox entries not taken in

    def _n(self, status: Status) -> int:
        return sum(f.status == status for f in self.files)

    @property
    def received(self) -> int:
        return len(self.files)

    @property
    def accepted(self) -> int:
        return self._n(Status.accepted)

    @property
    def quarantined(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status in (Status.quarantined, Status.failed)]

    @property
    def duplicates(self) -> int:
        return self._n(Status.duplicate)

    @property
    def held(self) -> list[FileOutcome]:
        """Files quarantined by an earlier run and still not acceptable."""
        return [f for f in self.files if f.still_quarantined]


def duplicate(
    path: Path, received_at: datetime, archived: Archived, known: Submission
) -> FileOutcome:
    """The outcome of a file already stored for the plan (`known`): nothing changes."""
    return FileOutcome(
        display_name(path),
        path,
        Status.duplicate,
        received_at,
        archived.sha256,
        archived.size,
        archived.path,
        unit=known.unit,
        period=known.period,
        submission_id=known.id,
        reason=f"đã nhận trước đây (tệp {known.file_name})",
    )
