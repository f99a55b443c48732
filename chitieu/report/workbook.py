"""The XLSX workbook that goes with the report: every figure traceable to its paper.

Sheets: "Tổng hợp" (every unit of the level, target / result / % per indicator), one
sheet per indicator, "Nguồn số liệu" (each counted record with its file, page and cell),
"Thời hạn" (when each return arrived) and "Kiểm tra" (validation rules broken).
Written in openpyxl's write-only mode so a national workbook stays fast and small in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from chitieu.errors import RenderError
from chitieu.plan import Plan, Unit
from chitieu.reconcile import Row, Status
from chitieu.report.view import ReportView, unit_label

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
        c = WriteOnlyCell(self.ws, value=value)
        c.font = Font(name=FONT, bold=bold, size=size)
        if fmt:
            c.number_format = fmt
        if fill is not None:
            c.fill = fill
        if border:
            c.border = BOX
        if wrap or bold:
            c.alignment = Alignment(
                wrap_text=True, vertical="center", horizontal="center" if bold else None
            )
        return c

    def title(self, text: str) -> None:
        self.ws.append([self.cell(text, bold=True, border=False, size=13)])
        self.ws.append([])

    def header(self, titles: list[str]) -> None:
        self.ws.append([self.cell(t, bold=True, fill=HEAD_FILL) for t in titles])


def write_workbook(view: ReportView, path: Path) -> Path:
    """Write the workbook for the report's level.

    Raises:
        RenderError: the file cannot be written.
    """
    wb = Workbook(write_only=True)
    units = list(_subtree(view.plan, view.level.id if view.level else None))
    _summary(wb, view, units)
    used: set[str] = {"Tổng hợp", "Nguồn số liệu", "Thời hạn", "Kiểm tra"}
    for ind in view.indicators:
        name = ind.id[:31]
        while name in used:
            name = name[:28] + f"_{len(used)}"
        used.add(name)
        _indicator_sheet(wb, view, units, ind.id, name)
    _sources(wb, view)
    _timeliness(wb, view)
    _checks(wb, view)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(path)
    except OSError as exc:
        raise RenderError(f"Không ghi được tệp {path}: {exc.strerror or exc}.") from None
    return path


def _subtree(plan: Plan, top: str | None) -> Iterator[tuple[Unit, int]]:
    """Units at and below `top` (all roots for None), depth-first in plan order."""
    kids: dict[str | None, list[Unit]] = {}
    for u in plan.units:
        parent = u.parent if u.parent in plan.unit_by_id else None
        kids.setdefault(parent, []).append(u)
    stack = [(plan.unit_by_id[top], 0)] if top else [(u, 0) for u in reversed(kids.get(None, []))]
    while stack:
        unit, depth = stack.pop()
        yield unit, depth
        stack.extend((c, depth + 1) for c in reversed(kids.get(unit.id, [])))


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


def _summary(wb: Workbook, view: ReportView, units: list[tuple[Unit, int]]) -> None:
    inds = view.indicators
    sh = _Sheet(wb, "Tổng hợp", [6, 34] + [10, 10, 9] * len(inds), "C5")
    doc = view.plan.document
    sh.title(f"KẾT QUẢ THỰC HIỆN CHỈ TIÊU - Kế hoạch số {doc.number} - Kỳ {view.period}")
    top = ["", ""]
    for ind in inds:
        top += [ind.name, "", ""]
    sh.header(top)
    sub = ["TT", "Đơn vị"]
    for ind in inds:
        unit = "(%)" if ind.is_rate else f"({ind.measure})" if ind.measure else ""
        sub += [f"Chỉ tiêu {unit}".strip(), f"Kết quả {unit}".strip(), "Tỷ lệ đạt"]
    sh.header(sub)
    for n in range(len(inds)):
        c0 = 3 + 3 * n
        sh.ws.merged_cells.add(f"{get_column_letter(c0)}3:{get_column_letter(c0 + 2)}3")
    sh.ws.merged_cells.add("A3:A4")
    sh.ws.merged_cells.add("B3:B4")
    leaf_no = 0
    for unit, depth in units:
        rows = {i.id: view.rec.row(unit.id, i.id, view.period) for i in inds}
        is_total = any(r is not None and r.rollup for r in rows.values())
        if not is_total:
            leaf_no += 1
        label = ("    " * depth) + unit_label(unit)
        cells = [sh.cell("" if is_total else leaf_no), sh.cell(label, bold=False)]
        if is_total:
            cells[1].font = Font(name=FONT, bold=True)
        for ind in inds:
            r = rows[ind.id]
            fill = _fill(r)
            fmt = _num_fmt(ind.is_rate)
            pct = r.percent / 100 if r is not None and r.percent is not None else None
            cells += [
                sh.cell(r.target if r else None, fmt=fmt),
                sh.cell(r.result if r else None, fmt=fmt, fill=fill),
                sh.cell(pct, fmt=PCT_FMT, fill=fill),
            ]
        sh.ws.append(cells)


def _indicator_sheet(
    wb: Workbook, view: ReportView, units: list[tuple[Unit, int]], ind_id: str, name: str
) -> None:
    ind = view.plan.indicator_by_id[ind_id]
    sh = _Sheet(wb, name, [6, 34, 11, 11, 11, 10, 15, 30, 8, 8], "C4")
    sh.title(f"{ind.name}" + (f" ({ind.measure})" if ind.measure else ""))
    sh.header(
        [
            "TT",
            "Đơn vị",
            "Chỉ tiêu",
            "Kết quả",
            "Chênh lệch",
            "Tỷ lệ đạt",
            "Đánh giá",
            "Tệp nguồn",
            "Trang",
            "Ô",
        ]
    )
    fmt = _num_fmt(ind.is_rate)
    n = 0
    for unit, depth in units:
        r = view.rec.row(unit.id, ind_id, view.period)
        if r is None:
            continue
        n += 1
        src = r.sources[0] if len(r.sources) == 1 else None
        fill = _fill(r)
        sh.ws.append(
            [
                sh.cell(n),
                sh.cell(("    " * depth) + unit_label(unit), bold=r.rollup),
                sh.cell(r.target, fmt=fmt),
                sh.cell(r.result, fmt=fmt, fill=fill),
                sh.cell(r.difference, fmt=fmt),
                sh.cell(r.percent / 100 if r.percent is not None else None, fmt=PCT_FMT, fill=fill),
                sh.cell(r.status.label, fill=fill),
                sh.cell(src.file if src else None),
                sh.cell(src.page if src else None),
                sh.cell(src.cell if src else None),
            ]
        )


def _sources(wb: Workbook, view: ReportView) -> None:
    sh = _Sheet(wb, "Nguồn số liệu", [30, 16, 34, 14, 9, 10, 12, 34, 18, 7, 14, 8, 10], "A4")
    sh.title("Nguồn của từng số liệu đã tổng hợp")
    sh.header(
        [
            "Đơn vị",
            "Mã đơn vị",
            "Chỉ tiêu",
            "Mã chỉ tiêu",
            "Kỳ",
            "Giá trị",
            "Cần xác minh",
            "Tệp nguồn",
            "SHA-256",
            "Trang",
            "Trang tính",
            "Ô",
            "Mã bản ghi",
        ]
    )
    plan = view.plan
    for r in view.leaf_rows():
        ind = plan.indicator_by_id[r.indicator]
        if ind.is_rate:
            continue  # computed from the numerator's and denominator's records listed here
        for s in r.sources:
            review = r.status == Status.cho_xac_minh
            sh.ws.append(
                [
                    unit_label(plan.unit_by_id[r.unit]),
                    r.unit,
                    ind.name,
                    r.indicator,
                    r.period,
                    r.result,
                    sh.cell(
                        "Có" if review else "", fill=REVIEW_FILL if review else None, border=False
                    ),
                    s.file,
                    (s.sha256 or "")[:16] or None,
                    s.page,
                    s.sheet,
                    s.cell,
                    s.record_id,
                ]
            )


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
                sh.cell(t.deadline, fmt="dd/mm/yyyy"),
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
    keep = set(view.leaves) | {
        u.id for u, _ in _subtree(view.plan, view.level.id if view.level else None)
    }
    for v in view.rec.violations:
        if v.unit in keep and v.period == view.period:
            role = "Kết quả" if v.role == "result" else "Chỉ tiêu"
            sh.ws.append([names.get(v.unit, v.unit), role, v.rule, v.left, v.right, v.name])


__all__ = ["write_workbook"]
