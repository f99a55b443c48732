"""A consolidated table with the units as columns: indicators are row labels and a
header row names two or more plan units ("Phường 1 | Phường 2 | … | Tổng cộng").

Each unit column gives that unit's figures, whoever sent the table. A header that names
a body the plan does not list, over numbers, is an unknown unit; a total column that
disagrees with the sum of the unit columns is a total mismatch and sends that row's
figures to review.
"""

from __future__ import annotations

from chitieu.plan_parts import Unit
from chitieu.record import Role
from extract.columns import Context, match_note, measure_of
from extract.columns import is_total_label as is_total
from extract.document import Table
from extract.figure import Figure, TableReading
from extract.grid import cell_at, is_origin
from extract.headers import ColumnRole, IndicatorMatcher, role_of
from extract.units import UnitFinder
from extract.values import is_numbering, parse_cell, parse_text


def read_unit_columns(
    table: Table,
    matcher: IndicatorMatcher,
    finder: UnitFinder,
    label_col: int,
    ctx: Context,
) -> TableReading | None:
    """The figures of a units-as-columns table, or None when no header row names two
    plan units above the indicator rows. A unit spanning sub-columns ("KH | TH") gives
    the sub-column of the wanted role; when none says so, its figures are for review."""
    first = next(
        (
            r
            for r in range(table.n_rows)
            if is_origin(table, r, label_col) and matcher.match(table.text(r, label_col)).indicator
        ),
        None,
    )
    if first is None:
        return None
    role, legend = ctx.role, ctx.legend
    found = _unit_header(table, finder, label_col, first, ctx.sender)
    if found is None:
        return None
    head, units = found
    heads = {u.id: table.text(head, c).strip() for c, u in units.items()}
    named = {id(cell_at(table, head, c)) for c in units}
    covered = {x for x in range(table.n_cols) if id(cell_at(table, head, x)) in named}
    units, unsure = _value_columns(table, head, first, units, role)
    totals: list[int] = []
    others: list[int] = []
    reading = TableReading()
    for c in range(table.n_cols):
        if c == label_col or c in covered or not is_origin(table, head, c):
            continue
        text = table.text(head, c).strip()
        if not text or is_numbering(text) or (role_of(text) is not None and not is_total(text)):
            continue
        if is_total(text):
            picked, _ = _value_columns(table, head, first, {c: _TOTAL}, role)
            totals.extend(picked)
        elif _has_numbers(table, c, first):
            picked, _ = _value_columns(table, head, first, {c: _TOTAL}, role)
            others.extend(picked)
            reading.unknown_units.append(text)
    for r in range(first, table.n_rows):
        if not is_origin(table, r, label_col):
            continue
        m = matcher.match(table.text(r, label_col))
        if not m.indicator:
            continue
        reading.indicators_seen.add(m.indicator)
        row_figures: list[Figure] = []
        for c, unit in units.items():
            cell = cell_at(table, r, c)
            if cell is None:
                continue
            parsed = parse_cell(cell, legend, measure_of(matcher, m.indicator))
            if parsed.blank:
                continue
            notes = match_note(m, matcher) + ([parsed.why] if parsed.why else [])
            notes += finder.guess_note(heads[unit.id])
            if c in unsure:
                notes.append("không rõ cột nào dưới tên đơn vị là kết quả; đã lấy cột đầu")
            fig = Figure(m.indicator, parsed, cell.where, unit, m, notes, row=r)
            row_figures.append(fig)
        reading.figures.extend(row_figures)
        for tc in totals:
            total_cell = cell_at(table, r, tc)
            stated = parse_cell(total_cell, legend) if total_cell is not None else None
            parts = [
                parse_cell(part, legend)
                for part in (cell_at(table, r, c) for c in [*units, *others])
                if part is not None
            ]
            if stated is None or stated.value is None or not all(p.clean for p in parts):
                continue
            summed = sum(p.value or 0 for p in parts)
            if summed != stated.value:
                reading.total_mismatches.append(
                    f"dòng «{table.text(r, label_col).strip()}», cột tổng: ghi {stated.value}, "
                    f"cộng các đơn vị được {summed}"
                )
                for fig in row_figures:
                    fig.notes.append("dòng này không khớp với cột tổng")
    return reading


_TOTAL = Unit(id="_total", name="Tổng cộng", kind="đơn vị")


def _value_columns(
    table: Table, head: int, first: int, units: dict[int, Unit], role: Role
) -> tuple[dict[int, Unit], set[int]]:
    """Each unit's value column: itself, or the sub-column of the wanted role below a
    unit spanning several columns; and the columns chosen without a role to say so."""
    want = ColumnRole.target if role == Role.target else ColumnRole.result
    out: dict[int, Unit] = {}
    unsure: set[int] = set()
    for c, unit in units.items():
        cell = cell_at(table, head, c)
        span = [x for x in range(c, table.n_cols) if cell_at(table, head, x) is cell]
        if len(span) == 1:
            out[c] = unit
            continue
        roles = {x: _role_below(table, head, first, x) for x in span}
        picked = [x for x in span if roles[x] == want]
        out[picked[0] if len(picked) == 1 else c] = unit
        if len(picked) != 1:
            unsure.add(picked[0] if picked else c)
    return out, unsure


def _role_below(table: Table, head: int, first: int, c: int) -> ColumnRole | None:
    for r in range(head + 1, first):
        found = role_of(table.text(r, c))
        if found is not None:
            return found
    return None


def _unit_header(
    table: Table, finder: UnitFinder, label_col: int, first: int, sender: Unit | None
) -> tuple[int, dict[int, Unit]] | None:
    for r in range(first):
        units: dict[int, Unit] = {}
        for c in range(table.n_cols):
            if c == label_col or not is_origin(table, r, c):
                continue
            text = table.text(r, c).strip()
            if not text or is_total(text):
                continue
            unit = finder.by_name(text, sender)
            if unit is not None and unit not in units.values():
                units[c] = unit
        if len(units) >= 2:
            return r, units
    return None


def _has_numbers(table: Table, c: int, first: int) -> bool:
    return any(parse_text(table.text(r, c)).value is not None for r in range(first, table.n_rows))
