"""What the clerk decides, stored: sign-off (lock/unlock), excused units, reports returned
for correction, figures typed by hand, and review answers taken back.

Mixed into `Store`. Events are never updated: the latest lock/unlock of a period
decides whether it is locked; the latest excuse/unexcuse of a unit whether it is
excused; a return stands until a newer return of that unit is stored.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from chitieu.errors import StoreError
from chitieu.record import Record, Role, Where
from chitieu.store import schema as t
from chitieu.store.models import wall_clock
from chitieu.store.rows import MANUAL, insert_records, mark_whole, where_of
from chitieu.store.transactions import Transactions

if TYPE_CHECKING:
    from chitieu.store.models import StoredRecord

LOCK, UNLOCK, EXCUSE, UNEXCUSE, RETURN = "lock", "unlock", "excuse", "unexcuse", "return"


@dataclass(frozen=True)
class PeriodEvent:
    """One decision about a period (and a unit, for excuse and return)."""

    id: int
    plan_id: int
    period: str
    unit: str | None
    action: str
    person: str
    reason: str | None
    at: datetime


def _event(row: Any) -> PeriodEvent:
    return PeriodEvent(
        int(row.id), int(row.plan_id), row.period, row.unit, row.action, row.person,
        row.reason, row.at,
    )  # fmt: skip


class ClerkStore(Transactions):
    """Methods of `Store` for the clerk's decisions (see the module docstring)."""

    record: Any

    # -- events -------------------------------------------------------------------------

    def add_event(
        self,
        plan_id: int,
        period: str,
        action: str,
        person: str,
        reason: str | None = None,
        unit: str | None = None,
        at: datetime | None = None,
    ) -> PeriodEvent:
        """Record one decision; the audit trail is `events`.

        Raises:
            StoreError: no person named.
        """
        if not person.strip():
            raise StoreError("Cần ghi họ tên người thực hiện (--by).")
        at = wall_clock(at or datetime.now())
        values = dict(
            plan_id=plan_id, period=period, unit=unit, action=action,
            person=person.strip(), reason=(reason or "").strip() or None, at=at,
        )  # fmt: skip
        with self._write() as conn:
            new_id = conn.execute(t.period_events.insert().values(**values)).inserted_primary_key
        return PeriodEvent(id=int(new_id[0]), **values)  # type: ignore[arg-type]

    def events(self, plan_id: int, period: str | None = None) -> list[PeriodEvent]:
        """Every decision of a plan (of one period), oldest first."""
        e = t.period_events
        q = sa.select(e).where(e.c.plan_id == plan_id)
        if period is not None:
            q = q.where(e.c.period == period)
        with self._read() as conn:
            return [_event(row) for row in conn.execute(q.order_by(e.c.at, e.c.id))]

    def lock_of(self, plan_id: int, period: str) -> PeriodEvent | None:
        """The lock in force on a period, or None when it is open."""
        last = None
        for ev in self.events(plan_id, period):
            if ev.action in (LOCK, UNLOCK):
                last = ev
        return last if last is not None and last.action == LOCK else None

    def locks(self, plan_id: int) -> dict[str, PeriodEvent]:
        """Period → the lock in force, for every locked period of the plan."""
        state: dict[str, PeriodEvent] = {}
        for ev in self.events(plan_id):
            if ev.action == LOCK:
                state[ev.period] = ev
            elif ev.action == UNLOCK:
                state.pop(ev.period, None)
        return state

    def excused(
        self, plan_id: int, period: str | None = None
    ) -> dict[tuple[str, str], PeriodEvent]:
        """(unit, period) → the excuse in force."""
        state: dict[tuple[str, str], PeriodEvent] = {}
        for ev in self.events(plan_id, period):
            if ev.unit is None:
                continue
            if ev.action == EXCUSE:
                state[(ev.unit, ev.period)] = ev
            elif ev.action == UNEXCUSE:
                state.pop((ev.unit, ev.period), None)
        return state

    def returned(
        self, plan_id: int, period: str | None = None
    ) -> dict[tuple[str, str], PeriodEvent]:
        """(unit, period) → the return (trả lại) still waiting for a corrected report.

        A return is answered by a report of that unit and period stored after it.
        """
        out: dict[tuple[str, str], PeriodEvent] = {}
        for ev in self.events(plan_id, period):
            if ev.action == RETURN and ev.unit is not None:
                out[(ev.unit, ev.period)] = ev
        if not out:
            return out
        s, r = t.submissions, t.records
        with self._read() as conn:
            rows = conn.execute(
                sa.select(r.c.unit, r.c.period, sa.func.max(s.c.stored_at))
                .join(s, r.c.submission_id == s.c.id)
                .where(r.c.plan_id == plan_id, s.c.status == "accepted", r.c.corrects.is_(None))
                .group_by(r.c.unit, r.c.period)
            ).all()
        for unit, per, stored in rows:
            ev = out.get((unit, per))
            if ev is not None and stored is not None and stored > ev.at:
                del out[(unit, per)]
        return out

    def refuse_if_locked(self, plan_id: int, period: str, what: str) -> None:
        """Raises StoreError naming the lock when `period` is locked."""
        lock = self.lock_of(plan_id, period)
        if lock is not None:
            raise StoreError(
                f"Kỳ {period} đã khóa ({lock.person}, {lock.at:%d/%m/%Y %H:%M}): không {what}. "
                "Mở khóa trước bằng chitieu unlock."
            )

    # -- figures typed by hand ----------------------------------------------------------

    def enter(
        self,
        plan_id: int,
        *,
        unit: str,
        indicator: str,
        period: str,
        value: int,
        person: str,
        note: str | None = None,
        at: datetime | None = None,
    ) -> int:
        """Store a figure given by telephone or Zalo (provenance "nhập tay"); its record id.

        It replaces the current figure of that unit × indicator × period (kept, marked
        superseded); a return received later is weighed against it (see `versus_manual`).

        Raises:
            StoreError: no person, a value that is not a whole number ≥ 0, a locked period.
        """
        if not person.strip():
            raise StoreError("Cần ghi họ tên người nhập (--by).")
        if isinstance(value, bool) or int(value) != value or value < 0:
            raise StoreError(f"Giá trị {value!r} không hợp lệ: phải là số nguyên từ 0 trở lên.")
        self.refuse_if_locked(plan_id, period, "nhập thêm số liệu")
        at = wall_clock(at or datetime.now())
        person = person.strip()
        digest = hashlib.sha256(
            f"{MANUAL}|{unit}|{indicator}|{period}|{value}|{person}|{at}|{uuid.uuid4()}".encode()
        ).hexdigest()
        r, s = t.records, t.submissions
        with self._write() as conn:
            sub_id = int(
                conn.execute(
                    s.insert().values(
                        plan_id=plan_id,
                        file_name=f"nhập tay — {person}",
                        sha256=digest,
                        size=0,
                        received_at=at,
                        unit=unit,
                        period=period,
                        status="accepted",
                        kind=MANUAL,
                        problems=[],
                        stored_at=datetime.now(),
                    )
                ).inserted_primary_key[0]
            )
            rec = Record(
                unit=unit, indicator=indicator, period=period, value=int(value),
                role=Role.result, confidence=1.0, needs_review=False, where=Where(),
                note=(note or "").strip() or None,
            )  # fmt: skip
            (rec_id,) = insert_records(
                conn, plan_id, [rec], sub_id, datetime.now(), entered_by=person
            )
            same = (
                r.c.plan_id == plan_id,
                r.c.unit == unit,
                r.c.indicator == indicator,
                r.c.period == period,
                r.c.role == Role.result.value,
                r.c.superseded_by.is_(None),
                r.c.submission_id != sub_id,
            )
            losers = conn.execute(sa.select(r.c.submission_id).where(*same).distinct()).scalars()
            touched = {int(x) for x in losers if x is not None}
            conn.execute(r.update().where(*same).values(superseded_by=sub_id))
            mark_whole(conn, touched)
        return rec_id

    # -- review history -----------------------------------------------------------------

    def review_chain(self, record_id: int) -> list[StoredRecord]:
        """The figure as first read, then every answer given about it, oldest first."""
        r = t.records
        with self._read() as conn:
            first = record_id
            while True:
                back = conn.scalar(sa.select(r.c.corrects).where(r.c.id == first))
                if back is None:
                    break
                first = int(back)
            chain = [first]
            while True:
                nxt = conn.scalar(sa.select(sa.func.max(r.c.id)).where(r.c.corrects == chain[-1]))
                if nxt is None:
                    break
                chain.append(int(nxt))
        return [self.record(i) for i in chain]

    def undo_answer(self, record_id: int, person: str, at: datetime | None = None) -> int:
        """Take back the latest review answer about a figure; the id of the record that
        restores the figure as it was before that answer (flag included).

        Raises:
            StoreError: no answer to take back, no person, or a locked period.
        """
        if not person.strip():
            raise StoreError("Cần ghi họ tên người hoàn tác (--reviewer).")
        chain = self.review_chain(record_id)
        answers = [x for x in chain if x.corrects is not None]
        if not answers:
            raise StoreError(f"Số liệu {record_id} chưa có câu trả lời nào để hoàn tác.")
        last = answers[-1]
        self.refuse_if_locked_record(last)
        before = chain[chain.index(last) - 1]
        r = t.records
        with self._write() as conn:
            old = conn.execute(sa.select(r).where(r.c.id == last.id)).one()
            rec = Record(
                unit=before.unit, indicator=before.indicator, period=before.period,
                value=before.value,  # type: ignore[arg-type]
                role=Role.result, confidence=before.confidence,
                needs_review=before.needs_review, where=where_of(old), note=before.note,
            )  # fmt: skip
            (new_id,) = insert_records(
                conn, int(old.plan_id), [rec], old.submission_id, datetime.now(),
                superseded_by=old.superseded_by, corrects=last.id, undoes=last.id,
                reviewer=person.strip(), reviewed_at=wall_clock(at or datetime.now()),
                review_action=before.review_action, entered_by=before.entered_by,
            )  # fmt: skip
        return new_id

    def refuse_if_locked_record(self, rec: StoredRecord) -> None:
        plan_id = self._plan_of(rec.id)
        self.refuse_if_locked(plan_id, rec.period, "sửa số liệu")

    def _plan_of(self, record_id: int) -> int:
        with self._read() as conn:
            return int(
                conn.scalar(sa.select(t.records.c.plan_id).where(t.records.c.id == record_id))
            )
