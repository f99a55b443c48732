"""Ruled tables: annexes, return forms, report tables.

A `Column` may belong to a `group`: consecutive columns of one group get a spanning
header cell above their own titles (the two-level header of the biểu giao chỉ tiêu);
ungrouped columns then span both header rows. Header rows repeat on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import Table, _Cell

from chitieu.render import _oxml
from chitieu.render.text import Container, tight

ALIGN = {
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


@dataclass(frozen=True)
class Column:
    title: str
    width_mm: float
    group: str | None = None
    align: str = "center"  # of the data cells


@dataclass(frozen=True)
class Row:
    """One data row. `span` merges the first `span` cells (e.g. "Tổng cộng" over TT + Đơn vị)."""

    cells: Sequence[str]
    bold: bool = False
    span: int = 1
    italic_cols: frozenset[int] = field(default_factory=frozenset)


def write_cell(
    cell: _Cell,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    align: str = "center",
) -> None:
    """Replace a cell's text by `text` (one paragraph per line), tight and vertically centred."""
    lines = text.split("\n") if text else [""]
    paragraphs = cell.paragraphs
    for extra in paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    p = paragraphs[0]
    for run in list(p.runs):
        run._r.getparent().remove(run._r)
    for n, ln in enumerate(lines):
        para = p if n == 0 else cell.add_paragraph()
        tight(para, align=ALIGN[align])
        if ln:
            _oxml.style_run(para.add_run(ln), size, bold=bold, italic=italic)
        from chitieu.render.text import mark_size

        mark_size(para, size)
    _oxml.cell_vertical_center(cell)


LINE_FACTOR = 1.17  # a line of table text is this many times its size (Liberation Serif)
ROW_PAD_PT = 1.5  # cell margins top and bottom (tight paragraphs), `ruled_table` sets them
CELL_PAD_PT = 2 * 5.4  # LibreOffice/Word default cell margins, left and right
ANNEX_TITLE_PT = 35 * 72 / 25.4  # "Phụ lục I", its title (two lines), "(Kèm theo …)", rule
PAGE_ROOM_PT = (210 - 20 - 20 - 12) * 72 / 25.4  # landscape text height, less page number


def table_height_pt(columns: Sequence[Column], rows: Sequence[Row], size: float) -> float:
    """An estimate of a ruled table's printed height: header and rows, each cell's text
    wrapped in its column as a word processor wraps it."""
    from chitieu.render.metrics import wrapped_lines

    def lines(cells: Sequence[str], bold: bool) -> int:
        return max(
            (
                sum(
                    len(wrapped_lines(part, size, c.width_mm * 72 / 25.4 - CELL_PAD_PT, bold=bold))
                    for part in text.split("\n")
                )
                for text, c in zip(cells, columns, strict=False)
            ),
            default=1,
        )

    line = size * LINE_FACTOR
    groups = [c.group or "" for c in columns]
    total = 0.0
    if any(groups):
        total += lines(groups, True) * line + 2 * ROW_PAD_PT
    total += lines([c.title for c in columns], True) * line + 2 * ROW_PAD_PT
    for r in rows:
        cells = list(r.cells) if r.span == 1 else ["", *([""] * (r.span - 1)), *r.cells[1:]]
        total += lines(cells, r.bold) * line + 2 * ROW_PAD_PT
    return total


def fits_a_page(height_pt: float, first: bool = False) -> bool:
    """Whether a table this tall prints whole on a landscape page (the `first` of a phụ
    lục shares its page with the title block)."""
    return height_pt <= PAGE_ROOM_PT - (ANNEX_TITLE_PT if first else 0.0)


def header_rows(columns: Sequence[Column]) -> int:
    return 2 if any(c.group for c in columns) else 1


