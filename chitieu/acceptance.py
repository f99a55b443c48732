"""Whether a reading can be accepted for a plan: its unit, indicators, periods and
values all the plan's (`judge`), and which of its figures are estimates."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import TYPE_CHECKING

from chitieu.record import Extraction, Problem, Record
from chitieu.store.models import wall_clock

if TYPE_CHECKING:
    from chitieu.plan import Plan


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
