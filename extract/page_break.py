"""A table's part on the next page laid under the part before it, column by column, by
where its cells stand on the page.

On a scan each page's table is found apart: the part after a page break may come out with
fewer or more columns than the part before (its numbering column not read, a column of
notes left blank, a rule missing). Printed, both parts share their column lines, so each
column of the second part goes under the column of the first whose span holds its middle.
"""

from __future__ import annotations

from dataclasses import replace
from statistics import median

from extract.document import Cell, Table

Span = tuple[float, float]


def _spans(table: Table) -> list[Span | None]:
    """Each column's x-span (points), from its cells of one column; None when unknown."""
    out: list[Span | None] = []
    for c in range(max((len(r) for r in table.cells), default=0)):
        boxes = [
            cell.where.bbox
            for row in table.cells
            if c < len(row)
            and (cell := row[c]) is not None
            and cell.colspan == 1
            and cell.where.bbox is not None
        ]
        out.append((median(b[0] for b in boxes), median(b[2] for b in boxes)) if boxes else None)
    return out


def _own_cells(table: Table, c: int) -> bool:
    """Whether column c holds a cell of its own (not one merged over it from the left):
    a scan's grid may part a column that no cell stands in (a stray line found beside
    the numbering), which nothing continues."""
    return any(
        c < len(row) and (cell := row[c]) is not None and cell.colspan == 1 for row in table.cells
    )


def column_map(before: Table, after: Table) -> list[int] | None:
    """For each column of `after`, the column of `before` it continues; None when the
    columns do not line up one to one (no positions, a column between two, two columns
    on one). A column of `before` no cell stands in is passed over (`_own_cells`)."""
    spans, theirs = _spans(before), _spans(after)
    if not spans or not theirs or any(s is None for s in theirs):
        return None
    known = [(c, s) for c, s in enumerate(spans) if s is not None]
    if any(s is None and _own_cells(before, c) for c, s in enumerate(spans)):
        return None
    out: list[int] = []
    for span in theirs:
        assert span is not None
        mid = (span[0] + span[1]) / 2
        hits = [c for c, (x0, x1) in known if x0 <= mid <= x1]
        if len(hits) != 1 or (out and hits[0] <= out[-1]):
            return None
        out.append(hits[0])
    return out


def laid_under(after: Table, mapping: list[int], width: int) -> list[list[Cell | None]]:
    """`after`'s rows with `width` columns, each cell in the column `mapping` gives it
    (the columns it lacks empty)."""
    rows: list[list[Cell | None]] = []
    for row in after.cells:
        new: list[Cell | None] = [None] * width
        for c, cell in enumerate(row):
            if cell is not None and c < len(mapping):
                new[mapping[c]] = replace(cell, col=mapping[c], colspan=1)
        rows.append(new)
    return rows
