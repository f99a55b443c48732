"""Targets against results: status per unit × indicator × period, roll-ups, completeness,
timeliness (`chitieu.timeliness`) and the plan's validation rules (`chitieu.violations`).

Pure code, no store: `reconcile(plan, results, receipts)` takes the current result
records (the store has already dropped superseded returns) and the time each unit's
return arrived. The CLI and the flows glue the store to it.

Status rules (README "Reconciliation"):

- no result → `chua_bao_cao` (result null);
- a result, or for a rate its numerator or denominator, still needing review →
  `cho_xac_minh`, never counted as met;
- `at_least` (the default): result > target → `vuot`, = → `dat`, < → `chua_dat`;
- `at_most`: result ≤ target → `dat`, above → `chua_dat` (`vuot` is not used: going
  past a ceiling is not an achievement);
- no target assigned but a result reported → `dat` (nothing to miss);
- a rate is numerator / denominator × 100 from the unit's own count results, compared
  with its percentage target; a zero denominator gives no rate and `dat` (nothing to do).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from chitieu.comparison import STATUS_LABELS, Row, Source, Status, rate_value, status_of
from chitieu.cumulative import summed, year_to_date_keys
from chitieu.plan import Plan
from chitieu.plan_parts import Indicator
from chitieu.record import Record, Role
from chitieu.rollup import rollup_rows
from chitieu.timeliness import Timeliness
from chitieu.violations import Violation, plan_violations


@dataclass(frozen=True)
class Reconciliation:
    plan: Plan
    rows: tuple[Row, ...]  # reporting units (leaves), plan order
    totals: tuple[Row, ...]  # every unit with units below it, rolled up
    timeliness: tuple[Timeliness, ...]
    violations: tuple[Violation, ...]
    units_expected: int
    units_reported: int
    ignored: tuple[str, ...] = ()  # results for units/indicators not in the plan
    excused: tuple[tuple[str, str], ...] = ()  # (unit, period) exempt from reporting
    # period → the lock in force (a `chitieu.store.clerk.PeriodEvent`: who, when, why);
    # a period not in it is open, its figures provisional
    locks: Mapping[str, Any] = field(default_factory=dict)
    _index: dict[tuple[str, str, str], Row] = field(default_factory=dict, repr=False)

    def row(self, unit: str, indicator: str, period: str | None = None) -> Row | None:
        """The row (leaf or roll-up) of one unit × indicator × period."""
        if not self._index:
            for r in (*self.rows, *self.totals):
                self._index[(r.unit, r.indicator, r.period)] = r
        return self._index.get((unit, indicator, period or self.plan.main_period.key))

    def leaves_under(self, unit: str | None) -> list[str]:
        """Reporting units at or below `unit` (all of them for None), plan order."""
        if unit is None:
            return [u.id for u in self.plan.reporting_units]
        below = descendants(self.plan, unit)
        return [u.id for u in self.plan.reporting_units if u.id in below]

    def to_json(self) -> dict[str, Any]:
        """The `chitieu reconcile --json` object of contracts.md §3, with extra keys."""
        return {
            "rows": [r.to_json() for r in self.rows],
            "units_expected": self.units_expected,
            "units_reported": self.units_reported,
            "plan": self.plan.document.number,
            "periods": [p.key for p in self.plan.all_periods],
            "totals": [r.to_json() for r in self.totals],
            "timeliness": [t.to_json() for t in self.timeliness],
            "violations": [v.to_json() for v in self.violations],
            "ignored": list(self.ignored),
        }


def reconcile(
    plan: Plan,
    results: Sequence[Record],
    receipts: Mapping[Any, datetime] | None = None,
    excused: Collection[tuple[str, str]] = (),
) -> Reconciliation:
    """Compare result records with the plan's targets.

    `results` are the current result records (a later record for the same unit ×
    indicator × period replaces an earlier one); `receipts` maps a unit id, or a
    (unit id, period key) pair, to the time its return was received. `excused` (unit,
    period) pairs leave completeness and timeliness: the unit was exempted from reporting
    for that period.
    """
    receipts = receipts or {}
    periods = [p.key for p in plan.all_periods]
    leaves = plan.reporting_units
    leaf_ids = {u.id for u in leaves}
    by_key: dict[tuple[str, str, str], Any] = {}
    ignored: list[str] = []
    rates = {i.id for i in plan.indicators if i.is_rate}  # pydantic attribute access is slow
    for rec in results:
        if rec.unit not in plan.unit_by_id or rec.indicator not in plan.indicator_by_id:
            ignored.append(f"{rec.unit}/{rec.indicator}/{rec.period}")
            continue
        if rec.period not in plan.period_by_key:
            ignored.append(f"{rec.unit}/{rec.indicator}/{rec.period}")
            continue
        if rec.indicator in rates:
            ignored.append(f"{rec.unit}/{rec.indicator}/{rec.period}")  # rates are computed
            continue
        by_key[(rec.unit, rec.indicator, rec.period)] = rec

    rows: list[Row] = []
    ytd = year_to_date_keys(plan)
    for unit in leaves:
        for ind in plan.indicators:
            for per in periods:
                if per in ytd and plan.on_year(ind.id, per):
                    row = _year_row(plan, unit.id, ind, per, by_key, ytd[per])
                else:
                    row = _leaf_row(plan, unit.id, ind, ind.id in rates, per, by_key)
                if row is not None:
                    rows.append(row)

    totals = rollup_rows(plan, rows)
    reported_units = {u for (u, _, _) in by_key if u in leaf_ids} | (
        {k[0] if isinstance(k, tuple) else k for k in receipts} & leaf_ids
    )
    with_results = {(u, per) for (u, _, per) in by_key}
    timeliness = [
        Timeliness(
            u.id,
            per.key,
            plan.deadline_for(per, u),
            receipts.get((u.id, per.key), receipts.get(u.id)),
            (u.id, per.key) in with_results,
        )
        for per in plan.all_periods
        for u in leaves
        if (u.id, per.key) not in excused
    ]
    exempt = {u.id for u in leaves if all((u.id, p) in excused for p in periods)}
    violations = plan_violations(plan, rows, periods)
    return Reconciliation(
        plan=plan,
        rows=tuple(rows),
        totals=tuple(totals),
        timeliness=tuple(timeliness),
        violations=tuple(violations),
        units_expected=len(leaves) - len(exempt),
        units_reported=len(reported_units - exempt),
        ignored=tuple(ignored),
        excused=tuple(sorted(excused)),
    )


def reconcile_stored(plan: Plan, store: Any) -> Reconciliation:
    """Reconcile from a `chitieu.store.Store`: its current results and receipt times.

    A plan never taken in has no results: every row is then `chua_bao_cao`.
    """
    plan_id = store.plan_id(plan)
    if plan_id is None:
        return reconcile(plan, [], {})
    from chitieu.review import with_read_value

    results = [with_read_value(store, r) for r in store.current_results(plan_id)]
    excused: set[tuple[str, str]] = set()
    locks: dict[str, Any] = {}
    if hasattr(store, "excused"):  # the clerk's decisions (chitieu.store.clerk)
        from chitieu.locking import mark_returned

        excused = set(store.excused(plan_id))
        locks = dict(store.locks(plan_id))
        results = mark_returned(results, store.returned(plan_id))
    # `store.receipts` would query the current results a second time: derive them here
    # (the same rule: the latest receipt among the records that count), per period.
    receipts: dict[tuple[str, str], datetime] = {}
    for rec in results:
        when = getattr(rec, "received_at", None)
        key = (rec.unit, rec.period)
        if when is not None and (key not in receipts or when > receipts[key]):
            receipts[key] = when
    if any(plan.is_estimate_period(p, u) for p in plan.all_periods for u in plan.reporting_units):
        # Returns due before the period's end: the estimate sent on time made the unit
        # timely, even once the actual figures that came later have superseded it.
        for rec in store.records(plan_id, Role.result):
            key = (rec.unit, rec.period)
            if rec.estimate and rec.received_at is not None and key in receipts:
                receipts[key] = min(receipts[key], rec.received_at)
    out = reconcile(plan, results, receipts, excused)
    return dataclasses.replace(out, locks=locks, _index={}) if locks else out


def _leaf_row(
    plan: Plan,
    unit: str,
    ind: Indicator,
    is_rate: bool,
    per: str,
    by_key: Mapping[tuple[str, str, str], Any],
) -> Row | None:
    target = plan.target(unit, ind.id, per)
    if is_rate:
        num = by_key.get((unit, ind.numerator or "", per))
        den = by_key.get((unit, ind.denominator or "", per))
        if target is None and num is None and den is None:
            return None
        if num is None or den is None or num.value is None or den.value is None:
            return _unreported_row(unit, ind, per, target, (num, den))
        value = rate_value(num.value, den.value)
        review = num.needs_review or den.needs_review
        status = status_of(target, value if den.value else 0.0, ind.direction, needs_review=review)
        if not den.value and not review:
            status = Status.dat
        return _reported_row(unit, ind, per, target, value, status, (num, den))
    rec = by_key.get((unit, ind.id, per))
    if target is None and rec is None:
        return None
    if rec is None:
        return Row(unit, ind.id, per, target, None, Status.chua_bao_cao)
    status = status_of(target, rec.value, ind.direction, needs_review=rec.needs_review)
    return _reported_row(unit, ind, per, target, rec.value, status, (rec,))


def _reported_row(
    unit: str,
    ind: Indicator,
    per: str,
    target: int | float | None,
    value: int | float | None,
    status: Status,
    records: tuple[Any, ...],
) -> Row:
    """A row measured on its own period from the records that gave its figure (a count's
    one, a rate's numerator and denominator): an estimate when one of them is."""
    return Row(
        unit,
        ind.id,
        per,
        target,
        value,
        status,
        reported=1,
        sources=tuple(Source.of(r) for r in records),
        estimate=any(_estimate(r) for r in records),
    )


def _unreported_row(
    unit: str,
    ind: Indicator,
    per: str,
    target: int | float | None,
    records: Sequence[Any],
    basis: str = "period",
) -> Row:
    """A row without a figure, some of the records it needs missing or without a value:
    `cho_xac_minh` when one that came is in doubt, else `chua_bao_cao`."""
    review = any(r is not None and r.needs_review for r in records)
    status = Status.cho_xac_minh if review else Status.chua_bao_cao
    srcs = tuple(Source.of(r) for r in records if r is not None)
    return Row(unit, ind.id, per, target, None, status, sources=srcs, basis=basis)


def _year_row(
    plan: Plan,
    unit: str,
    ind: Indicator,
    per: str,
    by_key: Mapping[tuple[str, str, str], Any],
    keys: tuple[str, ...] | None,
) -> Row | None:
    """A sub-year period without a target of its own: its lũy kế against the year's
    target (`chitieu.cumulative`). A lũy kế that misses a part (an earlier return of the
    year not sent, or not a period of the plan) is None and, when there is a target to
    judge, `cho_xac_minh`: never judged on part of the year."""
    target = plan.year_target(unit, ind.id, per)
    ids = (ind.numerator or "", ind.denominator or "") if ind.is_rate else (ind.id,)
    own = [by_key.get((unit, i, per)) for i in ids]
    if target is None and all(r is None for r in own):
        return None
    if any(r is None or r.value is None for r in own):
        return _unreported_row(unit, ind, per, target, own, basis="year")
    sums = [summed(by_key, unit, i, keys) for i in ids]
    if ind.is_rate:
        num, den = sums
        value = rate_value(num.value, den.value)
        period_value: int | float | None = rate_value(own[0].value, own[1].value)
        known = num.value is not None and den.value is not None
    else:
        value = sums[0].value
        period_value = own[0].value
        known = value is not None
    review = any(s.review for s in sums) or any(r.needs_review for r in own)
    gap = not review and not known and target is not None
    if review or gap:
        status = Status.cho_xac_minh
    elif not known or (ind.is_rate and not sums[1].value):
        status = Status.dat  # nothing to judge: no target, or a zero denominator
    else:
        status = status_of(target, value, ind.direction)
    parts = [*own, *(r for s in sums for r in s.parts if all(r is not o for o in own))]
    return Row(
        unit,
        ind.id,
        per,
        target,
        value,
        status,
        reported=1,
        sources=tuple(Source.of(r) for r in parts),
        estimate=any(s.estimate for s in sums),
        basis="year",
        period_result=period_value,
        gap=gap,
    )


def _estimate(rec: Any) -> bool:
    return bool(getattr(rec, "estimate", False))


def descendants(plan: Plan, unit: str) -> set[str]:
    """`unit` and every unit below it (one pass over the units, not one per level)."""
    kids: dict[str, list[str]] = {}
    for u in plan.units:
        if u.parent is not None:
            kids.setdefault(u.parent, []).append(u.id)
    out = {unit}
    frontier = [unit]
    while frontier:
        frontier = [c for p in frontier for c in kids.get(p, ()) if c not in out]
        out.update(frontier)
    return out


__all__ = [
    "STATUS_LABELS",
    "Reconciliation",
    "Row",
    "Source",
    "Status",
    "descendants",
    "rate_value",
    "reconcile",
    "reconcile_stored",
    "status_of",
]
