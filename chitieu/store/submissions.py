"""The files received for a plan: stored once by their bytes, each with its records in
one transaction, a later return superseding an earlier one; quarantined files kept, and
released when they become acceptable.

Mixed into `Store` (`chitieu.store.store`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa

from chitieu.errors import StoreError
from chitieu.record import Record
from chitieu.store import schema as t
from chitieu.store.engine import db_reason
from chitieu.store.models import Receipt, Submission, SubmissionOutcome, wall_clock
from chitieu.store.rows import first_seen, insert_records, submission_of, supersede
from chitieu.store.transactions import Transactions

ACCEPTED = "accepted"
QUARANTINED = "quarantined"


class SubmissionStore(Transactions):
    """Methods of `Store` for the files received (see the module docstring)."""

    def submission_by_sha256(self, plan_id: int, sha256: str) -> Submission | None:
        with self._read() as conn:
            row = conn.execute(
                sa.select(t.submissions).where(
                    t.submissions.c.plan_id == plan_id, t.submissions.c.sha256 == sha256
                )
            ).first()
        return submission_of(row) if row is not None else None

    def add_submission(
        self,
        plan_id: int,
        *,
        file_name: str,
        sha256: str,
        size: int,
        received_at: datetime,
        unit: str | None,
        period: str | None,
        status: str = ACCEPTED,
        reason: str | None = None,
        records: Sequence[Record] = (),
        archive_path: str | None = None,
        kind: str | None = None,
        problems: Sequence[dict[str, str]] = (),
        receipt: Receipt | None = None,
    ) -> SubmissionOutcome:
        """Store one received file and its records in one transaction.

        The same bytes (sha256) for the same plan are stored once: a second call returns
        status "duplicate" and writes nothing. For every (unit, period) the file reports,
        the return received last counts; the others stay, marked `superseded_by`.

        Raises:
            StoreError: the submission could not be stored (nothing of it was).
        """
        received_at = wall_clock(received_at)
        try:
            with self._write() as conn:
                existing = conn.scalar(
                    sa.select(t.submissions.c.id).where(
                        t.submissions.c.plan_id == plan_id, t.submissions.c.sha256 == sha256
                    )
                )
                if existing is not None:
                    return SubmissionOutcome(int(existing), "duplicate")
                now = datetime.now()
                sub_id = int(
                    conn.execute(
                        t.submissions.insert().values(
                            plan_id=plan_id,
                            file_name=file_name,
                            sha256=sha256,
                            size=size,
                            received_at=received_at,
                            unit=unit,
                            period=period,
                            status=status,
                            reason=reason,
                            archive_path=archive_path,
                            kind=kind,
                            problems=list(problems),
                            stored_at=now,
                            **(receipt.columns() if receipt else {}),
                        )
                    ).inserted_primary_key[0]
                )
                if status != ACCEPTED:
                    return SubmissionOutcome(sub_id, "new")
                insert_records(conn, plan_id, records, sub_id, now)
                superseded, superseded_by = supersede(conn, plan_id, sub_id, received_at)
                return SubmissionOutcome(sub_id, "new", superseded, superseded_by)
        except sa.exc.IntegrityError as exc:
            again = self.submission_by_sha256(plan_id, sha256)
            if again is not None:  # stored by a concurrent run between our check and insert
                return SubmissionOutcome(again.id, "duplicate")
            reason_text = db_reason(exc)
            raise StoreError(
                f"Không lưu được tệp {file_name} vào cơ sở dữ liệu (không có gì được ghi): "
                f"{reason_text}"
            ) from None

    def release_quarantined(
        self,
        submission_id: int,
        *,
        unit: str | None,
        period: str | None,
        records: Sequence[Record],
        kind: str | None = None,
        problems: Sequence[dict[str, str]] = (),
    ) -> SubmissionOutcome:
        """Accept a quarantined file after all (say, its unit was added to the plan).

        Its received time stays the original one. Status "new" when released,
        "duplicate" when it was not in quarantine (nothing written).

        Raises:
            StoreError: the records could not be stored (nothing was).
        """
        s = t.submissions
        try:
            with self._write() as conn:
                row = conn.execute(sa.select(s).where(s.c.id == submission_id)).first()
                if row is None or row.status != QUARANTINED:
                    return SubmissionOutcome(submission_id, "duplicate")
                conn.execute(
                    s.update()
                    .where(s.c.id == submission_id)
                    .values(
                        status=ACCEPTED,
                        reason=None,
                        unit=unit,
                        period=period,
                        kind=kind,
                        problems=list(problems),
                    )
                )
                insert_records(conn, row.plan_id, records, submission_id, datetime.now())
                superseded, by = supersede(conn, row.plan_id, submission_id, row.received_at)
                return SubmissionOutcome(submission_id, "new", superseded, by)
        except sa.exc.IntegrityError as exc:
            reason_text = db_reason(exc)
            raise StoreError(
                f"Không lưu được số liệu của tệp số {submission_id} (không có gì được ghi): "
                f"{reason_text}"
            ) from None

    def first_seen(
        self,
        plan_id: int,
        sha256: str,
        at: datetime,
        file_name: str,
        file_mtime: datetime | None = None,
    ) -> datetime:
        """When intake first saw these bytes for this plan (recorded now if never before)."""
        at, mtime = wall_clock(at), wall_clock(file_mtime) if file_mtime else None
        for attempt in range(2):
            try:
                with self._write() as conn:
                    return first_seen(conn, plan_id, sha256, at, file_name, mtime)
            except sa.exc.IntegrityError:
                if attempt:  # a concurrent run recorded it between our check and insert
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def mark_read(self, submission_id: int, read_with: str, reason: str | None) -> None:
        """A quarantined file was read again and is still not acceptable: remember the
        plan it was read against (so the next run does not read it again) and why."""
        s = t.submissions
        with self._write() as conn:
            conn.execute(
                s.update()
                .where(s.c.id == submission_id, s.c.status == QUARANTINED)
                .values(read_with=read_with, reason=reason)
            )

    def submissions(self, plan_id: int) -> list[Submission]:
        """Every received file of a plan, in the order received."""
        with self._read() as conn:
            rows = conn.execute(
                sa.select(t.submissions)
                .where(t.submissions.c.plan_id == plan_id)
                .order_by(t.submissions.c.received_at, t.submissions.c.id)
            ).all()
        return [submission_of(row) for row in rows]


__all__ = ["ACCEPTED", "QUARANTINED", "SubmissionStore"]
