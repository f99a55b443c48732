"""The biểu giao chỉ tiêu (quota annex) and the plan's chỉ tiêu sentences, from one source.

Both the annex table and the sentences of section II of the plan are computed here from
`Plan.target`, so text and annex can never disagree. Counts print as the seeds print them
("01", "10", "0"); rates as "12,5%".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from chitieu.plan import Indicator, Plan, Unit
from chitieu.render.grid import Column, Row
from chitieu.vnformat import count, percent

TT_MM = 12.0
UNIT_MM = 62.0


def format_target(ind: Indicator, value: float | int | None) -> str:
    if value is None:
        return ""
    if ind.is_rate:
        return percent(float(value))
    return count(value)


@dataclass(frozen=True)
class QuotaAnnex:
    """The annex of one plan for one period: units in plan order × indicators, plus totals."""

    plan: Plan
    period: str

    @classmethod
    def of(cls, plan: Plan, period: str | None = None) -> QuotaAnnex:
        return cls(plan, period or plan.main_period.key)

    def _has_targets(self, unit: Unit) -> bool:
        return any(
            self.plan.target(unit.id, i.id, self.period) is not None for i in self.indicators
        )

    @cached_property
    def units(self) -> list[Unit]:
        """Units that receive quotas, in plan order.

        A roll-up unit whose own units below it carry targets is left out, so that its
        figure is not counted twice in the Tổng cộng row.
        """
        return [
            u
            for u in self.plan.units
            if self._has_targets(u)
            and not any(self._has_targets(c) for c in self.plan.children(u.id))
        ]

    @property
    def indicators(self) -> list[Indicator]:
        return list(self.plan.indicators)

    def total(self, ind: Indicator) -> int | None:
        """Sum over the annex's units; None for rates and for columns with no target."""
        if ind.is_rate:
            return None
        values = [self.plan.target(u.id, ind.id, self.period) for u in self.units]
        present = [int(v) for v in values if v is not None]
        return sum(present) if present else None

    def title(self) -> str:
        annex = self.plan.annex
        if annex and annex.title:
            return annex.title
        return "BIỂU GIAO CHỈ TIÊU"

    def notes(self) -> list[str]:
        return list(self.plan.annex.notes) if self.plan.annex else []

    # -- table ------------------------------------------------------------------------------
    def columns(self, width_mm: float) -> list[Column]:
        n = max(1, len(self.indicators))
        ind_mm = max(18.0, (width_mm - TT_MM - UNIT_MM) / n)
        cols = [Column("TT", TT_MM), Column("Đơn vị", UNIT_MM, align="left")]
        for ind in self.indicators:
            title = ind.name + (f"\n({ind.measure})" if ind.measure else "")
            cols.append(Column(title, ind_mm, group=ind.group))
        return cols

    def rows(self) -> list[Row]:
        rows = []
        for n, unit in enumerate(self.units, start=1):
            cells = [str(n), unit.name]
            for ind in self.indicators:
                cells.append(format_target(ind, self.plan.target(unit.id, ind.id, self.period)))
            rows.append(Row(cells))
        totals = ["Tổng cộng"]
        for ind in self.indicators:
            t = self.total(ind)
            totals.append(count(t) if t is not None else "")
        rows.append(Row(totals, bold=True, span=2))
        return rows

    # -- sentences --------------------------------------------------------------------------
    def sentences(self) -> list[str]:
        """One "- …" line per indicator with a target, built from the totals above."""
        out = []
        for ind in self.indicators:
            if ind.is_rate:
                values = [self.plan.target(u.id, ind.id, self.period) for u in self.units]
                present = [float(v) for v in values if v is not None]
                if not present:
                    continue
                figure = percent(min(present))
            else:
                total = self.total(ind)
                if total is None:
                    continue
                figure = count(total)
            if ind.sentence:
                text = ind.sentence.replace("{n}", figure)
                if "{n}" not in ind.sentence:
                    text = f"{text}: {figure}"
            else:
                measure = f" {ind.measure}" if ind.measure and not ind.is_rate else ""
                text = f"{ind.name}: {figure}{measure}"
            out.append(f"- {text.rstrip('.;')}.")
        return out


__all__ = ["QuotaAnnex", "format_target"]
