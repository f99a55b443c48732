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
class _Part:
    """Targets and results summed on one basis: the period's own, or the year's."""

    target: float | int | None = None
    result: float | int | None = None
    reported: int = 0
    rate_targets: set[float] = field(default_factory=set)

    def add(self, target: float | int | None, result: float | int | None) -> None:
        if target is not None:
            self.target = (self.target or 0) + target
            self.rate_targets.add(float(target))
        if result is not None:
            self.result = (self.result or 0) + result
            self.reported += 1


@dataclass
class _Sum:
    expected: int = 0
    review: bool = False
    estimate: bool = False
    own: _Part = field(default_factory=_Part)  # each period's own target and figure
    year: _Part = field(default_factory=_Part)  # year's target and lũy kế (`Row.basis`)
    on_year: int = 0  # rows measured on the year

    def add(self, row: Row) -> None:
        self.expected += 1
        if row.on_year:
            self.on_year += 1
            self.year.add(row.target, row.result)
            self.own.add(None, row.period_result)
        else:
            self.own.add(row.target, row.result)
        if row.status == "cho_xac_minh" and not row.gap:  # a gap only leaves the unit out
            self.review = True
        if row.estimate:
            self.estimate = True

    @property
    def all_on_year(self) -> bool:
        """Every row below on the year: the total is too. A mix (some units given the
        quarter's own target) is totalled on the period's own targets and figures."""
        return self.on_year == self.expected > 0

    @property
    def part(self) -> _Part:
        return self.year if self.all_on_year else self.own


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
            on_year = s.all_on_year
            if own is None and on_year and unit in plan.unit_by_id:
                own = plan.year_target(unit, ind.id, per)
            year = {"basis": "year", "period_result": s.own.result} if on_year else {}
            p = s.part
            if ind.id not in rates:
                counts[(ind.id, per)] = s
                target = own if own is not None else p.target
                if s.review:
                    status = Status.cho_xac_minh
                elif p.reported == 0:
                    status = Status.chua_bao_cao
                else:
                    status = status_of(target, p.result, ind.direction)
                made[(ind.id, per)] = Row(
                    unit,
                    ind.id,
                    per,
                    target,
                    p.result,
                    status,
                    True,
                    s.expected,
                    p.reported,
                    estimate=s.estimate,
                    **year,  # type: ignore[arg-type]
                )
                continue
            num = counts.get((ind.numerator or "", per))
            den = counts.get((ind.denominator or "", per))
            nums = (num.year if on_year else num.own) if num else None
            dens = (den.year if on_year else den.own) if den else None
            result = rate_value(nums.result if nums else None, dens.result if dens else None)
            review = bool((num and num.review) or (den and den.review))
            reported = min(nums.reported if nums else 0, dens.reported if dens else 0)
            if own is not None:
                target = own
            else:
                target = next(iter(p.rate_targets)) if len(p.rate_targets) == 1 else None
            if on_year:
                year["period_result"] = rate_value(
                    num.own.result if num else None, den.own.result if den else None
                )
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
                **year,  # type: ignore[arg-type]
            )
    out = [made[(i.id, p)] for i in plan.indicators for p in periods if (i.id, p) in made]
    return out


__all__ = ["aggregate", "ancestors", "rollup_rows"]
