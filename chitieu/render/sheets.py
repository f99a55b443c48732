"""XLSX outputs: the quota annex, the task annex, and each unit's locked return form.

The return form follows `chitieu.form_ids` exactly: a veryHidden sheet `_chitieu` (rows
1–5 key/value, row 7 header, one row per indicator with the result cell's address and
the defined name that follows that cell when a ward inserts rows or columns) and
the custom document properties `chitieu_plan_number`, `chitieu_unit`, `chitieu_period`.
Every cell is locked except the result cells, which accept whole numbers ≥ 0 only.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, Protection, Side
from openpyxl.utils import absolute_coordinate, get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from chitieu.errors import RenderError
from chitieu.form_ids import FORMAT, HIDDEN_SHEET, result_name
from chitieu.plan import Indicator
from chitieu.render.cell_text import Formula, write
from chitieu.render.names import in_sentence
from chitieu.render.quota_annex import QuotaAnnex
from chitieu.render.return_form import ReturnForm, period_text
from chitieu.render.task_annex import HEADERS as TASK_HEADERS
from chitieu.render.task_annex import task_cells
from chitieu.vnformat import short_date

FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


def _font(size: float = 12, bold: bool = False, italic: bool = False) -> Font:
    return Font(name=FONT, size=size, bold=bold, italic=italic)


def _title(ws: Worksheet, row: int, text: str, ncols: int, **font: object) -> None:
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    cell = write(ws, row, 1, text)
    cell.font = _font(**font)  # type: ignore[arg-type]
    cell.alignment = CENTER


def _boxed(
    ws: Worksheet,
    row: int,
    col: int,
    value: object,
    *,
    bold: bool = False,
    align: Alignment = CENTER,
) -> None:
    cell = write(ws, row, col, value)
    cell.font = _font(12, bold)
    cell.border = BOX
    cell.alignment = align


def _print_on_a4(ws: Worksheet) -> None:
    """A4, as wide as one page, so a printed sheet looks like the DOCX form."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _save(wb: Workbook, out: Path) -> Path:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        wb.save(str(out))
    except OSError as exc:
        raise RenderError(f"Không ghi được tệp {out}: {exc.strerror or exc}.") from None
    return out


def reference_line(annex: QuotaAnnex) -> str:
    doc = annex.plan.document
    return f"(Kèm theo Kế hoạch số {doc.number} ngày {short_date(doc.date)} của {in_sentence(doc.issuer)})"


def write_quota_xlsx(annex: QuotaAnnex, out: Path) -> Path:
    """The biểu giao chỉ tiêu as sheets: one, or (targets changing over the periods) one for
    the steady targets and one per period; totals are live SUM formulas."""
    wb = Workbook()
    first = wb.active
    for n, (name, period, inds, heading) in enumerate(annex.sheet_blocks()):
        ws = first if n == 0 else wb.create_sheet()
        ws.title = name[:31]
        _quota_sheet(ws, annex, period, inds, heading)
    return _save(wb, out)


