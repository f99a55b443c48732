"""The biểu giao chỉ tiêu (quota annex) and the plan's chỉ tiêu sentences, from one source.

Both the annex tables and the sentences of section II of the plan are computed here from
`Plan.target`, so text and annex can never disagree. Counts print as the seeds print them
("01", "10", "0"); rates as "12,5%".

Every period's targets are printed: a plan whose targets change from period to period gets
one table per period ("Năm 2026", "Năm 2027", …), or, when a single unit carries them, one
table with a column per period; its sentences read "năm 2026: 40%; năm 2027: 50%; …", as the
plans write them. Only indicators with a target get a column, and a table wider than the
page is split into several tables that each repeat TT and Đơn vị.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from chitieu.plan import Indicator, Period, Plan, Unit
from chitieu.plan_parts import GENERIC_KINDS
from chitieu.render.annex_columns import MIN_VALUE_MM, TABLE_PT, table_columns
from chitieu.render.grid import LINE_FACTOR, Column, Row, fits_a_page, table_height_pt
from chitieu.vnformat import count, percent

TT_MM = 10.0
UNIT_MM = 46.0  # fixed: long names wrap inside it instead of squeezing the figures
NAME_MM = 90.0  # the Chỉ tiêu column of a single unit's table


def format_target(ind: Indicator, value: float | int | None) -> str:
    if value is None:
        return ""
    if ind.is_rate:
        return percent(float(value))
    return count(value)


def period_label(period: Period) -> str:
    """ "năm 2026", "quý I/2026", "tháng 6/2021" or the dates (lower case, for sentences)."""
    from chitieu.render.return_form import period_text

    return period_text(period)


def _capital(s: str) -> str:
    return s[:1].upper() + s[1:]


@dataclass(frozen=True)
class AnnexTable:
    """One printed table of the annex: an optional heading line above, columns and rows."""

    heading: str | None
    columns: list[Column]
    rows: list[Row]

    def height_pt(self) -> float:
        """An estimate of the printed height: heading, header and rows."""
        heading = 2 * TABLE_PT * LINE_FACTOR if self.heading else 0.0
        return heading + table_height_pt(self.columns, self.rows, TABLE_PT)

    def fits_a_page(self, first: bool = False) -> bool:
        """Short enough to print whole on one landscape page (then it is never split); the
        `first` table shares its page with the phụ lục's title block."""
        return fits_a_page(self.height_pt(), first)


