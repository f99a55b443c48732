"""Total rows and columns against the sum of their parts (`total_mismatch`)."""

from __future__ import annotations

from typing import Any

from chitieu.plan_parts import Unit
from extract.document import Cell, Table
from extract.figure import TableReading
from extract.grid import cell_at
from extract.legend import Legend
from extract.roles import ColumnRole, role_of
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


def check_groups(
    table: Table,
    band: range,
    rows: list[tuple[int, str, Unit | None, bool]],
    chosen: dict[str, Any],
    reading: TableReading,
    legend: Legend | None = None,
) -> None:
    """A group header over a "Tổng số" sub-column and others ("CNBB": Tổng số / Nam /
    Nữ; "Cai nghiện": Tổng số / Tự nguyện / Bắt buộc): the total against the others.
    Two or more others make up the whole; a lone "trong đó" part may not exceed it. A
    group is one merged cell, or the same text repeated over adjacent columns (PDF)."""
    ind_of = {col.col: ind for ind, col in chosen.items()}
    for h in band:
        c = 0
        while c < table.n_cols:
            text = table.text(h, c).strip()
            end = c + 1
            while end < table.n_cols and text and table.text(h, end).strip() == text:
                end += 1
            span, c = list(range(c, end)), end
            if len(span) < 2:
                continue
            below = {x: stack_of(table, range(h + 1, band.stop), x, text) for x in span}
            totals = [x for x in span if any(role_of(t) == ColumnRole.total for t in below[x])]
            others = [
                x
                for x in span
                if x not in totals and all(role_of(t) in _SUMMABLE for t in below[x])
            ]
            if len(totals) != 1 or not others:
                continue
            partial = len(others) < 2 or any(
                fold(t).startswith("trong do") for x in others for t in below[x]
            )
            _check_group(table, rows, totals[0], span, others, ind_of, reading, legend, partial)


_SUMMABLE = {None, ColumnRole.part, ColumnRole.result}


def check_columns(
    table: Table,
    rows: list[tuple[int, str, Unit | None, bool]],
    total: int,
    parts: list[int],
    reading: TableReading,
    legend: Legend | None = None,
) -> None:
    """A total column against part columns that make it up (Tổng số = Nam + Nữ), row by
    row; a row that disagrees sends its figures to review."""
    for r, label, _, _ in rows:
        found = _disagreement(
            cell_at(table, r, total), [cell_at(table, r, x) for x in parts], legend
        )
        if found is None:
            continue
        reading.total_mismatches.append(
            f"dòng «{label or r + 1}»: tổng số ghi {found[0]}, cộng các cột thành phần được {found[1]}"
        )
        for fig in reading.figures:
            if fig.row == r:
                fig.notes.append("tổng số không khớp với các cột thành phần")


def stack_of(table: Table, rows: range, c: int, above: str) -> list[str]:
    """The header texts of column `c` in `rows`, without the group's own text."""
    out: list[str] = []
    for r in rows:
        t = table.text(r, c).strip()
        if t and t != above and t not in out:
            out.append(t)
    return out


def _check_group(
    table: Table,
    rows: list[tuple[int, str, Unit | None, bool]],
    total: int,
    span: list[int],
    others: list[int],
    ind_of: dict[int, str],
    reading: TableReading,
    legend: Legend | None,
    partial: bool,
) -> None:
    inds = {ind_of[x] for x in span if x in ind_of}
    for r, label, _, _ in rows:
        found = _disagreement(
            cell_at(table, r, total), [cell_at(table, r, x) for x in others], legend, not partial
        )
        if found is None:
            continue
        reading.total_mismatches.append(
            f"dòng «{label or r + 1}»: tổng số ghi {found[0]}, "
            f"cộng các cột thành phần được {found[1]}"
        )
        for fig in reading.figures:
            if fig.row == r and fig.indicator in inds:
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


def _level(mark: str | None) -> int:
    """How deep a marked row sits: an unmarked row is a heading, "a)" below it, "Trong
    đó:", "- …" and "Nam/Nữ" below that ("Trong đó: X" and "- Y" are siblings)."""
    return 0 if mark is None else 1 if mark == "a)" else 2


def check_sub_rows(
    table: Table,
    label_col: int,
    value_col: int,
    ind_rows: list[tuple[int, Any]],
    reading: TableReading,
    legend: Legend | None = None,
    children: dict[str, set[str]] | None = None,
) -> None:
    """Indicator rows followed by "trong đó" sub-rows (indicators down the rows): the
    sub-rows are parts, never the indicator's figure again; parts that make up the whole
    (Nam + Nữ, or every sub-count the plan declares under the indicator) must sum to it,
    and no parts may exceed it. A disagreement sends the total and its parts to review."""
    ind_at = {r: m.indicator for r, m in ind_rows}
    for r, m in ind_rows:
        level = _level(sub_mark(table.text(r, label_col)))
        subs: list[int] = []
        for s in range(r + 1, table.n_rows):
            if cell_at(table, s, label_col) is cell_at(table, r, label_col):
                continue
            sm = sub_mark(table.text(s, label_col))
            if _level(sm) <= level:
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
        words = {fold(table.text(s, label_col)).replace("trong do", "").strip(" -+") for s in subs}
        declared = (children or {}).get(m.indicator or "", set())
        named = {ind_at.get(s) for s in subs}
        whole = words == {"nam", "nu"} or (len(declared) >= 2 and named == declared)
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
            elif fig.row in subs:
                fig.notes.append("các dòng «trong đó» không khớp với dòng tổng phía trên")
