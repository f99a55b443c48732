"""`chitieu return PLAN --unit U --reason TEXT`: send a report back for correction (trả lại)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from chitieu.cli.app import app, console, run_guarded
from chitieu.cli.params import ByOption, DbOption, PeriodOption, PlanArg, examples


@app.command(
    "return",
    epilog=examples(
        'chitieu return samples/cau-giay-2021/plan.yaml --unit dich-vong --reason "Tổng cộng '
        'không khớp với các dòng" --by "Nguyễn Thị Lan"',
    ),
)
def return_command(
    plan: PlanArg,
    unit: Annotated[
        str,
        typer.Option("--unit", "-u", metavar="MÃ_ĐƠN_VỊ", help="Mã đơn vị.", show_default=False),
    ],
    reason: Annotated[
        str,
        typer.Option(
            "--reason", metavar="LÝ_DO", help="Lý do trả lại báo cáo.", show_default=False
        ),
    ],
    by: ByOption,
    period: PeriodOption = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="THƯ_MỤC", help="Thư mục ghi công văn.")
    ] = Path("outputs/tra-lai"),
    on: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="NGÀY",
            help="Ngày ký công văn, dạng 05/07/2021 (mặc định: hôm nay).",
            show_default=False,
        ),
    ] = None,
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Xuất thêm bản PDF.")] = True,
    db: DbOption = None,
) -> None:
    """Trả lại báo cáo của một đơn vị để sửa: lập công văn (theo Nghị định 30/2020/NĐ-CP) nêu
    rõ số liệu cần xác minh, quy tắc bị vi phạm, tổng không khớp; số liệu của đơn vị được giữ
    ở trạng thái chờ cho đến khi nhận báo cáo sửa."""

    def body() -> None:
        from chitieu.cli.report_cmd import _parse_date
        from chitieu.errors import UsageError
        from chitieu.plan import load_plan
        from chitieu.report.view import unit_label
        from chitieu.returning import findings, write_return
        from chitieu.status import choose_period
        from chitieu.store import Store
        from chitieu.store.clerk import RETURN

        p = load_plan(plan)
        if unit not in p.unit_by_id:
            raise UsageError(f"Đơn vị {unit!r} không có trong kế hoạch {plan}.")
        if not reason.strip():
            raise UsageError("Cần ghi lý do trả lại (--reason).")
        key = choose_period(p, period, p.main_period.start)
        today = _parse_date(on) if on else datetime.now().date()
        with Store.open(db) as store:
            plan_id = store.plan_id(p)
            current = (
                [r for r in store.current_results(plan_id, key) if r.unit == unit]
                if plan_id is not None
                else []
            )
            if not current:
                raise UsageError(
                    f"Chưa có báo cáo kỳ {key} của {unit_label(p.unit_by_id[unit])}: "
                    "không có gì để trả lại."
                )
            store.refuse_if_locked(plan_id, key, "trả lại báo cáo")
            found = findings(p, store, plan_id, unit, key)
            files = [write_return(p, unit, key, reason, found, today, out)]
            if pdf:
                from chitieu.render.pdf import convert_to_pdf

                files += convert_to_pdf(files, out)
            store.add_event(plan_id, key, RETURN, by, reason, unit=unit)
        name = unit_label(p.unit_by_id[unit])
        console.print(
            f"Đã trả lại báo cáo kỳ {key} của {name}: {len(found.all)} nội dung cần sửa. "
            "Số liệu của đơn vị chờ báo cáo sửa, chưa được tính là đạt.",
            highlight=False,
        )
        for line in found.all:
            console.print(f"  • {line}", highlight=False)
        for f in files:
            console.print(f"Đã ghi: {f}", highlight=False)

    run_guarded(body)
