"""The plan's validation rules broken by one unit's figures (targets or results), and
the targets a unit handed down that fall short of its own.

`chitieu.rules` holds the rules themselves; here they are run over a reconciliation's
rows, one `Violation` per unit × period × rule broken.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chitieu.comparison import Row
from chitieu.plan import Plan
from chitieu.plan_parts import Direction
from chitieu.rules import plan_rules


@dataclass(frozen=True)
class Violation:
    """A validation rule broken by one unit's figures (targets or results)."""

    code: str
    rule: str  # the rule in Vietnamese, "… ≤ …"
    name: str | None
    unit: str
    period: str
    role: str  # "result" or "target"
    left: float
    right: float

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "rule": self.rule,
            "name": self.name,
            "unit": self.unit,
            "period": self.period,
            "role": self.role,
            "left": _num(self.left),
            "right": _num(self.right),
        }


def plan_violations(plan: Plan, rows: list[Row], periods: list[str]) -> list[Violation]:
    """The plan's validation rules broken by targets or results, and the units that gave
    their units below less than their own target."""
    return _rule_breaks(plan, rows, periods) + _allocation_gaps(plan, periods)


def _allocation_gaps(plan: Plan, periods: list[str]) -> list[Violation]:
    """A unit whose own target is more than what it gave the units below it: the plan
    contradicts its own annex (the level cannot meet its target from its units' targets)."""
    kids: dict[str, list[str]] = {}
    for u in plan.units:
        if u.parent is not None:
            kids.setdefault(u.parent, []).append(u.id)
    out: list[Violation] = []
    for unit, below in kids.items():
        for ind in plan.indicators:
            if ind.is_rate or ind.direction != Direction.at_least:
                continue
            for per in periods:
                own = plan.target(unit, ind.id, per)
                given = [plan.target(c, ind.id, per) for c in below]
                given = [g for g in given if g is not None]
                if own is None or not given or sum(given) >= own:
                    continue
                out.append(
                    Violation(
                        "giao-thieu",
                        f"Tổng chỉ tiêu “{ind.name}” giao cho cấp dưới ≥ chỉ tiêu của đơn vị",
                        "Chỉ tiêu giao cho các đơn vị cấp dưới thấp hơn chỉ tiêu được giao",
                        unit,
                        per,
                        "target",
                        sum(given),
                        own,
                    )
                )
    return out


def _rule_breaks(plan: Plan, rows: list[Row], periods: list[str]) -> list[Violation]:
    rules = plan_rules(plan)
    if not rules:
        return []
    names = {i.id: i.name for i in plan.indicators}
    rates = {i.id for i in plan.indicators if i.is_rate}
    results: dict[tuple[str, str], dict[str, int | float | None]] = {}
    for r in rows:
        if r.indicator not in rates:  # the figures the return gave, never a lũy kế
            results.setdefault((r.unit, r.period), {})[r.indicator] = r.own_result
    out: list[Violation] = []
    for unit in plan.units:
        for per in periods:
            targets = {i.id: plan.target(unit.id, i.id, per) for i in plan.indicators}
            for role, values in (("target", targets), ("result", results.get((unit.id, per)))):
                if not values:
                    continue
                for rule in rules:
                    res = rule.check(values)
                    if res is not None and not res.passed:
                        out.append(
                            Violation(
                                rule.code,
                                rule.describe(names),
                                rule.name,
                                unit.id,
                                per,
                                role,
                                res.left,
                                res.right,
                            )
                        )
    return out


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


__all__ = ["Violation", "plan_violations"]
