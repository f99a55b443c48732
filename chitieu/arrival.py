"""A file arriving: archived byte for byte, its first sighting recorded, and whether it
needs reading at all (a duplicate, or a file held in quarantine that a new reading
cannot change, does not)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from chitieu.archive import Archived, archive_file
from chitieu.errors import ChitieuError, UnreadableFileError
from chitieu.inbox import display_name
from chitieu.outcome import FileOutcome, Status, duplicate
from chitieu.receipt import file_mtime, given_receipt
from chitieu.store.models import VN_TIME, Receipt, wall_clock
from chitieu.store.submissions import QUARANTINED

if TYPE_CHECKING:
    from chitieu.plan import Plan
    from chitieu.store import Store, Submission


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
            duplicate(path, known.received_at, archived, known),
            reason=known.reason,
            still_quarantined=True,
        )
    if known is not None:
        return duplicate(path, received_at, archived, known)
    return Arrival(archived, received_at, receipt)
