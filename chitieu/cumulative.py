"""Lũy kế: a month's, a quarter's, 6 or 9 months' figure since the start of its year, for
the periods that the plan measures against the year's target (README "Sub-year periods
against the year's target").

A quarter without a target of its own is not measured against the year's target as if
that were the quarter's: its figures from the year's first quarter up to it are added
(6 and 9 months already start with the year) and the sum is compared with the year's
target. A rate's lũy kế is its summed numerator over its summed denominator, never an
average of rates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from chitieu.plan import Plan
from chitieu.sub_year import year_to_date


@dataclass(frozen=True)
class Summed:
    """A lũy kế of one unit × indicator: None when a part is missing; the records added."""

    value: int | float | None
    review: bool
    estimate: bool
    parts: tuple[Any, ...]


def year_to_date_keys(plan: Plan) -> dict[str, tuple[str, ...] | None]:
    """sub-year period key → the keys whose figures make its lũy kế (None: not knowable)."""
    out: dict[str, tuple[str, ...] | None] = {}
    for per in plan.all_periods:
        if per.key in plan.year_of:
            ytd = year_to_date(plan.all_periods, per)
            out[per.key] = tuple(p.key for p in ytd) if ytd is not None else None
    return out


def summed(
    by_key: Mapping[tuple[str, str, str], Any],
    unit: str,
    indicator: str,
    keys: tuple[str, ...] | None,
) -> Summed:
    """The lũy kế of one count from the records of `keys` (the year's periods up to this)."""
    if keys is None:
        return Summed(None, False, False, ())
    recs = [by_key.get((unit, indicator, k)) for k in keys]
    present = tuple(r for r in recs if r is not None)
    review = any(r.needs_review for r in present)
    estimate = any(bool(getattr(r, "estimate", False)) for r in present)
    if len(present) < len(recs) or any(r.value is None for r in present):
        return Summed(None, review, estimate, present)
    return Summed(sum(r.value for r in present), review, estimate, present)


__all__ = ["Summed", "summed", "year_to_date_keys"]
