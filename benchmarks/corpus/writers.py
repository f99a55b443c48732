"""`DocSpec` -> an .xlsx (openpyxl) or a .docx (python-docx) as a clerk would make it.

Letterheads go where real returns put them: in a .docx, the left cell of a borderless
two-column table (the quốc hiệu on the right) or plain paragraphs; in an .xlsx, cells
above the table. PDFs are made from .docx files by `chitieu.render.pdf.convert_to_pdf`
(in `build.py`, one batched LibreOffice call).
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

from benchmarks.corpus.document import DocSpec

FIXED_TIME = datetime(2024, 1, 1, 8, 0, 0)


def write_xlsx(doc: DocSpec, path: Path, rng: random.Random) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = Workbook()
    ws = wb.active
    ws.title = rng.choice(["Báo cáo", "Sheet1", "BC"])
    n_cols = max(doc.grid.n_cols, 6)
    split = max(2, n_cols // 2)
    r = 1
    right = list(doc.right)
    for i in range(max(len(doc.letterhead), len(right))):
        if i < len(doc.letterhead):
            ws.cell(r, 1, doc.letterhead[i]).font = Font(bold=True)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=split - 1)
        if i < len(right):
            ws.cell(r, split, right[i]).font = Font(bold=True)
            ws.merge_cells(start_row=r, start_column=split, end_row=r, end_column=n_cols)
        r += 1
    ws.cell(r, 1, doc.number)
    ws.cell(r, split, doc.place_date)
    r += 2
    for line in doc.title:
        ws.cell(r, 1, line).font = Font(bold=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n_cols)
        r += 1
    for line in doc.body:
        ws.cell(r, 1, line)
        r += 1
    r += 1
    thin = Side(style="thin")
    top = r
    for row in doc.grid.rows:
        for c, value in enumerate(row, start=1):
            cell = ws.cell(r, c, value if value != "" else None)
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        r += 1
    for r0, c0, r1, c1 in doc.grid.merges:
        ws.merge_cells(start_row=top + r0, start_column=c0 + 1, end_row=top + r1, end_column=c1 + 1)
    r += 1
    for line in doc.after:
        ws.cell(r, 1, line)
        r += 1
    r += 1
    for line in doc.signature:
        for part in line.split("\n"):
            ws.cell(r, split, part or None).font = Font(bold=True)
            r += 1
    ws.column_dimensions["B"].width = 30
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def write_docx(doc: DocSpec, path: Path, rng: random.Random) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    d = Document()
    style = d.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    d.core_properties.created = FIXED_TIME
    d.core_properties.modified = FIXED_TIME
    if doc.grid.n_cols >= 7:  # a wide table goes on a landscape page, as clerks do
        from docx.enum.section import WD_ORIENT

        sec = d.sections[0]
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = sec.page_height, sec.page_width
        sec.left_margin = sec.right_margin = Cm(1.5)
    if rng.random() < 0.75:
        head = d.add_table(rows=1, cols=2)
        _lines(head.cell(0, 0), [*doc.letterhead, doc.number], bold=True)
        _lines(head.cell(0, 1), list(doc.right), bold=True)
        p = d.add_paragraph(doc.place_date)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    else:  # letterhead typed as paragraphs, one above the other
        for line in doc.letterhead:
            d.add_paragraph().add_run(line).bold = True
        for line in doc.right:
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.add_run(line).bold = True
        d.add_paragraph(doc.number)
        p = d.add_paragraph(doc.place_date)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for line in doc.title:
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(line).bold = True
    for line in doc.body:
        d.add_paragraph(line)
    grid = doc.grid
    t = d.add_table(rows=len(grid.rows), cols=grid.n_cols)
    t.style = "Table Grid"
    for r, row in enumerate(grid.rows):
        for c, value in enumerate(row):
            t.cell(r, c).text = str(value)
            for run in t.cell(r, c).paragraphs[0].runs:
                run.font.size = Pt(10 if grid.n_cols >= 10 else 11)
    for r0, c0, r1, c1 in grid.merges:
        keep = t.cell(r0, c0).text
        merged = t.cell(r0, c0).merge(t.cell(r1, c1))
        merged.text = keep
    for line in doc.after:
        d.add_paragraph(line)
    sig = d.add_table(rows=1, cols=2)
    _lines(sig.cell(0, 0), ["Nơi nhận:", "- Như trên;", "- Lưu: VT."], bold=False)
    _lines(sig.cell(0, 1), [x for line in doc.signature for x in line.split("\n")], bold=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))


def _lines(cell, lines: list[str], bold: bool) -> None:  # type: ignore[no-untyped-def]
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    cell.text = ""
    first = True
    for line in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(line).bold = bold
