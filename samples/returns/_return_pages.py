"""The clean pages the scans are made from, as DOCX: the quota annex, a ward's return
letter, and our own return form with the ward's results typed in.

Typeset as officials do (Times New Roman 13, a borderless letterhead table, the signing
block on the right); `make_scans` and the grammars of `scan_conditions` and
`scan_layouts` then print, sign, stamp and scan them (`_scanning`).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from chitieu.plan import Plan

FONT = "Times New Roman"
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def write_paragraph(
    doc: Document,
    text: str,
    *,
    bold: bool = False,
    size: float = 13,
    align: str = "left",
    italic: bool = False,
    space_after: float = 3,
    face: str = FONT,
    line_spacing: float | None = None,
) -> object:
    """One paragraph in one face (Times New Roman unless told), aligned and spaced as given."""
    p = doc.add_paragraph()
    p.alignment = ALIGN[align]
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.space_before = Pt(0)
    if line_spacing is not None:
        p.paragraph_format.line_spacing = line_spacing
    run = p.add_run(text)
    run.bold, run.italic, run.font.size, run.font.name = bold, italic, Pt(size), face
    return p


def write_cell(
    cell: object, text: str, *, bold: bool = False, size: float = 12, align: str = "center"
) -> None:
    """Text appended to a table cell's first paragraph."""
    p = cell.paragraphs[0]  # type: ignore[attr-defined]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "center" else WD_ALIGN_PARAGRAPH.LEFT
    p.paragraph_format.space_after = Pt(2)
    p.paragraph_format.space_before = Pt(2)
    run = p.add_run(text)
    run.bold, run.font.size, run.font.name = bold, Pt(size), FONT


def new_doc() -> Document:
    """An A4 portrait document with ND30 margins (3 cm left, 2 cm top and bottom)."""
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.top_margin, sec.bottom_margin = Cm(2), Cm(2)
    sec.left_margin, sec.right_margin = Cm(3), Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)
    return doc


def letterhead(doc: Document, upper: str, issuer: str, number: str, place_date: str) -> None:
    """The two-column letterhead: issuer and number left, the national motto and the
    place and date right."""
    t = doc.add_table(rows=2, cols=2)  # borderless layout table, as officials type it
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    write_cell(t.cell(0, 0), upper, size=12)
    write_cell(t.cell(0, 0), "", size=4)
    t.cell(0, 0).paragraphs[0].runs[0].text = upper
    p = t.cell(0, 0).add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(issuer)
    r.bold, r.font.size, r.font.name = True, Pt(12), FONT
    write_cell(t.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12)
    p = t.cell(0, 1).add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("Độc lập - Tự do - Hạnh phúc")
    r.bold, r.font.size, r.font.name = True, Pt(13), FONT
    write_cell(t.cell(1, 0), f"Số: {number}", size=13)
    write_cell(t.cell(1, 1), place_date, size=13)
    t.cell(1, 1).paragraphs[0].runs[0].italic = True


def signature_block(doc: Document, authority: str, title: str, name: str) -> None:
    """The signing block on the right: authority, title, room to sign, the name."""
    for text, bold in (
        (authority, True),
        (title, True),
        ("", False),
        ("", False),
        ("", False),
        (name, True),
    ):
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Cm(9)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        r = p.add_run(text)
        r.bold, r.font.size, r.font.name = bold, Pt(13), FONT


def ruled(table: object) -> None:
    """A fully ruled table, centred on the page."""
    table.style = "Table Grid"  # type: ignore[attr-defined]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER  # type: ignore[attr-defined]


