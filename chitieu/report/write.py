"""`write_report`: DOCX (+ PDF), chart PNG and XLSX workbook for one level of the plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from chitieu.plan import Plan
from chitieu.reconcile import Reconciliation
from chitieu.report.chart import completion_chart
from chitieu.report.document import write_docx
from chitieu.report.view import build_view
from chitieu.report.workbook import write_workbook


def report_stem(plan: Plan, level: str | None, period: str | None) -> str:
    """ "bao-cao-cau-giay-2021-06": a stable file name per level and period."""
    unit = level or next((u.id for u in plan.units if u.parent is None), "tong-hop")
    return f"bao-cao-{unit}-{period or plan.main_period.key}"


def write_report(
    plan: Plan,
    reconciliation: Reconciliation,
    out_dir: Path,
    *,
    level: str | None = None,
    pdf: bool = True,
    period: str | None = None,
    number: str | None = None,
    on: date | None = None,
) -> list[Path]:
    """Write the consolidated report of `level` (None: the plan's top) into `out_dir`.

    Returns the files written: DOCX, PDF (when `pdf`), chart PNG (when there is one), XLSX.

    Raises:
        UsageError: unknown level or period.
        RenderError: a file cannot be written, or LibreOffice fails.
    """
    view = build_view(plan, reconciliation, level=level, period=period, number=number, on=on)
    stem = report_stem(plan, level, period)
    out_dir = Path(out_dir)
    chart = completion_chart(view, out_dir / f"{stem}-bieu-do.png")
    docx_path = write_docx(view, out_dir / f"{stem}.docx", chart)
    written = [docx_path]
    if pdf:
        from chitieu.render.pdf import convert_to_pdf

        written += convert_to_pdf([docx_path], out_dir)
    if chart is not None:
        written.append(chart)
    written.append(write_workbook(view, out_dir / f"{stem}.xlsx"))
    return written


__all__ = ["report_stem", "write_report"]