def _quota_sheet(
    ws: Worksheet,
    annex: QuotaAnnex,
    period: str | None,
    inds: list[Indicator],
    heading: str | None,
) -> None:
    ncols = 2 + len(inds)
    _title(ws, 1, annex.title(), ncols, size=14, bold=True)
    _title(ws, 2, reference_line(annex), ncols, size=13, italic=True)
    if heading:
        _title(ws, 3, heading, ncols, size=13, bold=True)
    head = 4
    grouped = any(i.group for i in inds)
    first_data = head + (2 if grouped else 1)
    for col, label in ((1, "TT"), (2, "Đơn vị")):
        _boxed(ws, head, col, label, bold=True)
        if grouped:
            _boxed(ws, head + 1, col, None, bold=True)
            ws.merge_cells(start_row=head, start_column=col, end_row=head + 1, end_column=col)
    j = 0
    while j < len(inds):
        ind = inds[j]
        col = 3 + j
        title = ind.name + (f" ({ind.measure})" if ind.measure else "")
        if not grouped:
            _boxed(ws, head, col, title, bold=True)
            j += 1
            continue
        if ind.group is None:
            _boxed(ws, head, col, title, bold=True)
            _boxed(ws, head + 1, col, None, bold=True)
            ws.merge_cells(start_row=head, start_column=col, end_row=head + 1, end_column=col)
            j += 1
            continue
        k = j
        while k + 1 < len(inds) and inds[k + 1].group == ind.group:
            k += 1
        for m in range(j, k + 1):
            _boxed(ws, head, 3 + m, ind.group if m == j else None, bold=True)
            sub = inds[m]
            _boxed(
                ws,
                head + 1,
                3 + m,
                sub.name + (f" ({sub.measure})" if sub.measure else ""),
                bold=True,
            )
        if k > j:
            ws.merge_cells(start_row=head, start_column=col, end_row=head, end_column=3 + k)
        j = k + 1
    row = first_data
    for n, unit in enumerate(annex.units, start=1):
        _boxed(ws, row, 1, n)
        _boxed(ws, row, 2, annex.unit_label(unit), align=LEFT)
        for c, ind in enumerate(inds, start=3):
            value = annex.plan.target(unit.id, ind.id, period or annex.steady_period(ind))
            if value is not None and ind.is_rate:
                _boxed(ws, row, c, float(value) / 100)
                ws.cell(row=row, column=c).number_format = "0%"
                continue
            _boxed(ws, row, c, value)
            if value is not None:
                ws.cell(row=row, column=c).number_format = "00"
        row += 1
    last_data = row - 1
    _boxed(ws, row, 1, "Tổng cộng", bold=True)
    _boxed(ws, row, 2, None, bold=True)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    for c, ind in enumerate(inds, start=3):
        total = annex.total(ind, period or annex.steady_period(ind))
        letter = get_column_letter(c)
        # a live formula, so that a clerk who changes a unit's quota sees the new total
        formula = (
            Formula(f"=SUM({letter}{first_data}:{letter}{last_data})")
            if total is not None
            else None
        )
        _boxed(ws, row, c, formula, bold=True)
        ws.cell(row=row, column=c).number_format = "00"
    notes = annex.notes()
    if notes:
        row += 2
        write(ws, row, 1, "Lưu ý:").font = _font(12, True)
        for note in notes:
            row += 1
            write(ws, row, 2, f"- {note}").font = _font(12, italic=True)
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 32
    for c in range(3, ncols + 1):
        ws.column_dimensions[get_column_letter(c)].width = 18
    ws.row_dimensions[head].height = 45
    ws.print_options.horizontalCentered = True
    ws.page_setup.orientation = "landscape"
    _print_on_a4(ws)