def ruled_table(
    container: Container,
    columns: Sequence[Column],
    rows: Sequence[Row],
    *,
    size: float = 12,
    header_size: float | None = None,
    keep_together: bool = False,
    caption: str | None = None,
    caption_size: float = 13,
    notes: Sequence[str] = (),
    notes_size: float = 13,
) -> Table:
    """A fully ruled table with a (two-level when grouped) bold header that repeats.

    `keep_together` keeps every row with the next, so that a table short enough for one
    page starts on the next page instead of being split under its heading (a continued
    table would not say which period it belongs to). A table too long for one page takes
    its heading as `caption` instead: a borderless first row repeated with the header, so
    that every page of it says which period it is.

    `notes` (a "Ghi chú: …" legend, one paragraph each) go in a borderless last row that
    the row above keeps with it: LibreOffice ignores keep-with-next from a table's last row
    to the paragraph after the table, which left such a legend alone at the top of a page.
    """
    n_cap = 1 if caption else 0
    n_head = header_rows(columns)
    hsize = header_size or size
    n_notes = 1 if notes else 0
    table = container.add_table(rows=n_cap + n_head + len(rows) + n_notes, cols=len(columns))  # type: ignore[attr-defined]
    _oxml.table_borders(table, 4)
    _oxml.cell_margins(table, ROW_PAD_PT, ROW_PAD_PT)
    _oxml.fixed_widths(table, [Mm(c.width_mm) for c in columns])
    table.alignment = 1  # centred on the page
    # python-docx's table.cell() walks the whole grid on each call: take every cell once.
    # A merge removes only the cells it absorbs, so the other references stay valid.
    grid = [list(r.cells) for r in table.rows]
    if caption:
        cap = grid[0][0].merge(grid[0][-1]) if len(columns) > 1 else grid[0][0]
        _oxml.cell_open_edges(cap)
        write_cell(cap, caption, caption_size, bold=True)
        cap.paragraphs[-1].paragraph_format.space_after = Pt(3)
        _oxml.cant_split(table.rows[0])
        grid = grid[1:]

    if n_head == 1:
        for j, col in enumerate(columns):
            write_cell(grid[0][j], col.title, hsize, bold=True)
    else:
        j = 0
        while j < len(columns):
            col = columns[j]
            if col.group is None:
                top = grid[0][j].merge(grid[1][j])
                write_cell(top, col.title, hsize, bold=True)
                j += 1
                continue
            k = j
            while k + 1 < len(columns) and columns[k + 1].group == col.group:
                k += 1
            span = grid[0][j].merge(grid[0][k]) if k > j else grid[0][j]
            write_cell(span, col.group, hsize, bold=True)
            for m in range(j, k + 1):
                write_cell(grid[1][m], columns[m].title, hsize, bold=True)
            j = k + 1
    _oxml.repeat_as_header(table.rows[: n_cap + n_head])

    for i, row in enumerate(rows):
        r = n_head + i
        cells = list(row.cells)
        if row.span > 1:
            merged = grid[r][0].merge(grid[r][row.span - 1])
            write_cell(merged, cells[0], size, bold=row.bold)
            start = row.span
            values = cells[1:]
        else:
            start = 0
            values = cells
        for j, text in enumerate(values):
            col_index = start + j
            if col_index >= len(columns):
                break
            write_cell(
                grid[r][col_index],
                text,
                size,
                bold=row.bold,
                italic=col_index in row.italic_cols,
                align=columns[col_index].align,
            )
        _oxml.cant_split(table.rows[n_cap + r])
    if notes:
        _notes_row(grid[n_head + len(rows)], notes, notes_size)
        _oxml.cant_split(table.rows[-1])
    # never one row alone on the next page (a last unit, or Tổng cộng without its rows),
    # and the notes with the last row
    body = table.rows[: len(table.rows) - n_notes]
    if keep_together:
        keep = list(table.rows[:-1])
    else:
        keep = list(body[-2:-1]) if len(rows) > 1 else []
        if notes and rows:
            keep.append(body[-1])
        # nor the header with one row under it at the foot of a page: the header and the
        # first row keep with the second
        if len(rows) > 2:
            keep += list(table.rows[: n_cap + n_head + 1])
    if keep:
        for row in keep:
            for cell in row.cells:
                for para in cell.paragraphs:
                    _oxml.keep_with_next(para)
    return table


def _notes_row(cells: list[_Cell], notes: Sequence[str], size: float) -> None:
    """The table's last row as lines of text under it: one merged cell, no border but the
    one it shares with the row above, italic, justified."""
    cell = cells[0].merge(cells[-1]) if len(cells) > 1 else cells[0]
    _oxml.cell_open_edges(cell, ("left", "right", "bottom"))
    write_cell(cell, "\n".join(notes), size, italic=True, align="justify")
    cell.paragraphs[0].paragraph_format.space_before = Pt(3)


def notes_height_pt(notes: Sequence[str], width_mm: float, size: float = 13) -> float:
    """The printed height of `ruled_table`'s notes row at this table width."""
    from chitieu.render.metrics import wrapped_lines

    room = width_mm * 72 / 25.4 - CELL_PAD_PT
    n = sum(len(wrapped_lines(t, size, room, italic=True)) for t in notes)
    return n * size * LINE_FACTOR + 2 * ROW_PAD_PT + 3


__all__ = [
    "Column",
    "Row",
    "fits_a_page",
    "header_rows",
    "notes_height_pt",
    "ruled_table",
    "table_height_pt",
    "write_cell",
]
