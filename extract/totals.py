"""Total rows and columns against the sum of their parts (`total_mismatch`)."""

from __future__ import annotations

from typing import Any

from chitieu.plan import Unit
from extract.document import Cell, Table
from extract.figure import TableReading
from extract.grid import cell_at
from extract.legend import Legend
from extract.roles import ColumnRole
from extract.text import fold
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
    total_cell: Cell | None,
    part_cells: list[Cell | None],
    legend: Legend | None = None,
    whole: bool = True,
) -> tuple[int, int] | None:
    """(stated, summed) when a stated total differs from its clean parts, else None.
    Parts that are not the whole ("trong đó") only disagree by exceeding it."""
    if total_cell is None:
        return None
    stated = parse_cell(total_cell, legend)
    if stated.value is None:
        return None
    values = [parse_cell(c, legend) for c in part_cells if c is not None]
    if not all(v.clean for v in values):
        return None  # a part is already for review; its total says nothing more
    summed = sum(v.value or 0 for v in values)
    if not whole:
        return (stated.value, summed) if summed > stated.value else None
    return (stated.value, summed) if summed != stated.value else None


def check_parts(
    table: Table,
    rows: list[tuple[int, str, Unit | None, bool]],
    columns: list[Any],
    chosen: dict[str, Any],
    reading: TableReading,
    legend: Legend | None = None,
) -> None:
    """An indicator's count against its part sub-columns ("Tổng số / Nam / Nữ"): parts
    that make up the whole (two or more) must sum to it; a lone "trong đó" part may not
    exceed it."""
    for ind, col in chosen.items():
        parts = [
            c.col
            for c in columns
            if c.match is not None
            and c.match.indicator == ind
            and c.col != col.col
            and c.role == ColumnRole.part
        ]
        if not parts:
            continue
        for r, label, _, _ in rows:
            found = _disagreement(
                cell_at(table, r, col.col),
                [cell_at(table, r, c) for c in parts],
                legend,
                whole=len(parts) >= 2,
            )
            if found is None:
                continue
            reading.total_mismatches.append(
                f"dòng «{label or r + 1}», chỉ tiêu {ind}: tổng số ghi {found[0]}, "
                f"cộng các cột thành phần được {found[1]}"
            )
            for fig in reading.figures:
                if fig.row == r and fig.indicator == ind:
                    fig.notes.append("tổng số không khớp với các cột thành phần")


_SUB_MARKS = ("-", "+", "–", "•", "*", "·")


def sub_mark(label: str) -> str | None:
    """How a row label marks itself as a part of the row above ("Trong đó:", "- Nam")."""
    t = label.strip()
    f = fold(t)
    if f.startswith(("trong do", "gom", "bao gom")):
        return "trong do"
    if t.startswith(_SUB_MARKS):
        return t[0]
    if len(t) > 2 and t[1] == ")" and t[0].isalpha():
        return "a)"
    if f in ("nam", "nu"):
        return "gender"
    return None


def check_sub_rows(
    table: Table,
    label_col: int,
    value_col: int,
    ind_rows: list[tuple[int, Any]],
    reading: TableReading,
    legend: Legend | None = None,
) -> None:
    """Indicator rows followed by "trong đó" sub-rows (indicators down the rows): the
    sub-rows are parts, never the indicator's figure again; parts that make up the whole
    (Nam + Nữ) must sum to it, and no parts may exceed it."""
    ind_at = {r: m.indicator for r, m in ind_rows}
    for r, m in ind_rows:
        mark = sub_mark(table.text(r, label_col))
        subs: list[int] = []
        for s in range(r + 1, table.n_rows):
            if cell_at(table, s, label_col) is cell_at(table, r, label_col):
                continue
            sm = sub_mark(table.text(s, label_col))
            if sm is None or sm == mark:
                break
            if sm == "trong do" and not table.text(s, value_col).strip():
                continue  # the "Trong đó:" line itself
            subs.append(s)
        if not subs:
            continue
        # a sub-row read as the same indicator is a part of it, not a second figure
        same = {s for s in subs if ind_at.get(s) == m.indicator}
        reading.figures = [
            f for f in reading.figures if not (f.row in same and f.indicator == m.indicator)
        ]
        words = {fold(table.text(s, label_col)).replace("trong do", "").strip() for s in subs}
        whole = words == {"nam", "nu"}  # only a known split is the whole
        found = _disagreement(
            cell_at(table, r, value_col),
            [cell_at(table, s, value_col) for s in subs],
            legend,
            whole=whole,
        )
        if found is None:
            continue
        label = table.text(r, label_col).strip()
        reading.total_mismatches.append(
            f"dòng «{label}»: ghi {found[0]}, các dòng «trong đó» cộng được {found[1]}"
        )
        for fig in reading.figures:
            if fig.row == r:
                fig.notes.append("không khớp với các dòng «trong đó» bên dưới")
