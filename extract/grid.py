"""Positions in a table grid: merged cells appear once per position they cover."""

from __future__ import annotations

from dataclasses import dataclass

from extract.document import Cell, Table


@dataclass
class Sized(Table):
    """A table whose width is counted once (`Table.n_cols` recounts every row)."""

    width: int = 0

    @property
    def n_cols(self) -> int:
        return self.width

    @classmethod
    def of(cls, table: Table) -> Sized:
        if isinstance(table, Sized):
            return table
        return cls(cells=table.cells, page=table.page, index=table.index, width=table.n_cols)


def cell_at(table: Table, r: int, c: int) -> Cell | None:
    row = table.cells[r] if r < table.n_rows else []
    return row[c] if c < len(row) else None


def starts_row(table: Table, r: int, c: int) -> bool:
    """True where (r, c) holds the top of a cell with text, which may reach left of c: a
    row's label merged with its number where the rule between them was lost ("5 | Cai
    nghiện …" on a photo whose last row's rule did not come out). A cell across the whole
    table's width is a title or a paragraph (a sheet's "Kết quả công tác phòng, chống ma
    túy năm 2022"), no row's label, unless it starts at c."""
    cell = cell_at(table, r, c)
    if cell is None or not cell.text.strip() or (r > 0 and cell_at(table, r - 1, c) is cell):
        return False
    return is_origin(table, r, c) or cell_at(table, r, table.n_cols - 1) is not cell


def is_origin(table: Table, r: int, c: int) -> bool:
    """True for the top-left position of a (merged) cell."""
    cell = cell_at(table, r, c)
    if cell is None or not cell.text.strip():
        return False
    return not (
        (r > 0 and cell_at(table, r - 1, c) is cell) or (c > 0 and cell_at(table, r, c - 1) is cell)
    )
