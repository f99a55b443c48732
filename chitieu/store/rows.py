"""Row-level work of the store: inserting records, supersession, rows to models.

Functions take an open connection inside the caller's transaction; `Store` composes
them so that each public write is one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from chitieu.record import Record, Role, Where
from chitieu.store import schema as t
from chitieu.store.models import StoredRecord, Submission, number

if TYPE_CHECKING:
    from chitieu.plan import Plan


def supersede(
    conn: sa.Connection, plan_id: int, sub_id: int, received_at: datetime
) -> tuple[tuple[int, ...], int | None]:
    r, s = t.records, t.submissions
    keys = conn.execute(
        sa.select(r.c.unit, r.c.period, sa.func.max(r.c.estimate.cast(sa.Integer)))
        .where(r.c.submission_id == sub_id)
        .group_by(r.c.unit, r.c.period)
    ).all()
    superseded: set[int] = set()
    superseded_by: int | None = None
    touched: set[int] = set()
    for unit, period, estimate in keys:
        mine = (not estimate, received_at, sub_id)
        others = conn.execute(
            sa.select(s.c.id, s.c.received_at, r.c.estimate)
            .join(r, r.c.submission_id == s.c.id)
            .where(
                r.c.plan_id == plan_id,
                r.c.unit == unit,
                r.c.period == period,
                r.c.role == Role.result.value,
                r.c.superseded_by.is_(None),
                s.c.id != sub_id,
                sa.or_(s.c.kind.is_(None), s.c.kind != MANUAL),  # by hand: per indicator
            )
            .distinct()
        ).all()
        for other_id, other_at, other_estimate in others:
            # the later return counts, but an actual figure always beats an estimate
            if (not other_estimate, other_at, other_id) < mine:
                loser, winner = other_id, sub_id
                superseded.add(other_id)
            else:
                loser, winner = sub_id, other_id
                superseded_by = other_id
            conn.execute(
                r.update()
                .where(
                    r.c.submission_id == loser,
                    r.c.unit == unit,
                    r.c.period == period,
                    r.c.superseded_by.is_(None),
                )
                .values(superseded_by=winner)
            )
            touched.add(loser)
    touched |= versus_manual(conn, plan_id, sub_id, received_at)
    mark_whole(conn, touched)
    return tuple(sorted(superseded)), superseded_by


def mark_whole(conn: sa.Connection, touched: set[int]) -> None:
    """A submission none of whose records count is superseded whole."""
    r, s = t.records, t.submissions
    for loser in touched:
        active = conn.scalar(
            sa.select(sa.func.count())
            .select_from(r)
            .where(r.c.submission_id == loser, r.c.superseded_by.is_(None))
        )
        if not active:
            winner = conn.scalar(
                sa.select(sa.func.max(r.c.superseded_by)).where(r.c.submission_id == loser)
            )
            conn.execute(s.update().where(s.c.id == loser).values(superseded_by=winner))


def versus_manual(
    conn: sa.Connection, plan_id: int, sub_id: int, received_at: datetime
) -> set[int]:
    """A returned file against figures typed by hand, indicator by indicator.

    The later of the two counts. When the file is later and says something else, its
    figure is flagged for review (a conflict a person settles), never taken silently.
    Returns the submissions that lost records.
    """
    r, s = t.records, t.submissions
    m = r.alias("m")
    mine = conn.execute(
        sa.select(r.c.id, r.c.unit, r.c.indicator, r.c.period, r.c.value, r.c.note).where(
            r.c.submission_id == sub_id, r.c.superseded_by.is_(None)
        )
    ).all()
    touched: set[int] = set()
    if not mine:
        return touched
    # One query for the file, not one per figure: figures typed by hand are rare.
    typed: dict[tuple[str, str, str], list[Any]] = {}
    for h in conn.execute(
        sa.select(
            m.c.id, m.c.unit, m.c.indicator, m.c.period, m.c.value, m.c.entered_by,
            s.c.id.label("sid"), s.c.received_at,
        )
        .join(s, m.c.submission_id == s.c.id)
        .where(
            m.c.plan_id == plan_id,
            m.c.unit.in_(sorted({rec.unit for rec in mine})),
            m.c.superseded_by.is_(None),
            s.c.kind == MANUAL,
            s.c.id != sub_id,
        )
        .order_by(m.c.id)
    ):  # fmt: skip
        typed.setdefault((h.unit, h.indicator, h.period), []).append(h)
    gone: set[int] = set()  # typed figures this file has just superseded
    for rec in mine:
        for h in typed.get((rec.unit, rec.indicator, rec.period), ()):
            if h.id in gone:
                continue
            if h.received_at > received_at:  # typed in after this file was sent: it stands
                conn.execute(r.update().where(r.c.id == rec.id).values(superseded_by=h.sid))
                touched.add(sub_id)
                continue
            conn.execute(r.update().where(r.c.id == h.id).values(superseded_by=sub_id))
            gone.add(h.id)
            touched.add(int(h.sid))
            if number(h.value) != number(rec.value):
                said = (
                    f"khác số nhập tay {number(h.value)} ({h.entered_by}, {h.received_at:%d/%m/%Y})"
                )
                note = f"{rec.note}; {said}" if rec.note else said
                conn.execute(
                    r.update().where(r.c.id == rec.id).values(needs_review=True, note=note)
                )
    return touched


MANUAL = "nhap_tay"  # submissions.kind of a figure typed by hand


def insert_records(
    conn: sa.Connection,
    plan_id: int,
    records: Sequence[Record],
    submission_id: int | None,
    now: datetime,
    **extra: Any,
) -> list[int]:
    """Insert records; returns the id when there is exactly one (review), else []."""
    rows = []
    for rec in records:
        bbox = list(rec.where.bbox) if rec.where.bbox is not None else None
        values = {
            "plan_id": plan_id,
            "unit": rec.unit,
            "indicator": rec.indicator,
            "period": rec.period,
            "value": rec.value,
            "role": Role(rec.role).value,
            "confidence": rec.confidence,
            "needs_review": rec.needs_review,
            "estimate": rec.estimate,
            "page": rec.where.page,
            "cell": rec.where.cell,
            "bbox": bbox,
            "sheet": rec.where.sheet,
            "table_index": rec.where.table,
            "note": rec.note,
            "submission_id": submission_id,
            "stored_at": now,
            **extra,
        }
        rows.append(values)
    if len(rows) == 1:
        return [int(conn.execute(t.records.insert().values(**rows[0])).inserted_primary_key[0])]
    if rows:
        conn.execute(t.records.insert(), rows)  # executemany: one round trip per batch
    return []


def where_of(row: Any) -> Where:
    bbox = row.bbox
    return Where(
        page=row.page,
        cell=row.cell,
        bbox=tuple(float(v) for v in bbox) if bbox else None,  # type: ignore[arg-type]
        sheet=row.sheet,
        table=row.table_index,
    )


def stored_record(row: Any) -> StoredRecord:
    return StoredRecord(
        id=int(row.id),
        unit=row.unit,
        indicator=row.indicator,
        period=row.period,
        value=number(row.value),
        role=Role(row.role),
        confidence=float(row.confidence),
        needs_review=bool(row.needs_review),
        where=where_of(row),
        note=row.note,
        estimate=bool(row.estimate),
        submission_id=row.submission_id,
        file_name=row.file_name,
        sha256=row.sha256,
        archive_path=row.archive_path,
        received_at=row.received_at,
        superseded_by=row.superseded_by,
        corrects=row.corrects,
        reviewer=row.reviewer,
        reviewed_at=row.reviewed_at,
        review_action=row.review_action,
        entered_by=getattr(row, "entered_by", None),
        undoes=getattr(row, "undoes", None),
    )


def submission_of(row: Any) -> Submission:
    return Submission(
        id=int(row.id),
        plan_id=int(row.plan_id),
        file_name=row.file_name,
        sha256=row.sha256,
        size=int(row.size),
        received_at=row.received_at,
        unit=row.unit,
        period=row.period,
        status=row.status,
        reason=row.reason,
        archive_path=row.archive_path,
        kind=row.kind,
        problems=list(row.problems or []),
        superseded_by=row.superseded_by,
        file_mtime=row.file_mtime,
        received_via=row.received_via,
        unreadable=bool(row.unreadable),
        read_with=row.read_with,
    )


def first_seen(
    conn: sa.Connection,
    plan_id: int,
    sha256: str,
    at: datetime,
    file_name: str,
    file_mtime: datetime | None,
) -> datetime:
    """The first time these bytes were seen for this plan: `at`, recorded, unless an
    earlier sighting is on record already."""
    g = t.sightings
    known = conn.scalar(
        sa.select(g.c.first_seen_at).where(g.c.plan_id == plan_id, g.c.sha256 == sha256)
    )
    if known is not None:
        return known  # type: ignore[no-any-return]
    conn.execute(
        g.insert().values(
            plan_id=plan_id,
            sha256=sha256,
            first_seen_at=at,
            file_name=file_name,
            file_mtime=file_mtime,
        )
    )
    return at


def write_plan(conn: sa.Connection, plan: Plan, fingerprint: str) -> int:
    """Insert a plan, or replace an edited one's units, indicators and targets."""
    doc = plan.document
    row = conn.execute(
        sa.select(t.plans.c.id, t.plans.c.fingerprint).where(
            t.plans.c.number == doc.number, t.plans.c.date == doc.date
        )
    ).first()
    now = datetime.now()
    if row is not None and row.fingerprint == fingerprint:
        return int(row.id)
    if row is None:
        plan_id = int(
            conn.execute(
                t.plans.insert().values(
                    number=doc.number,
                    date=doc.date,
                    title=doc.title,
                    issuer=doc.issuer,
                    fingerprint=fingerprint,
                    loaded_at=now,
                )
            ).inserted_primary_key[0]
        )
    else:
        plan_id = int(row.id)
        conn.execute(
            t.plans.update()
            .where(t.plans.c.id == plan_id)
            .values(title=doc.title, issuer=doc.issuer, fingerprint=fingerprint, loaded_at=now)
        )
        for table in (t.units, t.indicators):
            conn.execute(table.delete().where(table.c.plan_id == plan_id))
        conn.execute(
            t.records.delete().where(
                t.records.c.plan_id == plan_id, t.records.c.role == Role.target.value
            )
        )
    if plan.units:
        conn.execute(
            t.units.insert(),
            [
                {
                    "plan_id": plan_id,
                    "code": u.id,
                    "name": u.name,
                    "kind": u.kind,
                    "parent": u.parent,
                }
                for u in plan.units
            ],
        )
    if plan.indicators:
        conn.execute(
            t.indicators.insert(),
            [
                {
                    "plan_id": plan_id,
                    "code": i.id,
                    "name": i.name,
                    "measure": i.measure,
                    "kind": i.kind.value,
                }
                for i in plan.indicators
            ],
        )
    insert_records(conn, plan_id, plan.target_records(), None, now)
    return plan_id
