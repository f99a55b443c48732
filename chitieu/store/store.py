"""The record store: plans, received files and their records, with full history.

Nothing is overwritten: a later return supersedes an earlier one (both kept, the
earlier marked `superseded_by`), and a reviewer's correction is a new record pointing
at the one it replaces. Every write is one transaction (a savepoint inside
`store.batch()`, see `chitieu.store.transactions`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from chitieu.errors import StoreError
from chitieu.record import Record, Role
from chitieu.store import schema as t
from chitieu.store.clerk import ClerkStore
from chitieu.store.engine import create_engine, database_url, migrate
from chitieu.store.models import (
    Receipt,
    StoredRecord,
    Submission,
    SubmissionOutcome,
    number,
    wall_clock,
)
from chitieu.store.rows import (
    first_seen,
    insert_records,
    stored_record,
    submission_of,
    supersede,
    where_of,
    write_plan,
)

if TYPE_CHECKING:
    from chitieu.plan import Plan

ACCEPTED = "accepted"
QUARANTINED = "quarantined"


def db_reason(exc: sa.exc.DBAPIError) -> str:
    """The driver's first line: what the database said, without SQLAlchemy's wrapping."""
    return str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)


def plan_fingerprint(plan: Plan) -> str:
    return plan.fingerprint


class Store(ClerkStore):
    """Open with `Store.open(url)`; use as a context manager to dispose of the engine."""

    # -- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Connect (URL, `CHITIEU_DATABASE_URL`, or the default SQLite file) and migrate.

        Raises:
            StoreError: the database cannot be reached or upgraded.
        """
        resolved = database_url(url)
        engine = create_engine(resolved)
        try:
            migrate(engine)
        except sa.exc.OperationalError as exc:
            engine.dispose()
            shown = engine.url.render_as_string(hide_password=True)
            reason = db_reason(exc)
            raise StoreError(f"Không kết nối được cơ sở dữ liệu {shown}: {reason}") from None
        return cls(engine)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plans --------------------------------------------------------------------------

    def plan_id(self, plan: Plan) -> int | None:
        """The id of a stored plan (by document number and date), or None."""
        with self._read() as conn:
            return conn.scalar(
                sa.select(t.plans.c.id).where(
                    t.plans.c.number == plan.document.number, t.plans.c.date == plan.document.date
                )
            )

    def save_plan(self, plan: Plan) -> int:
        """Store a plan with its units, indicators and targets; idempotent.

        The key is the document number and date. Saving the same plan again writes
        nothing; saving an edited version of it replaces its units, indicators and targets
        (the plan file is the source of truth for those), never any result.
        """
        fingerprint = plan_fingerprint(plan)
        for attempt in range(2):
            try:
                with self._write() as conn:
                    return write_plan(conn, plan, fingerprint)
            except sa.exc.IntegrityError:
                if attempt:  # someone else saved it at the same moment: read theirs
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    # -- submissions --------------------------------------------------------------------

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

    # -- records ------------------------------------------------------------------------

    def _record_query(self) -> sa.Select[Any]:
        r, s = t.records, t.submissions
        return sa.select(
            r, s.c.file_name, s.c.sha256, s.c.archive_path, s.c.received_at
        ).select_from(r.outerjoin(s, r.c.submission_id == s.c.id))

    def records(self, plan_id: int, role: Role | None = None) -> list[StoredRecord]:
        """Every record of a plan, superseded and corrected ones included (the audit trail)."""
        q = self._record_query().where(t.records.c.plan_id == plan_id)
        if role is not None:
            q = q.where(t.records.c.role == Role(role).value)
        with self._read() as conn:
            return [stored_record(row) for row in conn.execute(q.order_by(t.records.c.id))]

    def targets(self, plan_id: int) -> list[StoredRecord]:
        return self.records(plan_id, Role.target)

    def record(self, record_id: int) -> StoredRecord:
        """One record by id.

        Raises:
            StoreError: there is no such record.
        """
        with self._read() as conn:
            row = conn.execute(self._record_query().where(t.records.c.id == record_id)).first()
        if row is None:
            raise StoreError(f"Không có bản ghi số {record_id} trong cơ sở dữ liệu.")
        return stored_record(row)

    def current_results(self, plan_id: int, period: str | None = None) -> list[StoredRecord]:
        """The results that count: not superseded, and the latest review of each figure."""
        r = t.records
        corrected = t.records.alias("c")
        later = (
            sa.select(sa.literal(1)).select_from(corrected).where(corrected.c.corrects == r.c.id)
        )
        q = self._record_query().where(
            r.c.plan_id == plan_id,
            r.c.role == Role.result.value,
            r.c.superseded_by.is_(None),
            ~sa.exists(later),
        )
        if period is not None:
            q = q.where(r.c.period == period)
        with self._read() as conn:
            return [stored_record(row) for row in conn.execute(q.order_by(r.c.id))]

    def pending_review(self, plan_id: int) -> list[StoredRecord]:
        """Current results a person still has to confirm or correct."""
        return [x for x in self.current_results(plan_id) if x.needs_review]

    def correct(
        self,
        record_id: int,
        value: int | None,
        reviewer: str,
        at: datetime,
        confirmed: bool = False,
    ) -> int:
        """Store a reviewer's answer as a new record replacing `record_id`; returns its id.

        `confirmed=True` keeps the value (the reviewer looked and agreed). The old record
        is left as it was. If it was already reviewed, the new answer replaces the latest.

        Raises:
            StoreError: no such record, or the value is not a whole number ≥ 0.
        """
        if value is not None and (isinstance(value, bool) or int(value) != value or value < 0):
            raise StoreError(f"Giá trị {value!r} không hợp lệ: phải là số nguyên từ 0 trở lên.")
        self.refuse_if_locked_record(self.record(record_id))
        with self._write() as conn:
            r = t.records
            current = record_id
            while True:  # follow the chain to the latest review of this figure
                nxt = conn.scalar(sa.select(sa.func.max(r.c.id)).where(r.c.corrects == current))
                if nxt is None:
                    break
                current = int(nxt)
            old = conn.execute(sa.select(r).where(r.c.id == current)).first()
            if old is None:
                raise StoreError(f"Không có bản ghi số {record_id} trong cơ sở dữ liệu.")
            if old.role != Role.result.value:
                raise StoreError(
                    f"Bản ghi số {record_id} là chỉ tiêu giao của kế hoạch: sửa trong tệp kế hoạch."
                )
            new_value = number(old.value) if confirmed else value
            rec = Record(
                unit=old.unit,
                indicator=old.indicator,
                period=old.period,
                value=new_value,  # type: ignore[arg-type]
                role=Role(old.role),
                confidence=1.0,
                needs_review=False,
                where=where_of(old),
                note=old.note,
                estimate=bool(old.estimate),
            )
            (new_id,) = insert_records(
                conn,
                int(old.plan_id),
                [rec],
                old.submission_id,
                datetime.now(),
                superseded_by=old.superseded_by,
                corrects=current,
                reviewer=reviewer,
                reviewed_at=wall_clock(at),
                review_action="confirmed" if confirmed else "corrected",
            )
            return new_id

    def receipts(self, plan_id: int, period: str | None = None) -> dict[str, datetime]:
        """For each unit, when the return that counts was received (for timeliness)."""
        out: dict[str, datetime] = {}
        for rec in self.current_results(plan_id, period):
            if rec.received_at is None:
                continue
            if rec.unit not in out or rec.received_at > out[rec.unit]:
                out[rec.unit] = rec.received_at
        return out
