"""Months, quarters, 6 and 9 months as parts of a year: which year's target they belong to,
and which periods add up to their figure since the year's start (lũy kế). README "Sub-year
periods against the year's target"; `chitieu.cumulative` sums the figures.
"""

from __future__ import annotations

from typing import Any

# Kinds that are part of a year: measured against the year's target when the plan gives
# none of their own (README "Sub-year periods against the year's target").
SUB_YEAR_KINDS = ("month", "quarter", "half-year", "nine-months")
# kinds whose figures already run from the start of the year (the report is lũy kế)
CUMULATIVE_KINDS = ("half-year", "nine-months")


def year_key(period: Any) -> str | None:
    """The year a sub-year period belongs to, as a target key ("2022" for 2022-Q1, also
    under Nghị định 09 where Q1 starts on 15/12/2021); None for any other period."""
    if getattr(period, "kind", None) not in SUB_YEAR_KINDS:
        return None
    return str(period.end.year)


def year_to_date(periods: list[Any], period: Any) -> list[Any] | None:
    """The periods whose figures add up to `period`'s cumulative figure since the start of
    its year (lũy kế): itself for 6 and 9 months (their data already start with the year),
    the year's months or quarters up to it otherwise. None when one of these is not a
    period of the plan (a series of quarters 2–4 cannot say what Q1 added)."""
    year = year_key(period)
    if year is None:
        return None
    if period.kind in CUMULATIVE_KINDS:
        return [period]
    count = {"month": 12, "quarter": 4}[period.kind]
    index = _index_in_year(period, count)
    if index is None:
        return None
    mine = {
        _index_in_year(p, count): p
        for p in periods
        if getattr(p, "kind", None) == period.kind and year_key(p) == year
    }
    out = [mine.get(i) for i in range(1, index + 1)]
    return None if any(p is None for p in out) else out  # type: ignore[return-value]


def _index_in_year(period: Any, count: int) -> int | None:
    """1–12 for a month, 1–4 for a quarter: from the month its data end in."""
    month = period.end.month
    if count == 4:
        return (month + 2) // 3
    return month


__all__ = ["CUMULATIVE_KINDS", "SUB_YEAR_KINDS", "year_key", "year_to_date"]
