"""The record store: plans, received files and their records, with full history.

Nothing is overwritten: a later return supersedes an earlier one (both kept, the
earlier marked `superseded_by`), and a reviewer's correction is a new record pointing
at the one it replaces. Every write is one transaction (a savepoint inside
`store.batch()`, see `chitieu.store.transactions`). The files received are stored by
`chitieu.store.submissions`, the clerk's decisions by `chitieu.store.clerk`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from chitieu.errors import StoreError
from chitieu.record import Record, Role
from chitieu.store import schema as t
from chitieu.store.clerk import ClerkStore
from chitieu.store.engine import create_engine, database_url, db_reason, migrate
from chitieu.store.models import StoredRecord, number, wall_clock
from chitieu.store.rows import insert_records, stored_record, where_of, write_plan
from chitieu.store.submissions import SubmissionStore

if TYPE_CHECKING:
    from chitieu.plan import Plan


def plan_fingerprint(plan: Plan) -> str:
    return plan.fingerprint


class Store(SubmissionStore, ClerkStore):
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
