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

The steps live in their own modules: `chitieu.arrival` (archive, first sighting,
duplicates), `chitieu.acceptance` (whether a reading fits the plan), `chitieu.filing`
(storing it) and `chitieu.outcome` (what happened to each file); this module runs them
per file and over an inbox.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from chitieu.acceptance import judge as judge
from chitieu.acceptance import mark_estimates as mark_estimates
from chitieu.arrival import Arrival as Arrival
from chitieu.arrival import receive as receive
from chitieu.arrival import received_time as received_time
from chitieu.errors import ChitieuError, UnreadableFileError
from chitieu.filing import file_arrival
from chitieu.inbox import display_name, list_inbox
from chitieu.inbox import inbox_files as inbox_files  # re-exported for the flows
from chitieu.outcome import FileOutcome as FileOutcome
from chitieu.outcome import IntakeSummary as IntakeSummary
from chitieu.outcome import Status as Status
from chitieu.record import Extraction
from chitieu.store.models import VN_TIME, wall_clock

if TYPE_CHECKING:
    from chitieu.plan import Plan
    from chitieu.store import Store


T = TypeVar("T")


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
    return file_arrival(store, plan, plan_id, path, got, extraction, error, unreadable)


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
    return file_arrival(store, plan, plan_id, path, got, extraction, error, unreadable)


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
