"""The XLSX workbook that goes with the report: every figure traceable to its paper.

Sheets: "Tổng hợp" (every unit of the level, target / result / % per indicator), one
sheet per indicator, "Nguồn số liệu" (each counted record with its file, page and cell),
"Thời hạn" (when each return arrived) and "Kiểm tra" (validation rules broken).
Written in openpyxl's write-only mode so a national workbook stays fast and small in memory.
"""

from __future__ import annotations

import re
from copy import copy
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from chitieu.due import due_phrase
from chitieu.errors import RenderError
from chitieu.plan_parts import Indicator
from chitieu.reconcile import Row, Status
from chitieu.render.cell_text import Formula, put
from chitieu.render.cell_text import row as text_row
from chitieu.report.finality import finality_short
from chitieu.report.sentences import prose_name, prose_name_ok
from chitieu.report.view import Line, ReportView, unit_label
from chitieu.vnformat import count

FONT = "Times New Roman"
MISSED_FILL = PatternFill("solid", fgColor="F4CCCC")  # Chưa đạt
REVIEW_FILL = PatternFill("solid", fgColor="FFF2CC")  # Chờ xác minh
HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
COUNT_FMT = "#,##0"
PCT_FMT = "0.0%"
RATE_FMT = "0.00"


class _Sheet:
    """A write-only sheet with a few styled-cell shortcuts."""

    def __init__(self, wb: Workbook, title: str, widths: list[float], freeze: str) -> None:
        self.ws = wb.create_sheet(title=title[:31])
        self.ws.freeze_panes = freeze  # write-only: must be set before the first row
        self._protos: dict[tuple[Any, ...], WriteOnlyCell] = {}
        for n, w in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(n)].width = w

    def cell(
        self,
        value: Any,
        *,
        bold: bool = False,
        fmt: str | None = None,
        fill: PatternFill | None = None,
        wrap: bool = False,
        border: bool = True,
        size: float = 11,
    ) -> WriteOnlyCell:
        """A styled cell. Styles are made once per combination and copied as a StyleArray:
        assigning openpyxl style objects hashes them every time, too slow for 10⁶ cells."""
        key = (bold, fmt, id(fill) if fill is not None else None, wrap, border, size)
        proto = self._protos.get(key)
        if proto is None:
            proto = WriteOnlyCell(self.ws)
            proto.font = Font(name=FONT, bold=bold, size=size)
            if fmt:
                proto.number_format = fmt
            if fill is not None:
                proto.fill = fill
            if border:
                proto.border = BOX
            if wrap or fill is HEAD_FILL:
                proto.alignment = Alignment(
                    wrap_text=True,
                    vertical="center",
                    horizontal="center" if fill is HEAD_FILL else None,
                )
            self._protos[key] = proto
        c = WriteOnlyCell(self.ws)
        c._style = copy(proto._style)
        return put(c, value)

    def title(self, text: str, sub: str | None = None) -> None:
        self.ws.append([self.cell(text, bold=True, border=False, size=13)])
        self.ws.append([self.cell(sub, border=False)] if sub else [])

    def header(self, titles: list[str]) -> None:
        self.ws.append([self.cell(t, bold=True, fill=HEAD_FILL) for t in titles])


def write_workbook(view: ReportView, path: Path) -> Path:
    """Write the workbook for the report's level.

    "Tổng hợp" and the per-indicator sheets show the report's lines (the units directly
    below the level, and its total); "Chi tiết, nguồn" has every reporting unit's figure
    below the level with the file, page and cell it was read from.

    Raises:
        RenderError: the file cannot be written.
    """
    wb = Workbook(write_only=True)
    lines = [*view.lines, view.total]
    _summary(wb, view, lines)
    used: set[str] = {"Tổng hợp", DETAILS, "Thời hạn", "Kiểm tra"}
    for ind in view.indicators:
        name = sheet_name(_sheet_label(ind), used)
        used.add(name)
        _indicator_sheet(wb, view, lines, ind.id, name)
    _details(wb, view)
    _timeliness(wb, view)
    _checks(wb, view)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(path)
    except OSError as exc:
        raise RenderError(f"Không ghi được tệp {path}: {exc.strerror or exc}.") from None
    return path


