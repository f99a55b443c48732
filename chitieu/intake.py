"""Intake: every file of an inbox archived, read, and filed in the store.

Per file (`intake_file`, which the Prefect flow also reaches via `file_reading`):

1. archive it first, byte for byte, under its sha256 (`chitieu.archive`);
2. a file already stored for this plan (same sha256) is a duplicate: nothing changes;
3. read it (`extract.extract_file`, in a child process with a wall-clock and a memory
   limit: `extract.isolated`); an unreadable file, a return from a unit that is
   not in the plan, or one with no figure is *quarantined*: stored as a submission with
   its reason, no records, and listed at the end of the run;
4. otherwise store it with its records; a later return from the same unit and period
   supersedes the earlier one (both kept, see `chitieu.store`).

A multi-unit document (an annex or consolidated table) is one submission with unit
NULL; supersession then works per unit and period of its records.

A file whose reading failed on a bug (not on the file) is reported as `failed` and not
stored, so the next run tries it again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from chitieu.archive import Archived, archive_file
from chitieu.errors import ChitieuError, StoreError, UnreadableFileError
from chitieu.inbox import Skipped, display_name, list_inbox
from chitieu.inbox import inbox_files as inbox_files  # re-exported for the flows
from chitieu.receipt import file_mtime, given_receipt
from chitieu.record import Extraction, Problem, Record, Role
from chitieu.store.models import VN_TIME, Receipt, wall_clock
from chitieu.store.store import QUARANTINED

if TYPE_CHECKING:
    from chitieu.plan import Plan
    from chitieu.store import Store, Submission


T = TypeVar("T")


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


def received_time(path: Path, given: datetime | None = None) -> datetime | None:
    """The receipt time given for a file: `given`, else its `.received` file, else None
    (it then counts from when intake first sees it; see `chitieu.receipt`).

    Raises:
        UsageError: its `.received` file does not hold a time.
    """
    return wall_clock(given) if given is not None else given_receipt(path)


@dataclass(frozen=True)
class Arrival:
    """A file archived and sighted, to be read: when it counts as received, and how."""

    archived: Archived
    received_at: datetime
    receipt: Receipt
    held: Submission | None = None  # its quarantined submission, read again


def receive(
    store: Store,
    plan: Plan,
    plan_id: int,
    path: Path,
    archive_dir: Path,
    given: datetime | None = None,
    *,
    seen_at: datetime | None = None,
    retry_quarantined: bool = False,
) -> Arrival | FileOutcome:
    """Archive the file and record when it was first seen; the outcome instead when it
    need not be read (already stored, or held in quarantine for a reason a new reading
    cannot change) or cannot be archived.

    A quarantined file is read again only when it was readable and the plan changed
    since (its unit may have been added) or its period was locked (it may be open now),
    or when `retry_quarantined`: a file that cannot be read at all (a bomb, over a
    limit) is not read again on every run.
    """
    seen_at = wall_clock(seen_at or datetime.now(VN_TIME))
    try:
        given = received_time(path, given)
    except ChitieuError as exc:
        return FileOutcome(display_name(path), path, Status.failed, seen_at, reason=exc.message)
    try:
        archived = archive_file(path, archive_dir)
    except UnreadableFileError as exc:
        return FileOutcome(
            display_name(path), path, Status.failed, given or seen_at, reason=exc.reason
        )
    mtime = file_mtime(path)
    first = store.first_seen(plan_id, archived.sha256, seen_at, display_name(path), mtime)
    receipt = Receipt("given" if given else "inbox", mtime, read_with=plan.fingerprint)
    received_at = given or first
    known = store.submission_by_sha256(plan_id, archived.sha256)
    if known is not None and known.status == QUARANTINED:
        from chitieu.locking import lock_lifted

        fresh = not known.unreadable and (
            known.read_with != plan.fingerprint or lock_lifted(store, plan_id, known)
        )
        if retry_quarantined or fresh:
            return Arrival(archived, known.received_at, receipt, known)
        return dataclasses.replace(
            _duplicate(path, known.received_at, archived, known),
            reason=known.reason,
            still_quarantined=True,
        )
    if known is not None:
        return _duplicate(path, received_at, archived, known)
    return Arrival(archived, received_at, receipt)


def _extract(path: Path, plan: Plan) -> Extraction:
    """Read in a child process, under a wall-clock and a memory limit (`extract.isolated`)."""
    from extract.isolated import extract_isolated

    return extract_isolated(path, plan)


def intake_file(
    store: Store,
    plan: Plan,
    plan_id: int,
    path: Path,
    received_at: datetime | None,
    archive_dir: Path,
    *,
    seen_at: datetime | None = None,
    retry_quarantined: bool = False,
) -> FileOutcome:
    """Archive, read and store one file (see the module docstring).

    `received_at`: a receipt time given for the file; None counts it from when intake
    first saw it (or from its `.received` file).
    """
    got = receive(
        store, plan, plan_id, path, archive_dir, received_at,
        seen_at=seen_at, retry_quarantined=retry_quarantined,
    )  # fmt: skip
    if isinstance(got, FileOutcome):
        return got
    extraction: Extraction | None = None
    error: str | None = None
    unreadable = False
    try:
        extraction = _extract(path, plan)
    except UnreadableFileError as exc:
        error, unreadable = exc.reason, True
    except ChitieuError as exc:
        error = exc.message
    except Exception as exc:  # a bug in a reader: report it, store nothing, retry next run
        reason = (
            "không đủ bộ nhớ để đọc tệp; sẽ thử lại lần sau"
            if isinstance(exc, MemoryError)
            else "lỗi chương trình khi đọc tệp; sẽ thử lại lần sau"
        )
        return FileOutcome(
            display_name(path), path, Status.failed, got.received_at, got.archived.sha256,
            got.archived.size, got.archived.path, reason=reason,
        )  # fmt: skip
    return _file(store, plan, plan_id, path, got, extraction, error, unreadable)


def file_reading(
    store: Store,
    plan: Plan,
    plan_id: int,
    path: Path,
    received_at: datetime | None,
    archive_dir: Path,
    *,
    extraction: Extraction | None = None,
    error: str | None = None,
    unreadable: bool = False,
    seen_at: datetime | None = None,
    retry_quarantined: bool = False,
) -> FileOutcome:
    """Store a file already read elsewhere (the Prefect flow reads in parallel).

    Give the `extraction`, or the `error` (the reason the file could not be read;
    `unreadable` when it cannot be read at all, so it is not read again next run).
    """
    got = receive(
        store, plan, plan_id, path, archive_dir, received_at,
        seen_at=seen_at, retry_quarantined=retry_quarantined,
    )  # fmt: skip
    if isinstance(got, FileOutcome):
        return got
    if extraction is None and error is None:
        error = "không có kết quả đọc tệp"
    return _file(store, plan, plan_id, path, got, extraction, error, unreadable)


def _duplicate(
    path: Path, received_at: datetime, archived: Archived, known: Submission
) -> FileOutcome:
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


def _file(
    store: Store,
    plan: Plan,
    plan_id: int,
    path: Path,
    arrival: Arrival,
    extraction: Extraction | None,
    error: str | None,
    unreadable: bool = False,
) -> FileOutcome:
    archived, held, received_at = arrival.archived, arrival.held, arrival.received_at
    problems = tuple(p.message for p in extraction.problems) if extraction else ()
    records: list[Record] = []
    unit: str | None = None
    period: str | None = None
    reason = error
    if extraction is not None and reason is None:
        records = [dataclasses.replace(r, role=Role.result) for r in extraction.records]
        unit, period, reason = judge(plan, extraction, records)
        records = mark_estimates(plan, records, received_at)
        if reason is None:
            from chitieu.locking import lock_reason

            reason = lock_reason(store, plan_id, {r.period for r in records})
    status = Status.quarantined if reason else Status.accepted
    kind = extraction.kind if extraction else None
    problem_json = [p.to_json() for p in extraction.problems] if extraction else []
    if held is not None and status is Status.quarantined:  # still not acceptable
        store.mark_read(held.id, plan.fingerprint, reason)
        return dataclasses.replace(
            _duplicate(path, received_at, archived, held),
            reason=reason,
            still_quarantined=True,
            problems=problems,
        )
    try:
        if held is not None:
            outcome = store.release_quarantined(
                held.id, unit=unit, period=period, records=records, kind=kind, problems=problem_json
            )
        else:
            outcome = store.add_submission(
                plan_id,
                file_name=display_name(path),
                sha256=archived.sha256,
                size=archived.size,
                received_at=received_at,
                unit=unit,
                period=period,
                status=status.value,
                reason=reason,
                records=records if status is Status.accepted else (),
                archive_path=str(archived.path),
                kind=kind,
                problems=problem_json,
                receipt=dataclasses.replace(arrival.receipt, unreadable=unreadable),
            )
    except StoreError as exc:  # nothing of this file was written; the next run retries it
        return FileOutcome(
            display_name(path), path, Status.failed, received_at, archived.sha256, archived.size,
            archived.path, reason=exc.message,
        )  # fmt: skip
    if not outcome.is_new:  # stored by a concurrent run between our check and now
        return FileOutcome(
            display_name(path), path, Status.duplicate, received_at, archived.sha256, archived.size,
            archived.path, unit, period, submission_id=outcome.submission_id,
        )  # fmt: skip
    on_time = None
    if status is Status.accepted and period in plan.period_by_key:
        from chitieu.reconcile import Timeliness

        per = plan.period_by_key[period]
        deadline = plan.deadline_for(per, unit)
        on_time = Timeliness(unit or "", period, deadline, received_at).on_time
        if plan.is_estimate_period(per, unit) and not any(r.estimate for r in records):
            on_time = None  # the actual figures after an estimate: due after the period ends
    return FileOutcome(
        display_name(path),
        path,
        status,
        received_at,
        archived.sha256,
        archived.size,
        archived.path,
        unit,
        period,
        reason,
        records=len(records) if status is Status.accepted else 0,
        needs_review=sum(r.needs_review for r in records) if status is Status.accepted else 0,
        estimates=sum(r.estimate for r in records) if status is Status.accepted else 0,
        submission_id=outcome.submission_id,
        superseded=outcome.superseded,
        superseded_by=outcome.superseded_by,
        on_time=on_time,
        problems=problems,
    )


def mark_estimates(plan: Plan, records: list[Record], received_at: datetime) -> list[Record]:
    """Figures received before the last day of their period are estimates ("ước thực
    hiện"): the period's data are not all in yet. A return on or after that day is actual."""
    day = wall_clock(received_at).date()
    out = []
    for r in records:
        per = plan.period_by_key.get(r.period)
        early = per is not None and day < per.end
        out.append(dataclasses.replace(r, estimate=True) if early else r)
    return out


def judge(
    plan: Plan, extraction: Extraction, records: list[Record]
) -> tuple[str | None, str | None, str | None]:
    """(unit, period, reason to quarantine or None) for a file that could be read."""
    unknown = [p for p in extraction.problems if p.code == Problem.UNKNOWN_UNIT]
    if unknown:
        return (
            None,
            None,
            "đơn vị không có trong kế hoạch: " + "; ".join(p.message for p in unknown),
        )
    if extraction.unit is not None and extraction.unit not in plan.unit_by_id:
        return None, None, f"đơn vị {extraction.unit!r} không có trong kế hoạch"
    if not records:
        why = "; ".join(p.message for p in extraction.problems)
        return extraction.unit, None, "không đọc được số liệu nào" + (f" ({why})" if why else "")
    units = {r.unit for r in records}
    stray = sorted(units - set(plan.unit_by_id))
    if stray:
        return None, None, "đơn vị không có trong kế hoạch: " + ", ".join(stray)
    if extraction.unit is not None:
        # A sender reports for itself or for units under it (a district's consolidated table).
        others = sorted(u for u in units if not _within(plan, u, extraction.unit))
        if others:
            return (
                None,
                None,
                f"tệp của {extraction.unit} nhưng có số liệu của đơn vị khác ({', '.join(others)})",
            )
    bad_ind = sorted({r.indicator for r in records} - set(plan.indicator_by_id))
    if bad_ind:
        return None, None, "chỉ tiêu không có trong kế hoạch: " + ", ".join(bad_ind)
    periods = {r.period for r in records}
    bad_per = sorted(periods - set(plan.period_by_key))
    if bad_per:
        return None, None, "kỳ báo cáo không có trong kế hoạch: " + ", ".join(bad_per)
    for r in records:
        if r.value is not None and (r.value < 0 or float(r.value) != int(r.value)):
            return None, None, f"giá trị {r.value} của {r.indicator} không phải số nguyên không âm"
    unit = next(iter(units)) if len(units) == 1 else None
    period = next(iter(periods)) if len(periods) == 1 else None
    return unit, period, None


def _within(plan: Plan, unit: str, ancestor: str) -> bool:
    """Whether `unit` is `ancestor` or below it in the plan's hierarchy."""
    seen: set[str] = set()
    current: str | None = unit
    while current is not None and current not in seen:
        if current == ancestor:
            return True
        seen.add(current)
        found = plan.unit_by_id.get(current)
        current = found.parent if found else None
    return False


def guarded(path: Path, when: datetime, work: Callable[[], T]) -> T | FileOutcome:
    """`work()` on one file, where even a bug stops only that file, not the inbox: it is
    reported `failed` (at `when`) and tried again next run."""
    try:
        return work()
    except ChitieuError as exc:
        reason = exc.message
    except MemoryError:
        reason = "không đủ bộ nhớ để xử lý tệp; sẽ thử lại lần sau"
    except Exception:
        reason = "lỗi chương trình khi xử lý tệp; sẽ thử lại lần sau"
    return FileOutcome(display_name(path), path, Status.failed, wall_clock(when), reason=reason)


def _guarded(
    store: Store, plan: Plan, plan_id: int, path: Path, archive_dir: Path, **kw: Any
) -> FileOutcome:
    """`intake_file`, where even a bug on one file stops only that file, not the inbox."""
    when = kw.get("received_at") or kw.get("seen_at") or datetime.now(VN_TIME)
    return guarded(
        path, when, lambda: intake_file(store, plan, plan_id, path, archive_dir=archive_dir, **kw)
    )


def intake(
    plan: Plan,
    inbox: Path,
    store: Store,
    archive_dir: Path,
    received_at: datetime | None = None,
    progress: Callable[[Path], None] | None = None,
    files: Iterable[Path] | None = None,
    *,
    retry_quarantined: bool = False,
) -> IntakeSummary:
    """Take in every file of `inbox`; `progress(path)` is called before each file.

    `received_at` is a receipt time given for every file; without it each file counts
    from its `.received` file or from now, when this run first sees it.
    """
    plan_id = store.save_plan(plan)
    summary = IntakeSummary(plan_id)
    seen_at = datetime.now(VN_TIME)  # the moment the inbox was looked at
    if files is None:
        listing = list_inbox(inbox)
        files, summary.skipped = listing.files, listing.skipped
    for path in files:
        if progress is not None:
            progress(path)
        kw = {
            "received_at": received_at,
            "seen_at": seen_at,
            "retry_quarantined": retry_quarantined,
        }
        summary.files.append(_guarded(store, plan, plan_id, path, archive_dir, **kw))
    summary.pending_review = len(store.pending_review(plan_id))
    for rec in store.current_results(plan_id):
        if rec.file_name:
            summary.counted.setdefault(rec.unit, rec.file_name)
    return summary
