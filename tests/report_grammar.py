"""A grammar of reporting rounds: a large seeded plan and the returns of one of its periods.

The plan is tests/plan_grammar.py's, drawn large (2–5 years or a reporting series, 20–25
indicators, 30–40 units with numbered wards and agencies); the returns are partial: some
units send nothing, some send late, some figures await review, some indicators are left
blank. Used by tests/test_report_pages.py on a tuning half and a held-out half of seeds.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path

from plan_grammar import random_plan

from chitieu.plan import Plan
from chitieu.reconcile import Reconciliation, reconcile
from chitieu.record import Record
from chitieu.report.view import ReportView


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
    # a second stream, so that every other draw of a seed stays as it was: now and then a
    # unit reports many times its small target ("900%"), which the chart must still show
    wild = random.Random(seed * 131 + 5)
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
            if wild.random() < 0.01 and isinstance(target, int) and 0 < target <= 5:
                values[ind.id] = target * wild.randint(6, 12)
        for rate in (i for i in plan.indicators if i.is_rate):
            # a rate's numerator counts part of its denominator: never more than it
            if rate.numerator in values and rate.denominator in values:
                values[rate.numerator] = rng.randint(0, values[rate.denominator])
        for ind_id, value in values.items():
            records.append(
                Record(u.id, ind_id, period.key, value, needs_review=rng.random() < 0.06)
            )
    return period.key, reconcile(plan, records, receipts)


SERIES_KINDS = {"quarter": ["quarter", "year"], "half-year": ["half-year", "nine-months", "year"]}


def report_round(seed: int) -> tuple[Plan, str, Reconciliation]:
    """The plan, period and reconciliation of one drafted report: an even seed is a large
    plan's `reporting_round`, an odd one a large series plan's quarter (seed % 4 == 1) or
    6 months with yearly targets."""
    from series_grammar import series_plan, series_returns

    from chitieu.plan import parse_plan

    if seed % 2 == 0:
        plan = parse_plan(json.dumps(report_plan(seed), ensure_ascii=False))
        period, rec = reporting_round(plan, seed)
    else:
        kind = "quarter" if seed % 4 == 1 else "half-year"
        data = series_plan(seed, SERIES_KINDS[kind], large=True)
        plan = parse_plan(json.dumps(data, ensure_ascii=False))
        period, records, receipts = series_returns(plan, seed, kind)
        rec = reconcile(plan, records, receipts)
    return plan, period, rec


def draft_report(seed: int, out: Path) -> tuple[str, ReportView, Path]:
    """`report_round(seed)`'s consolidated report drafted to DOCX (no PDF) under `out`.
    Returns (DOCX stem, view, DOCX), the stem unique per seed."""
    from chitieu.report import write_report
    from chitieu.report.view import build_view

    plan, period, rec = report_round(seed)
    paths = write_report(plan, rec, out / str(seed), period=period, pdf=False)
    docx = paths[0].rename(paths[0].with_name(f"s{seed}-{paths[0].name}"))
    return docx.stem, build_view(plan, rec, period=period), docx


__all__ = ["SERIES_KINDS", "draft_report", "report_plan", "report_round", "reporting_round"]
