"""A grammar of reporting rounds: a large seeded plan and the returns of one of its periods.

The plan is tests/plan_grammar.py's, drawn large (2–5 years or a reporting series, 20–25
indicators, 30–40 units with numbered wards and agencies); the returns are partial: some
units send nothing, some send late, some figures await review, some indicators are left
blank. Used by tests/test_report_pages.py on a tuning half and a held-out half of seeds.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from plan_grammar import random_plan

from chitieu.plan import Plan
from chitieu.reconcile import Reconciliation, reconcile
from chitieu.record import Record


def report_plan(seed: int) -> dict:
    """A large plan (as the dict a plan.yaml holds), reproducible from `seed`."""
    return random_plan(seed, large=True)


def reporting_round(plan: Plan, seed: int) -> tuple[str, Reconciliation]:
    """A period of `plan` (one with targets) and the reconciliation of partial returns
    for it: ~75% of the units report, ~6% of their figures await review, some late, a
    rate's numerator never above its denominator."""
    rng = random.Random(seed * 31 + 7)
    with_targets = [
        p
        for p in plan.all_periods
        if any(
            plan.target(u.id, i.id, p.key) is not None for u in plan.units for i in plan.indicators
        )
    ] or list(plan.all_periods)
    period = rng.choice(with_targets)
    records: list[Record] = []
    receipts: dict[tuple[str, str], datetime] = {}
    due = datetime.combine(period.end, datetime.min.time()) + timedelta(days=10)
    for u in plan.reporting_units:
        if rng.random() < 0.25:
            continue
        receipts[(u.id, period.key)] = due + timedelta(days=rng.randint(-9, 6), hours=9)
        values: dict[str, int] = {}
        for ind in plan.indicators:
            if ind.is_rate or rng.random() < 0.05:
                continue
            target = plan.target(u.id, ind.id, period.key)
            base = target if isinstance(target, int) else rng.randint(0, 60)
            values[ind.id] = max(0, base + rng.randint(-base // 2 - 1, base // 2 + 2))
        for rate in (i for i in plan.indicators if i.is_rate):
            # a rate's numerator counts part of its denominator: never more than it
            if rate.numerator in values and rate.denominator in values:
                values[rate.numerator] = rng.randint(0, values[rate.denominator])
        for ind_id, value in values.items():
            records.append(
                Record(u.id, ind_id, period.key, value, needs_review=rng.random() < 0.06)
            )
    return period.key, reconcile(plan, records, receipts)


__all__ = ["report_plan", "reporting_round"]
