"""A consolidated table with the units as columns: indicators are row labels and a
header row names two or more plan units ("Phường 1 | Phường 2 | … | Tổng cộng").

Each unit column gives that unit's figures, whoever sent the table. A header that names
a body the plan does not list, over numbers, is an unknown unit; a total column that
disagrees with the sum of the unit columns is a total mismatch and sends that row's
figures to review.
"""

from __future__ import annotations

from chitieu.plan import Unit
from extract.document import Table
from extract.figure import Figure, TableReading
from extract.grid import cell_at, is_origin
from extract.headers import IndicatorMatcher, role_of
from extract.text import fold
from extract.units import UnitFinder
from extract.values import is_numbering, parse_cell, parse_text


def read_unit_columns(
    table: Table,
    matcher: IndicatorMatcher,
    finder: UnitFinder,
    label_col: int,
    sender: Unit | None,
) -> TableReading | None:
    """The figures of a units-as-columns table, or None when no header row names two
    plan units above the indicator rows."""
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
    found = _unit_header(table, finder, label_col, first, sender)
    if found is None:
        return None
    head, units = found
    heads = {c: table.text(head, c).strip() for c in units}
    totals: list[int] = []
    others: list[int] = []
    reading = TableReading()
    for c in range(table.n_cols):
        if c == label_col or c in units or not is_origin(table, head, c):
            continue
        text = table.text(head, c).strip()
        if not text or is_numbering(text) or (role_of(text) is not None and not is_total(text)):
            continue
        if is_total(text):
            totals.append(c)
        elif _has_numbers(table, c, first):
            others.append(c)
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
            parsed = parse_cell(cell)
            if parsed.blank:
                continue
            notes = ([parsed.why] if parsed.why else []) + finder.guess_note(heads[c])
            if m.ambiguous:
                notes.append(
                    f"tiêu đề dòng không rõ ràng: có thể là {m.indicator} hoặc "
                    + ", ".join(m.ambiguous_with)
                )
            fig = Figure(m.indicator, parsed, cell.where, unit, m, notes, row=r)
            row_figures.append(fig)
        reading.figures.extend(row_figures)
        for tc in totals:
            stated = parse_cell(cell_at(table, r, tc)) if cell_at(table, r, tc) else None
            parts = [
                parse_cell(cell_at(table, r, c)) for c in [*units, *others] if cell_at(table, r, c)
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


def is_total(text: str) -> bool:
    """ "Tổng cộng", "Tổng số", "Cộng", "Toàn huyện"; never "Công an tỉnh"."""
    words = fold(text).split()
    return bool(words) and (words[0] == "tong" or words == ["cong"] or words[0] == "toan")


def _has_numbers(table: Table, c: int, first: int) -> bool:
    return any(parse_text(table.text(r, c)).value is not None for r in range(first, table.n_rows))