def annex_docx(plan: Plan, path: Path) -> None:
    """Seed 000's annex: two header rows, 9 units, Tổng cộng."""
    doc = new_doc()
    sec = doc.sections[0]
    sec.left_margin, sec.right_margin = Cm(2), Cm(1.5)
    write_paragraph(doc, plan.annex.title, bold=True, align="center", size=13)
    write_paragraph(
        doc,
        f"(Kèm theo kế hoạch số {plan.document.number} ngày 31/5/2021 của UBND quận)",
        italic=True,
        align="center",
        space_after=10,
    )
    inds = plan.indicators
    t = doc.add_table(rows=2 + 9 + 1, cols=2 + len(inds))
    ruled(t)
    widths = [Cm(1.1), Cm(4.4)] + [Cm(2.6)] * len(inds)
    for row in t.rows:
        for c, w in enumerate(widths):
            row.cells[c].width = w
    for c, label in ((0, "TT"), (1, "Đơn vị")):
        merged = t.cell(0, c).merge(t.cell(1, c))
        write_cell(merged, label, bold=True)
    write_cell(t.cell(0, 2), inds[0].name, bold=True)
    write_cell(t.cell(1, 2), "Tổng số", bold=True)
    for i, ind in enumerate(inds[1:3], start=3):
        write_cell(t.cell(0, i).merge(t.cell(1, i)), ind.name, bold=True)
    group = t.cell(0, 5).merge(t.cell(0, 6))
    write_cell(group, inds[3].group or "", bold=True)
    write_cell(t.cell(1, 5), inds[3].name, bold=True)
    write_cell(t.cell(1, 6), inds[4].name, bold=True)
    units = plan.reporting_units
    for r, unit in enumerate(units, start=2):
        write_cell(t.cell(r, 0), str(r - 1))
        write_cell(t.cell(r, 1), unit.name, align="left")
        for c, ind in enumerate(inds, start=2):
            value = plan.target(unit.id, ind.id, plan.main_period.key)
            write_cell(t.cell(r, c), "" if value is None else f"{int(value):02d}" if value else "0")
    last = 2 + len(units)
    write_cell(t.cell(last, 0).merge(t.cell(last, 1)), "Tổng cộng", bold=True)
    for c, ind in enumerate(inds, start=2):
        write_cell(
            t.cell(last, c),
            f"{int(plan.total_target(ind.id, plan.main_period.key)):02d}",
            bold=True,
        )
    write_paragraph(doc, "", space_after=6)
    for note in plan.annex.notes:
        write_paragraph(doc, f"- {note}", italic=True, size=12, align="justify")
    signature_block(
        doc, "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", plan.document.signer.name
    )
    doc.save(str(path))


def return_docx(
    plan: Plan,
    unit_id: str,
    values: dict[str, int],
    number: str,
    signer: str,
    path: Path,
    qr_png: Path | None,
) -> None:
    """A ward's return letter: letterhead, title, prose, results table, signature."""
    unit = plan.unit_by_id[unit_id]
    doc = new_doc()
    letterhead(
        doc,
        "UBND QUẬN CẦU GIẤY",
        f"UBND PHƯỜNG {unit.name.upper()}",
        number,
        f"{unit.name}, ngày 30 tháng 6 năm 2021",
    )
    if qr_png is not None:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.add_run().add_picture(str(qr_png), width=Cm(2.8))
    write_paragraph(doc, "", space_after=4)
    write_paragraph(doc, "BÁO CÁO", bold=True, align="center", size=14, space_after=0)
    write_paragraph(
        doc,
        "Kết quả thực hiện chỉ tiêu Tháng hành động phòng, chống ma túy năm 2021",
        bold=True,
        align="center",
        space_after=8,
    )
    write_paragraph(
        doc,
        f"Thực hiện Kế hoạch số {plan.document.number} ngày 31/5/2021 của Ủy ban nhân dân "
        f"quận Cầu Giấy, Ủy ban nhân dân phường {unit.name} báo cáo kết quả thực hiện các chỉ "
        "tiêu được giao trong Tháng hành động phòng, chống ma túy như sau:",
        align="justify",
    )
    t = doc.add_table(rows=1 + len(plan.indicators), cols=4)
    ruled(t)
    for row in t.rows:
        for c, w in enumerate((Cm(1.1), Cm(9.0), Cm(2.4), Cm(3.5))):
            row.cells[c].width = w
    for c, label in enumerate(("TT", "Chỉ tiêu", "Đơn vị tính", "Kết quả thực hiện")):
        write_cell(t.cell(0, c), label, bold=True)
    for r, ind in enumerate(plan.indicators, start=1):
        write_cell(t.cell(r, 0), str(r))
        write_cell(t.cell(r, 1), ind.name, align="left")
        write_cell(t.cell(r, 2), ind.measure or "")
        write_cell(t.cell(r, 3), f"{values[ind.id]:02d}")
    write_paragraph(doc, "", space_after=4)
    write_paragraph(
        doc, "Ủy ban nhân dân phường trân trọng báo cáo./.", align="justify", space_after=8
    )
    signature_block(doc, "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", signer)
    doc.save(str(path))


def form_docx(
    plan: Plan, unit_id: str, values: dict[str, int] | None, path: Path, work: Path
) -> None:
    """Our own return form as `chitieu draft` writes it, with the ward's results typed in."""
    from docx import Document as open_docx

    from chitieu.render.return_form import ReturnForm

    form = ReturnForm(plan, plan.unit_by_id[unit_id], plan.main_period)
    form.write_docx(path, work / f"{path.stem}-qr.png")
    if values is None:  # to be written by hand on the printed page
        return
    doc = open_docx(str(path))
    names = {ind.name: ind.id for ind in plan.indicators}
    for table in doc.tables:
        header = [c.text.strip() for c in table.rows[0].cells]
        if "Kết quả thực hiện" not in header:
            continue
        col = header.index("Kết quả thực hiện")
        for row in table.rows[1:]:
            ind = names.get(row.cells[1].text.strip())
            if ind is not None:
                write_cell(row.cells[col], f"{values[ind]:02d}" if values[ind] else "0")
    doc.save(str(path))