DETAILS = "Chi tiết, nguồn"
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\']")


def _sheet_label(ind: Indicator) -> str:
    """The indicator's prose name, or its first alias without abbreviations that fits a
    sheet tab whole ("Cai nghiện bắt buộc" rather than "Lập hồ sơ đưa cai nghiện bắt")."""
    name = prose_name(ind)
    if len(name) <= 31:
        return name
    fitting = [a for a in (ind.name, *ind.aliases) if len(a) <= 31 and prose_name_ok(a)]
    return fitting[0] if fitting else name


_QUALIFIER = re.compile(r",| (tại|theo|về|cho|của|trên|đối với|trong|thuộc) ")


def sheet_name(text: str, used: set[str]) -> str:
    """A sheet named in words ("Điều tra khám phá hình sự"), never by an id: Excel's 31
    characters cut at a word, its forbidden characters dropped, "(2)" on a repeat."""
    clean = " ".join(_NOT_IN_SHEET_NAMES.sub(" ", text).split())
    name = clean
    if len(name) > 31:
        # the longest head that ends before a qualifier ("…, cộng đồng", "… tại Trung tâm")
        cuts = [m.start() for m in _QUALIFIER.finditer(clean) if 0 < m.start() <= 31]
        name = clean[: cuts[-1]].rstrip(" ,") if cuts else clean[:31].rsplit(" ", 1)[0]
    name = name or "Chỉ tiêu"
    base, n = name, 2
    while name in used:
        name = f"{base[: 31 - len(f' ({n})')]} ({n})"
        n += 1
    return name


def _fill(row: Row | None) -> PatternFill | None:
    if row is None:
        return None
    if row.status == Status.chua_dat:
        return MISSED_FILL
    if row.status == Status.cho_xac_minh:
        return REVIEW_FILL
    return None


def _num_fmt(is_rate: bool) -> str:
    return RATE_FMT if is_rate else COUNT_FMT


def _summary(wb: Workbook, view: ReportView, lines: list[Line]) -> None:
    inds = view.indicators
    sh = _Sheet(wb, "Tổng hợp", [6, 34] + [10, 10, 9] * len(inds), "C5")
    doc = view.plan.document
    sh.title(
        f"KẾT QUẢ THỰC HIỆN CHỈ TIÊU - Kế hoạch số {doc.number} - Kỳ {view.period}",
        finality_short(view),
    )
    top = ["TT", "Đơn vị"]
    for ind in inds:
        top += [ind.name, "", ""]
    sh.header(top)
    sub = ["", ""]  # under TT and Đơn vị, merged with the cell above
    for ind in inds:
        unit = "(%)" if ind.is_rate else f"({ind.measure})" if ind.measure else ""
        if view.ind_on_year(ind.id):  # lũy kế against the year's target
            sub += [f"Chỉ tiêu năm {unit}".strip(), f"Lũy kế {unit}".strip(), "Tỷ lệ so với CT năm"]
        else:
            sub += [f"Chỉ tiêu {unit}".strip(), f"Kết quả {unit}".strip(), "Tỷ lệ đạt"]
    sh.header(sub)
    for n in range(len(inds)):
        c0 = 3 + 3 * n
        sh.ws.merged_cells.add(f"{get_column_letter(c0)}3:{get_column_letter(c0 + 2)}3")
    sh.ws.merged_cells.add("A3:A4")
    sh.ws.merged_cells.add("B3:B4")
    first = 5  # rows 1–2 title, 3–4 header
    last = first + len(lines) - 2  # the units' rows; the total row is last + 1
    for n, ln in enumerate(lines, start=1):
        is_total = ln is lines[-1]
        row_no = first + n - 1
        cells = [sh.cell("" if is_total else n), sh.cell(ln.label, bold=is_total)]
        for k, ind in enumerate(inds):
            r = ln.rows.get(ind.id)
            fill = _fill(r)
            fmt = _num_fmt(ind.is_rate)
            t_col, r_col = get_column_letter(3 + 3 * k), get_column_letter(4 + 3 * k)
            target: Any = r.target if r else None
            result: Any = r.result if r else None
            if is_total and not ind.is_rate:
                target = _sum(lines[:-1], ind.id, "target", target, t_col, first, last)
                result = _sum(lines[:-1], ind.id, "result", result, r_col, first, last)
            pct: Any = r.percent / 100 if r is not None and r.percent is not None else None
            if pct is not None:
                pct = Formula(f"={r_col}{row_no}/{t_col}{row_no}")
            cells += [
                sh.cell(target, fmt=fmt, bold=is_total),
                sh.cell(result, fmt=fmt, fill=fill, bold=is_total),
                sh.cell(pct, fmt=PCT_FMT, fill=fill, bold=is_total),
            ]
        sh.ws.append(cells)


