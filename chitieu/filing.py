"""Filing a file that was read: stored with its records, quarantined with its reason,
or (a held file still not acceptable) left in quarantine; the outcome says which."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from chitieu.acceptance import judge, mark_estimates
from chitieu.errors import StoreError
from chitieu.inbox import display_name
from chitieu.outcome import FileOutcome, Status, duplicate
from chitieu.record import Extraction, Record, Role

if TYPE_CHECKING:
    from chitieu.arrival import Arrival
    from chitieu.plan import Plan
    from chitieu.store import Store


def file_arrival(
    store: Store,
    plan: Plan,
    plan_id: int,
    path: Path,
    arrival: Arrival,
    extraction: Extraction | None,
    error: str | None,
    unreadable: bool = False,
) -> FileOutcome:
    """Store an arrival with its reading (`extraction`) or the `error` that stopped it, and
    say what became of it: accepted, quarantined, still held, or failed to store."""
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
            duplicate(path, received_at, archived, held),
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
        from chitieu.timeliness import Timeliness

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