def write_tasks_xlsx(annex: QuotaAnnex, out: Path) -> Path:
    """The phụ lục phân công nhiệm vụ as a sheet, one task per row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Phân công nhiệm vụ"
    n = len(TASK_HEADERS)
    _title(ws, 1, "PHÂN CÔNG NHIỆM VỤ THỰC HIỆN KẾ HOẠCH", n, size=14, bold=True)
    _title(ws, 2, reference_line(annex), n, size=13, italic=True)
    for c, h in enumerate(TASK_HEADERS, start=1):
        _boxed(ws, 4, c, h, bold=True)
    for r, a in enumerate(annex.plan.assignments, start=5):
        for c, value in enumerate(task_cells(r - 4, a), start=1):
            _boxed(ws, r, c, value, align=CENTER if c in (1, 5) else LEFT)
    for c, w in enumerate((6, 60, 25, 30, 16, 25), start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.page_setup.orientation = "landscape"
    _print_on_a4(ws)
    return _save(wb, out)


RESULT_COL = 5  # E: Kết quả thực hiện
TARGET_COL = 4  # D: Chỉ tiêu giao
FIRST_ROW = 6


def write_return_xlsx(form: ReturnForm, out: Path) -> Path:
    """The unit's return form: locked, result cells open and validated, ids machine-readable."""
    plan, unit, period = form.plan, form.unit, form.period
    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    _title(ws, 1, form.issuer, 6, size=13, bold=True)
    _title(
        ws,
        2,
        f"BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU {period_text(period).upper()}",
        6,
        size=14,
        bold=True,
    )
    doc = plan.document
    _title(
        ws,
        3,
        f"(Theo Kế hoạch số {doc.number} ngày {short_date(doc.date)} của {in_sentence(doc.issuer)})",
        6,
        size=12,
        italic=True,
    )
    if form.note:
        _title(ws, 4, form.note, 6, size=12, italic=True)
    headers = ("STT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu giao", "Kết quả thực hiện", "Ghi chú")
    for c, h in enumerate(headers, start=1):
        _boxed(ws, 5, c, h, bold=True)
    dv = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        promptTitle="Kết quả thực hiện",
        prompt="Nhập số nguyên không âm (0, 1, 2, …).",
        errorTitle="Số liệu không hợp lệ",
        error="Chỉ nhập số nguyên lớn hơn hoặc bằng 0.",
    )
    ws.add_data_validation(dv)
    rate_dv = DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        promptTitle="Kết quả thực hiện (%)",
        prompt="Nhập tỷ lệ phần trăm từ 0 đến 100 (ví dụ 87,5).",
        errorTitle="Số liệu không hợp lệ",
        error="Chỉ nhập tỷ lệ phần trăm từ 0 đến 100.",
    )
    hidden = wb.create_sheet(HIDDEN_SHEET)
    for r, (k, v) in enumerate(
        (
            ("format", FORMAT),
            ("plan_number", doc.number),
            ("plan_date", doc.date.isoformat()),
            ("unit", unit.id),
            ("period", period.key),
        ),
        start=1,
    ):
        write(hidden, r, 1, k)
        write(hidden, r, 2, v)
    for c, h in enumerate(("indicator", "result_cell", "target_cell", "sheet", "name"), start=1):
        write(hidden, 7, c, h)
    for n, ind in enumerate(form.indicators):
        r = FIRST_ROW + n
        target = form.target(ind)
        _boxed(ws, r, 1, n + 1)
        _boxed(ws, r, 2, ind.name, align=LEFT)
        _boxed(ws, r, 3, ind.measure or ("%" if ind.is_rate else ""))
        _boxed(ws, r, TARGET_COL, target)
        if target is not None and not ind.is_rate:
            ws.cell(row=r, column=TARGET_COL).number_format = "00"
        _boxed(ws, r, RESULT_COL, None)
        _boxed(ws, r, 6, None, align=LEFT)
        result = ws.cell(row=r, column=RESULT_COL)
        result.protection = Protection(locked=False)
        ws.cell(row=r, column=6).protection = Protection(locked=False)
        (rate_dv if ind.is_rate else dv).add(result.coordinate)
        write(hidden, 8 + n, 1, ind.id)
        write(hidden, 8 + n, 2, result.coordinate)
        write(hidden, 8 + n, 3, ws.cell(row=r, column=TARGET_COL).coordinate)
        write(hidden, 8 + n, 4, ws.title)
        name = result_name(n + 1)
        write(hidden, 8 + n, 5, name)
        ref = f"{quote_sheetname(ws.title)}!{absolute_coordinate(result.coordinate)}"
        wb.defined_names[name] = DefinedName(name, attr_text=ref)
    if rate_dv.sqref.ranges:
        ws.add_data_validation(rate_dv)
    hidden.sheet_state = "veryHidden"
    hidden.protection.sheet = True
    ws.protection.sheet = True
    ws.protection.formatCells = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    for c, w in enumerate((6, 48, 12, 14, 18, 16), start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.row_dimensions[5].height = 32
    for name, value in (
        ("chitieu_plan_number", doc.number),
        ("chitieu_unit", unit.id),
        ("chitieu_period", period.key),
    ):
        wb.custom_doc_props.append(StringProperty(name=name, value=value))
    _print_on_a4(ws)
    return _save(wb, out)


__all__ = ["write_quota_xlsx", "write_return_xlsx", "write_tasks_xlsx"]
