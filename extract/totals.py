"""Total rows and columns against the sum of their parts (`total_mismatch`)."""

from __future__ import annotations

from chitieu.plan import Unit
from extract.document import Table
from extract.figure import TableReading
from extract.grid import cell_at
from extract.values import parse_cell


def check_totals(
    table: Table,
    rows: list[tuple[int, str, Unit | None, bool]],
    chosen: dict[str, int],
    total_cols: list[int],
    reading: TableReading,
) -> None:
    """Total rows against the sum of the rows above, total columns against the sum of
    the indicator columns; a disagreement is a problem and sends its figures to review."""
    parts = [x for x in rows if not x[3]]
    for r, label, _, is_total in rows:
        if not is_total or len(parts) < 2:
            continue
        for ind, col in chosen.items():
            cell = cell_at(table, r, col)
            if cell is None:
                continue
            stated = parse_cell(cell)
            if stated.blank or stated.value is None:
                continue
            values = [parse_cell(c) for c in (cell_at(table, pr, col) for pr, *_ in parts) if c]
            if not all(v.clean for v in values):
                continue  # a part is already for review; its total says nothing more
            total = sum(v.value or 0 for v in values)
            if total != stated.value:
                reading.total_mismatches.append(
                    f"dòng «{label}», chỉ tiêu {ind}: ghi {stated.value}, cộng các dòng được {total}"
                )
                for fig in reading.figures:
                    if fig.indicator == ind:
                        fig.notes.append("cột này không khớp với dòng tổng cộng")
    for tc in total_cols:
        for r, label, _, _ in rows:
            cell = cell_at(table, r, tc)
            if cell is None:
                continue
            stated = parse_cell(cell)
            if stated.blank or stated.value is None:
                continue
            values = [parse_cell(c) for c in (cell_at(table, r, col) for col in chosen.values()) if c]
            if not all(v.clean for v in values):
                continue
            total = sum(v.value or 0 for v in values)
            if total != stated.value:
                reading.total_mismatches.append(
                    f"dòng «{label or r + 1}», cột tổng: ghi {stated.value}, cộng các cột được {total}"
                )
                for fig in reading.figures:
                    if fig.row == r:
                        fig.notes.append("dòng này không khớp với cột tổng")