@dataclass(frozen=True)
class QuotaAnnex:
    """The annex of one plan: units in plan order × indicators with a target, plus totals."""

    plan: Plan
    period: str  # the plan's main period (what one-period callers read)

    @classmethod
    def of(cls, plan: Plan, period: str | None = None) -> QuotaAnnex:
        return cls(plan, period or plan.main_period.key)

    @property
    def periods(self) -> list[Period]:
        return list(self.plan.all_periods)

    def _has_targets(self, unit: Unit) -> bool:
        return any(
            self.plan.target(unit.id, i.id, p.key) is not None
            for i in self.plan.indicators
            for p in self.periods
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

    @cached_property
    def indicators(self) -> list[Indicator]:
        """Indicators with a target somewhere: a column with no target is left out."""
        return [
            i
            for i in self.plan.indicators
            if any(
                self.plan.target(u.id, i.id, p.key) is not None
                for u in self.units
                for p in self.periods
            )
        ]

    def unit_label(self, unit: Unit) -> str:
        """ "Quan Hoa" when every unit is of one kind; "Huyện Đắk Hà", "Thành phố Kon Tum",
        "Công an tỉnh" when kinds are mixed, so that no two rows read alike."""
        kinds = {u.kind.strip().lower() for u in self.units} - set(GENERIC_KINDS) - {""}
        return unit.name if len(kinds) <= 1 else unit.full_name

    def has_target(self, ind: Indicator, period: str) -> bool:
        """Whether some unit of the annex has a target for `ind` in `period`."""
        return any(self.plan.target(u.id, ind.id, period) is not None for u in self.units)

    def targeted_periods(self, ind: Indicator) -> list[Period]:
        """The periods in which `ind` is assigned (yearly quotas: not the 6-month periods)."""
        return [p for p in self.periods if self.has_target(ind, p.key)]

    def steady_period(self, ind: Indicator) -> str:
        """The period whose targets stand for an indicator that does not vary: the main
        period, or the first one that assigns it."""
        if self.has_target(ind, self.period):
            return self.period
        return next((p.key for p in self.targeted_periods(ind)), self.period)

    def varies(self, ind: Indicator) -> bool:
        """Whether some unit's target for `ind` differs between the periods it is set for.

        A period with no target at all for `ind` (a 6-month reporting period of a plan
        whose quotas are yearly) is not a change: it has nothing to print.
        """
        periods = self.targeted_periods(ind)
        for u in self.units:
            values = {self.plan.target(u.id, ind.id, p.key) for p in periods}
            if len(values) > 1:
                return True
        return False

    def untargeted_notes(self) -> list[str]:
        """One "Lưu ý" line per group of periods in which some indicators of the annex have
        no target: what the units report in those periods, instead of an empty table."""
        if len(self.periods) < 2 or not self.indicators:
            return []
        groups: dict[tuple[str, ...], list[Period]] = {}
        for p in self.periods:
            missing = tuple(i.id for i in self.indicators if not self.has_target(i, p.key))
            if missing:
                groups.setdefault(missing, []).append(p)
        out = []
        for missing, periods in groups.items():
            when = _periods_phrase(periods)
            per_period = {i.id for i in self.indicators if self.by_period and self.varies(i)}
            yearly = all(
                (period_label(q) or "").startswith("năm ")
                for i in missing
                for q in self.targeted_periods(self.plan.indicator_by_id[i])
            )
            if len(missing) == len(self.indicators):
                what = "không giao chỉ tiêu riêng"
            elif set(missing) == per_period and yearly and len(missing) > 1:
                what = "không giao chỉ tiêu riêng đối với các chỉ tiêu giao theo từng năm ở trên"
            else:
                names = [self.plan.indicator_by_id[i].name for i in missing]
                what = "không giao chỉ tiêu riêng đối với: " + "; ".join(names)
            out.append(
                f"Kỳ báo cáo {when} {what}; các đơn vị báo cáo kết quả thực hiện trong kỳ "
                "để theo dõi tiến độ thực hiện chỉ tiêu được giao."
            )
        return out

    @cached_property
    def by_period(self) -> bool:
        """Print one set of figures per period (the targets change over the periods)."""
        return len(self.periods) > 1 and any(self.varies(i) for i in self.indicators)

    def total(self, ind: Indicator, period: str | None = None) -> int | None:
        """Sum over the annex's units; None for rates and for columns with no target."""
        if ind.is_rate:
            return None
        values = [self.plan.target(u.id, ind.id, period or self.period) for u in self.units]
        present = [int(v) for v in values if v is not None]
        return sum(present) if present else None

    def figure(self, ind: Indicator, period: str) -> str | None:
        """The plan-wide figure of one indicator in one period: a total, or the lowest rate."""
        if ind.is_rate:
            values = [self.plan.target(u.id, ind.id, period) for u in self.units]
            present = [float(v) for v in values if v is not None]
            return percent(min(present)) if present else None
        total = self.total(ind, period)
        return count(total) if total is not None else None

    def span_text(self) -> str:
        """ "năm 2026", "giai đoạn 2026 - 2030", "năm 2021": the years the targets cover."""
        first, last = self.periods[0], self.periods[-1]
        y0 = first.key[:4] if first.key[:4].isdigit() else str(first.end.year)
        y1 = last.key[:4] if last.key[:4].isdigit() else str(last.end.year)
        if y0 == y1:
            return f"năm {y0}"
        return f"giai đoạn {y0} - {y1}"

    def title(self) -> str:
        annex = self.plan.annex
        base = annex.title if annex and annex.title else "BIỂU GIAO CHỈ TIÊU"
        if len(self.periods) > 1 and not re.search(r"\b(19|20)\d\d\b", base):
            return f"{base} {self.span_text()}".upper()
        return base

    def notes(self) -> list[str]:
        """The plan's own "Lưu ý" lines, then what is reported in periods without targets."""
        own = list(self.plan.annex.notes) if self.plan.annex else []
        return own + self.untargeted_notes()

    def sheet_blocks(self) -> list[tuple[str, str | None, list[Indicator], str | None]]:
        """(sheet name, period, indicators, heading) for the workbook: one block, or the
        steady targets and then one block per period (period None: each indicator's
        `steady_period`)."""
        if not self.by_period:
            return [("Biểu chỉ tiêu", None, self.indicators, None)]
        steady = [i for i in self.indicators if not self.varies(i)]
        changing = [i for i in self.indicators if self.varies(i)]
        out: list[tuple[str, str | None, list[Indicator], str | None]] = []
        if steady:
            out.append(("Hằng năm", None, steady, f"Hằng năm, {self.span_text()}"))
        for p in self.periods:
            inds = [i for i in changing if self.has_target(i, p.key)]
            if not inds:  # nothing assigned in this period: said in a note, no empty sheet
                continue
            label = _capital(period_label(p))
            out.append((label.replace("/", "-"), p.key, inds, label))
        return out

    # -- tables -----------------------------------------------------------------------------
    def tables(self, width_mm: float) -> list[AnnexTable]:
        """The tables to print, each at most `width_mm` wide."""
        if self.by_period and len(self.units) == 1:
            return self._single_unit_tables(width_mm)
        if self.by_period:
            # targets that stay the same every period print once, the others per period
            steady = [i for i in self.indicators if not self.varies(i)]
            changing = [i for i in self.indicators if self.varies(i)]
            out: list[AnnexTable] = []
            if steady:
                head = f"Hằng năm, {self.span_text()}"
                out.extend(self._unit_tables(width_mm, None, head, steady))
            for p in self.periods:
                inds = [i for i in changing if self.has_target(i, p.key)]
                if inds:  # a period with nothing assigned gets a note, not an empty table
                    out.extend(self._unit_tables(width_mm, p.key, _capital(period_label(p)), inds))
            return out
        return self._unit_tables(width_mm, None, None, self.indicators)

    def _value_column(self, ind: Indicator, group: str | None = None) -> Column:
        title = ind.name + (f"\n({ind.measure})" if ind.measure else "")
        return Column(title, MIN_VALUE_MM, group=ind.group if group is None else group)

    def _unit_tables(
        self, width_mm: float, period: str | None, heading: str | None, inds: list[Indicator]
    ) -> list[AnnexTable]:
        """Tables of units × `inds` in `period` (None: each indicator's steady period)."""
        chunks = table_columns([self._value_column(i) for i in inds], width_mm - TT_MM - UNIT_MM)
        out = []
        start = 0
        for n, cols in enumerate(chunks):
            part = inds[start : start + len(cols)]
            start += len(cols)
            rows = []
            for k, unit in enumerate(self.units, start=1):
                cells = [str(k), self.unit_label(unit)]
                cells += [
                    format_target(
                        i, self.plan.target(unit.id, i.id, period or self.steady_period(i))
                    )
                    for i in part
                ]
                rows.append(Row(cells))
            totals = ["Tổng cộng"]
            for i in part:
                t = self.total(i, period or self.steady_period(i))
                totals.append(count(t) if t is not None else "")
            if any(totals[1:]):  # rates alone have nothing to add up
                rows.append(Row(totals, bold=True, span=2))
            head = heading
            if n > 0:
                head = f"{heading} (tiếp theo)" if heading else "(tiếp theo)"
            columns = [Column("TT", TT_MM), Column("Đơn vị", UNIT_MM, align="left"), *cols]
            out.append(AnnexTable(head, columns, rows))
        return out

    def _single_unit_tables(self, width_mm: float) -> list[AnnexTable]:
        """One unit: indicators as rows, a column per period (seed 003's yearly targets)."""
        unit = self.units[0]
        fixed = TT_MM + NAME_MM + MIN_VALUE_MM
        periods = [  # a period that assigns nothing would be an empty column
            p for p in self.periods if any(self.has_target(i, p.key) for i in self.indicators)
        ]
        period_cols = [Column(_capital(period_label(p)), MIN_VALUE_MM) for p in periods]
        chunks = table_columns(period_cols, width_mm - fixed)
        out = []
        start = 0
        for n, cols in enumerate(chunks):
            part = periods[start : start + len(cols)]
            start += len(cols)
            rows = []
            for k, ind in enumerate(self.indicators, start=1):
                measure = "%" if ind.is_rate else (ind.measure or "")
                cells = [str(k), ind.name, measure]
                cells += [
                    format_target(ind, self.plan.target(unit.id, ind.id, p.key)) for p in part
                ]
                rows.append(Row(cells))
            columns = [
                Column("TT", TT_MM),
                Column("Chỉ tiêu", NAME_MM, align="left"),
                Column("Đơn vị tính", MIN_VALUE_MM),
                *cols,
            ]
            out.append(AnnexTable(None if n == 0 else "(tiếp theo)", columns, rows))
        return out

    # -- sentences --------------------------------------------------------------------------
    def sentences(self) -> list[str]:
        """One "- …" line per indicator with a target, built from the totals above.

        A target that changes over the periods reads "năm 2026: 40%; năm 2027: 50%; …".
        """
        out = []
        for ind in self.indicators:
            measure = f" {ind.measure}" if ind.measure and not ind.is_rate else ""
            if len(self.periods) > 1 and self.varies(ind):
                parts = []
                for p in self.periods:
                    fig = self.figure(ind, p.key)
                    if fig is not None:
                        parts.append(f"{period_label(p)}: {fig}{measure}")
                if not parts:
                    continue
                lead = ind.name
                if ind.sentence:
                    lead = re.sub(r"\s+", " ", ind.sentence.replace("{n}", "")).strip(" :.;")
                text = f"{lead}: {'; '.join(parts)}"
            else:
                figure = self.figure(ind, self.steady_period(ind))
                if figure is None:
                    continue
                if ind.sentence:
                    text = ind.sentence.replace("{n}", figure)
                    if "{n}" not in ind.sentence:
                        text = f"{text}: {figure}"
                else:
                    text = f"{ind.name}: {figure}{measure}"
            out.append(f"- {text.rstrip('.;')}.")
        return out


def _periods_phrase(periods: list[Period]) -> str:
    """ "6 tháng đầu năm 2022, 2023 và 2024", or the labels one after the other."""
    labels = [period_label(p) for p in periods]
    parts = [re.fullmatch(r"(.*\D)((?:19|20)\d\d)", lb) for lb in labels]
    if len(labels) > 1 and all(parts) and len({m.group(1) for m in parts if m}) == 1:
        years = [m.group(2) for m in parts if m]
        return f"{parts[0].group(1)}{', '.join(years[:-1])} và {years[-1]}"  # type: ignore[union-attr]
    if len(labels) > 1:
        return f"{', '.join(labels[:-1])} và {labels[-1]}"
    return labels[0]


__all__ = ["TABLE_PT", "AnnexTable", "QuotaAnnex", "format_target", "period_label"]
