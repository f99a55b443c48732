"""Sign-off of a period and reports returned for correction, as the rest of chitieu sees them.

A locked period's figures do not change: a return arriving later is archived and
quarantined with the reason "kỳ đã khóa" (`lock_reason`, called by intake), review
answers and figures typed by hand are refused (`Store.refuse_if_locked`). A unit whose
report was returned (trả lại) has its figures held for review until a corrected report
arrives (`mark_returned`, called by reconciliation).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chitieu.store.clerk import PeriodEvent

LOCKED_REASON = "kỳ đã khóa"


def lock_reason(store: Any, plan_id: int, periods: Iterable[str | None]) -> str | None:
    """Why a return for these periods cannot count, or None when every one is open."""
    if not hasattr(store, "locks"):
        return None
    locks = store.locks(plan_id)
    hit = [locks[p] for p in sorted({p for p in periods if p}) if p in locks]
    if not hit:
        return None
    who = "; ".join(f"kỳ {ev.period} khóa bởi {ev.person} lúc {ev.at:%d/%m/%Y %H:%M}" for ev in hit)
    return f"{LOCKED_REASON} ({who}): tệp được lưu trữ, không tính vào số liệu"


def describe_lock(ev: PeriodEvent) -> str:
    return f"đã khóa bởi {ev.person} lúc {ev.at:%H:%M ngày %d/%m/%Y}"


def mark_returned(
    records: Sequence[Any], returned: Mapping[tuple[str, str], PeriodEvent]
) -> list[Any]:
    """Records of a unit whose report was returned, flagged as waiting for its correction."""
    if not returned:
        return list(records)
    out = []
    for rec in records:
        ev = returned.get((rec.unit, rec.period))
        if ev is None:
            out.append(rec)
            continue
        note = f"đã trả lại đơn vị ngày {ev.at:%d/%m/%Y}: chờ báo cáo sửa"
        out.append(dataclasses.replace(rec, needs_review=True, note=note))
    return out


def exempt_units(store: Any, plan_id: int, period: str) -> set[str]:
    """Units excused from reporting for the period: no reminder, not counted missing."""
    if not hasattr(store, "excused"):
        return set()
    return {unit for unit, _ in store.excused(plan_id, period)}


def lock_lifted(store: Any, plan_id: int, held: Any) -> bool:
    """A file quarantined because its period was locked, whose period is open again."""
    if not (held.reason or "").startswith(LOCKED_REASON) or not held.period:
        return False
    return lock_reason(store, plan_id, [held.period]) is None
