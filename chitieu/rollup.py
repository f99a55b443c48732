"""Totals at every level of the unit hierarchy, from the reporting units' rows.

Counts are summed over the leaves below a unit; a rate is recomputed from the summed
numerator and denominator, never averaged. A level's target is the plan's own target
for that unit when it has one, else the sum of its leaves' targets (for a rate: the
leaves' common target, if they share one). One figure under review anywhere below
makes the total `cho_xac_minh`; no leaf reporting makes it `chua_bao_cao`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from chitieu.comparison import Row, Status, rate_value, status_of
from chitieu.plan import Plan


@dataclass
class _Sum:
    target: float | int | None = None
    result: float | int | None = None
    expected: int = 0
    reported: int = 0
    review: bool = False
    estimate: bool = False
    rate_targets: set[float] = field(default_factory=set)
    on_year: bool = False  # lũy kế against the year's target (`Row.basis`)
    own_result: float | int | None = None  # the period's own figures, summed

    def add(self, row: Row) -> None:
        self.expected += 1
        if row.on_year:
            self.on_year = True
            if row.period_result is not None:
                self.own_result = (self.own_result or 0) + row.period_result
        if row.target is not None:
            self.target = (self.target or 0) + row.target
            self.rate_targets.add(float(row.target))
        if row.result is not None:
            self.result = (self.result or 0) + row.result
            self.reported += 1
        if row.status == "cho_xac_minh":
            self.review = True
        if row.estimate:
            self.estimate = True


def ancestors(plan: Plan) -> dict[str, list[str]]:
    """unit id → the ids of every unit above it, nearest first."""
    out: dict[str, list[str]] = {}
    for unit in plan.units:
        chain: list[str] = []
        seen = {unit.id}
        up = unit.parent
        while up is not None and up not in seen:
            chain.append(up)
            seen.add(up)
            up = plan.unit_by_id[up].parent if up in plan.unit_by_id else None
        out[unit.id] = chain
    return out


def rollup_rows(plan: Plan, rows: Sequence[Row]) -> list[Row]:
    """One total row per non-leaf unit × indicator × period, in plan order of units."""
    up = ancestors(plan)
    groups: dict[str, list[Row]] = {}
    for row in rows:
        for a in up.get(row.unit, ()):
            groups.setdefault(a, []).append(row)
    out: list[Row] = []
    for unit in plan.units:
        if unit.id in groups:
            out.extend(aggregate(plan, groups[unit.id], unit.id))
    return out


def aggregate(plan: Plan, rows: Iterable[Row], unit: str) -> list[Row]:
    """Total rows for `unit` (a level of the hierarchy, or any label) over `rows`."""
    sums: dict[tuple[str, str], _Sum] = {}
    for row in rows:
        sums.setdefault((row.indicator, row.period), _Sum()).add(row)
    periods = [p.key for p in plan.all_periods]
    made: dict[tuple[str, str], Row] = {}
    counts: dict[tuple[str, str], _Sum] = {}
    # counts first: a rate needs its numerator's and denominator's totals
    rates = {i.id for i in plan.indicators if i.is_rate}
    for ind in sorted(plan.indicators, key=lambda i: i.id in rates):
        for per in periods:
            s = sums.get((ind.id, per))
            if s is None:
                continue
            own = plan.target(unit, ind.id, per) if unit in plan.unit_by_id else None
            if own is None and s.on_year and unit in plan.unit_by_id:
                own = plan.year_target(unit, ind.id, per)
            year = {"basis": "year"} if s.on_year else {}
            if ind.id not in rates:
                counts[(ind.id, per)] = s
                target = own if own is not None else s.target
                if s.review:
                    status = Status.cho_xac_minh
                elif s.reported == 0:
                    status = Status.chua_bao_cao
                else:
                    status = status_of(target, s.result, ind.direction)
                made[(ind.id, per)] = Row(
                    unit,
                    ind.id,
                    per,
                    target,
                    s.result,
                    status,
                    True,
                    s.expected,
                    s.reported,
                    estimate=s.estimate,
                    period_result=s.own_result,
                    **year,  # type: ignore[arg-type]
                )
                continue
            num = counts.get((ind.numerator or "", per))
            den = counts.get((ind.denominator or "", per))
            result = rate_value(num.result if num else None, den.result if den else None)
            review = bool((num and num.review) or (den and den.review))
            reported = min(num.reported if num else 0, den.reported if den else 0)
            if own is not None:
                target = own
            else:
                target = next(iter(s.rate_targets)) if len(s.rate_targets) == 1 else None
            if review:
                status = Status.cho_xac_minh
            elif reported == 0:
                status = Status.chua_bao_cao
            elif result is None:  # zero denominator: nothing to do
                status = Status.dat
            else:
                status = status_of(target, result, ind.direction)
            made[(ind.id, per)] = Row(
                unit,
                ind.id,
                per,
                target,
                result,
                status,
                True,
                s.expected,
                reported,
                estimate=bool((num and num.estimate) or (den and den.estimate)),
                period_result=rate_value(
                    num.own_result if num else None, den.own_result if den else None
                )
                if s.on_year
                else None,
                **year,  # type: ignore[arg-type]
            )
    out = [made[(i.id, p)] for i in plan.indicators for p in periods if (i.id, p) in made]
    return out


__all__ = ["aggregate", "ancestors", "rollup_rows"]
