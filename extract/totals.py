"""Total rows and columns against the sum of their parts (`total_mismatch`)."""

from __future__ import annotations

from chitieu.plan import Unit
from extract.document import Cell, Table
from extract.figure import TableReading
from extract.grid import cell_at
from extract.legend import Legend
from extract.values import parse_cell


def check_totals(
    table: Table,
    rows: list[tuple[int, str, Unit | None, bool]],
    chosen: dict[str, int],
    total_cols: list[int],
    reading: TableReading,
    legend: Legend | None = None,
) -> None:
    """Total rows against the sum of the rows above, total columns against the sum of
    the indicator columns; a disagreement is a problem and sends its figures to review."""
    parts = [x for x in rows if not x[3]]
    for r, label, _, is_total in rows:
        if not is_total or len(parts) < 2:
            continue
        for ind, col in chosen.items():
            found = _disagreement(
                cell_at(table, r, col), [cell_at(table, pr, col) for pr, *_ in parts], legend
            )
            if found is not None:
                reading.total_mismatches.append(
                    f"dòng «{label}», chỉ tiêu {ind}: ghi {found[0]}, cộng các dòng được {found[1]}"
                )
                for fig in reading.figures:
                    if fig.indicator == ind:
                        fig.notes.append("cột này không khớp với dòng tổng cộng")
    for tc in total_cols:
        for r, label, _, _ in rows:
            found = _disagreement(
                cell_at(table, r, tc), [cell_at(table, r, c) for c in chosen.values()], legend
            )
            if found is not None:
                reading.total_mismatches.append(
                    f"dòng «{label or r + 1}», cột tổng: ghi {found[0]}, cộng các cột được {found[1]}"
                )
                for fig in reading.figures:
                    if fig.row == r:
                        fig.notes.append("dòng này không khớp với cột tổng")


def _disagreement(
    total_cell: Cell | None, part_cells: list[Cell | None], legend: Legend | None = None
) -> tuple[int, int] | None:
    """(stated, summed) when a stated total differs from its clean parts, else None."""
    if total_cell is None:
        return None
    stated = parse_cell(total_cell, legend)
    if stated.value is None:
        return None
    values = [parse_cell(c, legend) for c in part_cells if c is not None]
    if not all(v.clean for v in values):
        return None  # a part is already for review; its total says nothing more
    summed = sum(v.value or 0 for v in values)
    return (stated.value, summed) if summed != stated.value else None
