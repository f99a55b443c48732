"""`chitieu report PLAN --out DIR`: the consolidated báo cáo (DOCX, PDF, chart, XLSX)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from chitieu.cli.app import app, console, run_guarded
from chitieu.cli.params import DbOption, PeriodOption, PlanArg, examples


@app.command(
    "report",
    epilog=examples(
        "chitieu report samples/cau-giay-2021/plan.yaml --number 35/BC-UBND --date 05/07/2021",
        "chitieu report samples/cau-giay-2021/plan.yaml --allow-empty --no-pdf",
    ),
)
def report_cmd(
    plan: PlanArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="Thư mục ghi báo cáo.")] = Path(
        "outputs/bao-cao"
    ),
    level: Annotated[
        str | None,
        typer.Option("--level", help="Lập báo cáo cho cấp này (mã đơn vị); mặc định cấp cao nhất."),
    ] = None,
    number: Annotated[
        str | None, typer.Option("--number", help='Số, ký hiệu báo cáo, ví dụ "35/BC-UBND".')
    ] = None,
    on: Annotated[
        str | None,
        typer.Option("--date", help="Ngày ban hành báo cáo (2021-07-05 hoặc 05/07/2021)."),
    ] = None,
    period: PeriodOption = None,
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Xuất thêm bản PDF.")] = True,
    db: DbOption = None,
    allow_empty: Annotated[
        bool,
        typer.Option(
            "--allow-empty", help="Vẫn lập báo cáo khi chưa có kết quả nào được tiếp nhận."
        ),
    ] = False,
) -> None:
    """Lập báo cáo tổng hợp theo Nghị định 30/2020/NĐ-CP (DOCX, PDF), biểu đồ và bảng tính XLSX
    truy được từng số liệu về tệp, trang, ô gốc."""

    def body() -> None:
        from chitieu.errors import UsageError
        from chitieu.plan import load_plan
        from chitieu.reconcile import reconcile_stored
        from chitieu.report import write_report
        from chitieu.store import Store

        issued = _parse_date(on) if on else None
        p = load_plan(plan)
        with Store.open(db) as store:
            rec = reconcile_stored(p, store)
            plan_id = store.plan_id(p)
            locks = store.locks(plan_id) if plan_id is not None else {}
        missing = missing_units(rec, period)
        if rec.units_reported == 0 and not allow_empty:
            raise UsageError(
                f"Chưa có kết quả nào của kế hoạch {p.document.number} trong cơ sở dữ liệu "
                f"{store.url}: chưa lập báo cáo. Chạy chitieu intake trước "
                "(hoặc thêm --allow-empty để vẫn lập báo cáo trống)."
            )
        if missing:
            console.print(
                f"[yellow]Còn {len(missing)} đơn vị chưa báo cáo:[/] " + ", ".join(missing),
                highlight=False,
            )
        paths = write_report(
            p, rec, out, level=level, pdf=pdf, period=period, number=number, on=issued
        )
        for path in paths:
            console.print(f"Đã ghi {path}")
        from chitieu.locking import describe_lock

        for per, ev in sorted(locks.items()):
            if period is None or per == period:
                console.print(
                    f"Kỳ {per} {describe_lock(ev)}: báo cáo lập từ số liệu đã khóa.",
                    highlight=False,
                )
        open_periods = [x.key for x in p.all_periods if x.key not in locks]
        if open_periods and (period is None or period in open_periods):
            console.print(
                "Kỳ chưa khóa: báo cáo ghi số liệu tạm thời. Khi số liệu đã đủ, khóa sổ bằng "
                f'chitieu lock {plan} --period {period or open_periods[0]} --by "HỌ TÊN" '
                "rồi lập lại báo cáo để trình ký.",
                highlight=False,
            )

    run_guarded(body)


def missing_units(rec, period: str | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    """Names of the reporting units with no return (for the period, or any)."""
    from chitieu.report.view import unit_label

    plan = rec.plan
    seen: dict[str, bool] = {}
    for t in rec.timeliness:
        if period is None or t.period == period:
            seen[t.unit] = seen.get(t.unit, False) or t.reported
    return [unit_label(plan.unit_by_id[u]) for u, got in seen.items() if not got]


def _parse_date(text: str) -> date:
    import re

    from chitieu.errors import UsageError

    m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", text)
    try:
        if m:
            d, mo, y = (int(g) for g in m.groups())
            return date(y, mo, d)
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"Ngày {text!r} không hợp lệ; viết dạng 2021-07-05 hoặc 05/07/2021."
        ) from None
