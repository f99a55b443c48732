"""A drawn case of `grammar_values.py` written as a real .xlsx or .docx, as a ward would
send it: its letterhead lines, the table with its header's merged cells, its notes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from values_case import Case


def _merges(header: list[list[str]]) -> list[tuple[int, int, int, int]]:
    """The header's merged cells (r0, c0, r1, c1): "<" continues the cell to its left,
    "^" the cell above."""
    out = []
    for r, row in enumerate(header):
        for c, t in enumerate(row):
            if t in ("<", "^"):
                continue
            c1 = c
            while c1 + 1 < len(row) and row[c1 + 1] == "<":
                c1 += 1
            r1 = r
            while r1 + 1 < len(header) and header[r1 + 1][c] == "^":
                r1 += 1
            if (r1, c1) != (r, c):
                out.append((r, c, r1, c1))
    return out


def write_xlsx(c: Case, path: Path) -> None:
    """The case as a workbook: its lines, the table (header merged), its notes."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    r = 1
    for line in c.lines:
        ws.cell(r, 1, line)
        r += 1
    r += 1
    top = r
    for hrow in c.header:
        for col, t in enumerate(hrow, 1):
            if t not in ("<", "^"):
                ws.cell(r, col, t)
        r += 1
    for r0, c0, r1, c1 in _merges(c.header):
        ws.merge_cells(start_row=top + r0, start_column=c0 + 1, end_row=top + r1, end_column=c1 + 1)
    for row in c.rows:
        for col, v in enumerate(row, 1):
            if v != "":
                ws.cell(r, col, v)
        r += 1
    r += 1
    for line in c.notes:
        ws.cell(r, 1, line)
        r += 1
    wb.save(path)


def write_docx(c: Case, path: Path) -> None:
    """The case as a Word document: its lines, a gridded table (header merged), notes."""
    from docx import Document

    doc = Document()
    for line in c.lines:
        doc.add_paragraph(line)
    n_cols = len(c.header[0])
    t = doc.add_table(rows=len(c.header) + len(c.rows), cols=n_cols)
    t.style = "Table Grid"
    for r, hrow in enumerate(c.header):
        for col, text in enumerate(hrow):
            if text not in ("<", "^"):
                t.cell(r, col).text = text
    for r0, c0, r1, c1 in _merges(c.header):
        t.cell(r0, c0).merge(t.cell(r1, c1))
    for r, row in enumerate(c.rows, len(c.header)):
        for col, v in enumerate(row):
            t.cell(r, col).text = str(v)
    for line in c.notes:
        doc.add_paragraph(line)
    doc.save(path)