def _sum(
    lines: list[Line], ind: str, field: str, value: Any, col: str, first: int, last: int
) -> Any:
    """A live =SUM over the units' rows when it gives the total's figure, else the figure."""
    if value is None or last < first:
        return value
    parts = [getattr(ln.rows[ind], field) for ln in lines if ind in ln.rows]
    if sum(v for v in parts if v is not None) != value:
        return value
    return Formula(f"=SUM({col}{first}:{col}{last})")


def _indicator_sheet(
    wb: Workbook, view: ReportView, lines: list[Line], ind_id: str, name: str
) -> None:
    ind = view.plan.indicator_by_id[ind_id]
    sh = _Sheet(wb, name, [6, 34, 11, 11, 11, 10, 15, 14, 30, 8, 8], "C4")
    sh.title(f"{ind.name}" + (f" ({ind.measure})" if ind.measure else ""))
    sh.header(
        [
            "TT",
            "Đơn vị",
            *(("Chỉ tiêu năm", "Lũy kế") if view.ind_on_year(ind_id) else ("Chỉ tiêu", "Kết quả")),
            "Chênh lệch",
            "Tỷ lệ đạt",
            "Đánh giá",
            "Đơn vị đã báo cáo",
            "Tệp nguồn",
            "Trang",
            "Ô",
        ]
    )
    fmt = _num_fmt(ind.is_rate)
    shown = [ln for ln in lines if ind_id in ln.rows]
    first, last = 4, 4 + len(shown) - 2  # row 3 is the header; the total row is last + 1
    for n, ln in enumerate(shown, start=1):
        r = ln.rows[ind_id]
        row_no = first + n - 1
        is_total = ln is lines[-1]
        src = r.sources[0] if len(r.sources) == 1 else None
        fill = _fill(r)
        target: Any = r.target
        result: Any = r.result
        if is_total and not ind.is_rate:
            target = _sum(shown[:-1], ind_id, "target", target, "C", first, last)
            result = _sum(shown[:-1], ind_id, "result", result, "D", first, last)
        diff: Any = r.difference
        if diff is not None:
            diff = Formula(f"=D{row_no}-C{row_no}")
        pct: Any = r.percent / 100 if r.percent is not None else None
        if pct is not None:
            pct = Formula(f"=D{row_no}/C{row_no}")
        sh.ws.append(
            [
                sh.cell("" if is_total else n),
                sh.cell(ln.label, bold=is_total),
                sh.cell(target, fmt=fmt),
                sh.cell(result, fmt=fmt, fill=fill),
                sh.cell(diff, fmt=fmt),
                sh.cell(pct, fmt=PCT_FMT, fill=fill),
                sh.cell(r.status.label, fill=fill),
                sh.cell(f"{count(r.reported)} trong số {count(r.expected)}" if r.rollup else None),
                sh.cell(src.file if src else None),
                sh.cell(src.page if src else None),
                sh.cell(src.cell if src else None),
            ]
        )


