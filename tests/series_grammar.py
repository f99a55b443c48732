"""A grammar of series plans and their returns over several periods.

The plan is tests/plan_grammar.py's (units, indicators, rates, ceilings), its periods
replaced by a series (`chitieu.periods`): calendar, Nghị định 09 or 16-15 cut-offs; years,
quarters, 6 and 9 months, months, in the combinations plans use (quarters and year,
6 months and year, months only, quarters 2–4 only...); 1–3 years. Each unit × indicator
gets a target of one shape: a plain number (the year's), a dict of years, a dict of
sub-year periods (the period's own, some left out), or none. Returns come for every
period up to a chosen one, partial: units silent for a period, indicators left blank,
figures under review, a rate's numerator never above its denominator.
"""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta

from plan_grammar import random_plan

from chitieu.plan import Plan
from chitieu.record import Record

SHAPES = [
    ["quarter", "year"],
    ["half-year", "year"],
    ["quarter", "half-year", "nine-months", "year"],
    ["month", "year"],
    ["quarter"],
    ["month"],
    ["half-year", "nine-months"],
]


def series_plan(seed: int, kinds: list[str] | None = None, *, large: bool = False) -> dict:
    """A plan dict with a series of periods and mixed target shapes, from `seed` (`kinds`:
    the series' kinds, else drawn; `large`: plan_grammar's large plans)."""
    rng = random.Random(seed * 977 + 3)
    data = random_plan(seed, large=large)
    # the years the plan's title names ("giai đoạn 2022 - 2026"), up to three of them
    named = [int(y) for y in re.findall(r"\b(20\d{2})\b", data["document"]["title"])]
    first, last = min(named), max(named)
    years = list(range(first, min(last, first + rng.randint(0, 2)) + 1))
    kinds = kinds or rng.choice(SHAPES)
    series: dict = {
        "scheme": rng.choice(["calendar", "nd09", "16-15"]),
        "kind": kinds,
        "years": years,
        "report_deadline": rng.choice([5, 10, -3]),
    }
    if "quarter" in kinds and rng.random() < 0.2:
        series["quarters"] = [2, 3, 4]  # a series that starts late: Q2's lũy kế is unknown
    data["periods"] = series
    for ind in data["indicators"]:  # ceilings: "no more than 2 new drug spots"
        if ind.get("kind") != "rate" and rng.random() < 0.2:
            ind["direction"] = "at_most"
    sub = _sub_year_keys(kinds, years, series.get("quarters"))
    # one shape per indicator, as plans write them: the year's number, a number per year,
    # the two mixed across units, or targets of the periods' own (some left out); rarely a
    # unit with only the year's target beside units with the period's own
    shapes = {
        ind["id"]: rng.choice(["year", "per-year", "mixed", "mixed", "per-period", "none"])
        for ind in data["indicators"]
    }
    targets: dict[str, dict] = {}
    for u in data["units"][1:]:
        mine: dict = {}
        for ind in data["indicators"]:
            shape = shapes[ind["id"]]
            if shape == "mixed":
                shape = rng.choice(["year", "per-year"])
            if shape == "per-period" and (not sub or rng.random() < 0.05):
                shape = "year"
            base = rng.choice([50, 70, 80, 90, 100]) if ind.get("kind") == "rate" else None
            if shape == "none" or rng.random() < 0.15:
                continue
            if shape == "year":
                mine[ind["id"]] = base if base is not None else rng.randint(0, 80)
            elif shape == "per-year":
                mine[ind["id"]] = {
                    y: base if base is not None else rng.randint(0, 80) for y in years
                }
            else:  # the periods' own, some left out (they then have none)
                own = {k: base or rng.randint(0, 25) for k in sub if rng.random() < 0.7}
                if own:
                    mine[ind["id"]] = own
        if mine:
            targets[u["id"]] = mine
    data["targets"] = targets
    data.pop("rules", None)
    return data


def _sub_year_keys(kinds: list[str], years: list[int], quarters: list[int] | None) -> list[str]:
    out = []
    for y in years:
        for k in kinds:
            if k == "quarter":
                out += [f"{y}-Q{q}" for q in quarters or [1, 2, 3, 4]]
            elif k == "month":
                out += [f"{y}-{m:02d}" for m in range(1, 13)]
            elif k == "half-year":
                out.append(f"{y}-H1")
            elif k == "nine-months":
                out.append(f"{y}-9M")
    return out


def series_returns(
    plan: Plan, seed: int, kind: str | None = None
) -> tuple[str, list[Record], dict[tuple[str, str], datetime]]:
    """A period of `plan` (of `kind` when given) and the returns of every period ending up
    to it (partial)."""
    rng = random.Random(seed * 31 + 11)
    periods = sorted(plan.all_periods, key=lambda p: (p.end, p.start))
    sub = [p for p in periods if p.kind in (kind,) or (kind is None and p.kind != "year")]
    chosen = rng.choice(sub or periods)
    records: list[Record] = []
    receipts: dict[tuple[str, str], datetime] = {}
    for per in periods:
        if per.end > chosen.end:
            continue
        for u in plan.reporting_units:
            if rng.random() < 0.2:
                continue
            receipts[(u.id, per.key)] = datetime.combine(per.end, datetime.min.time()) + (
                timedelta(days=rng.randint(1, 12), hours=9)
            )
            values: dict[str, int] = {}
            for ind in plan.indicators:
                if ind.is_rate or rng.random() < 0.06:
                    continue
                values[ind.id] = rng.randint(0, 30)
            for rate in (i for i in plan.indicators if i.is_rate):
                if rate.numerator in values and rate.denominator in values:
                    values[rate.numerator] = rng.randint(0, values[rate.denominator])
            for ind_id, value in values.items():
                records.append(
                    Record(u.id, ind_id, per.key, value, needs_review=rng.random() < 0.04)
                )
    return chosen.key, records, receipts


__all__ = ["series_plan", "series_returns"]