def _details(wb: Workbook, view: ReportView) -> None:
    """Every reporting unit's figure, one line per record counted, with the file, page,
    sheet!cell and store record id it was read from. Plain values and few columns: a
    national workbook has some 70,000 of these lines."""
    multi = len(view.plan.all_periods) > 1
    titles = [
        "Đơn vị",
        "Mã đơn vị",
        "Chỉ tiêu",
        *(["Kỳ"] if multi else []),
        "Chỉ tiêu giao",
        "Kết quả",
        # a sub-year period on the year's target: what the two columns before compare
        *(("Kết quả kỳ", "So sánh") if view.on_year else ()),
        "Đánh giá",
        "Tệp nguồn",
        "Trang",
        "Ô",
        "Mã bản ghi",
        "Xác minh",
    ]
    widths = [30, 16, 40, *([9] if multi else []), 10, 10, *([10, 24] if view.on_year else [])]
    widths += [14, 34, 7, 16, 10, 40]
    sh = _Sheet(wb, DETAILS, widths, "D4")
    sh.title("Số liệu của từng đơn vị và nguồn (tệp, trang, ô) đã dùng để tổng hợp")
    sh.header(titles)
    plan = view.plan
    units = {u.id: unit_label(u) for u in plan.units}
    names = {i.id: i.name for i in plan.indicators}
    ws = sh.ws

    def append(values: tuple[Any, ...]) -> None:
        ws.append(text_row(ws, values))

    for r in view.leaf_rows():
        head = (
            units[r.unit],
            r.unit,
            names[r.indicator],
            *((r.period,) if multi else ()),
            r.target,
            r.result,
            *((r.own_result, _compared(r)) if view.on_year else ()),
            r.status.label + (" (ước thực hiện)" if r.estimate else ""),
        )
        if not r.sources:
            append(head)
            continue
        for s in r.sources:
            cell = f"{s.sheet}!{s.cell}" if s.sheet and s.cell else s.cell
            append((*head, s.file, s.page, cell, s.record_id, s.review_note()))


def _compared(r: Row) -> str:
    if r.on_year:
        return "lũy kế so với chỉ tiêu năm"
    return "kết quả kỳ so với chỉ tiêu kỳ"


def _timeliness(wb: Workbook, view: ReportView) -> None:
    sh = _Sheet(wb, "Thời hạn", [34, 14, 20, 12, 12], "A4")
    sh.title("Thời gian nhận báo cáo")
    sh.header(["Đơn vị", "Hạn báo cáo", "Ngày nhận", "Đúng hạn", "Số ngày muộn"])

    names = {u.id: unit_label(u) for u in view.plan.units}
    for t in view.timeliness:
        status = "Chưa báo cáo" if not t.reported else ("Đúng hạn" if t.on_time else "Muộn")
        fill = MISSED_FILL if status != "Đúng hạn" else None
        sh.ws.append(
            [
                sh.cell(names[t.unit]),
                sh.cell(due_phrase(t.deadline) if t.deadline else None),
                sh.cell(
                    t.received_at.replace(tzinfo=None) if t.received_at else None,
                    fmt="dd/mm/yyyy hh:mm",
                ),
                sh.cell(status, fill=fill),
                sh.cell(t.days_late),
            ]
        )


def _checks(wb: Workbook, view: ReportView) -> None:
    sh = _Sheet(wb, "Kiểm tra", [34, 12, 50, 12, 12, 40], "A4")
    sh.title("Quy tắc kiểm tra số liệu bị vi phạm")
    sh.header(["Đơn vị", "Loại số liệu", "Quy tắc", "Vế trái", "Vế phải", "Tên quy tắc"])
    names = {u.id: unit_label(u) for u in view.plan.units}
    keep = set(view.leaves) | {ln.unit.id for ln in view.lines if ln.unit is not None}
    if view.level is not None:
        keep.add(view.level.id)
    for v in view.rec.violations:
        if v.unit in keep and v.period == view.period:
            role = "Kết quả" if v.role == "result" else "Chỉ tiêu"
            values = [names.get(v.unit, v.unit), role, v.rule, v.left, v.right, v.name]
            sh.ws.append([sh.cell(x) for x in values])


__all__ = ["write_workbook"]
