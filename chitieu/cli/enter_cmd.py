"""`chitieu enter`: a figure given by telephone or Zalo, or a unit excused for a period."""

from __future__ import annotations

from typing import Annotated

import typer

from chitieu.cli.app import app, console, run_guarded
from chitieu.cli.params import ByOption, DbOption, PeriodOption, PlanArg, examples

P = "samples/cau-giay-2021/plan.yaml"


@app.command(
    "enter",
    epilog=examples(
        f'chitieu enter {P} --unit yen-hoa --indicator hinh_su --value 2 --by "Nguyễn Thị Lan" '
        '--note "Đ/c Hùng báo qua điện thoại"',
        f'chitieu enter {P} --unit doi-csdt-ma-tuy --excuse --reason "Đơn vị sáp nhập" '
        '--by "Nguyễn Thị Lan"',
    ),
)
def enter_command(
    plan: PlanArg,
    unit: Annotated[
        str,
        typer.Option("--unit", "-u", metavar="MÃ_ĐƠN_VỊ", help="Mã đơn vị.", show_default=False),
    ],
    by: ByOption,
    indicator: Annotated[
        str | None,
        typer.Option(
            "--indicator", "-i", metavar="MÃ_CHỈ_TIÊU", help="Mã chỉ tiêu.", show_default=False
        ),
    ] = None,
    value: Annotated[
        int | None,
        typer.Option("--value", "-v", metavar="SỐ", help="Số liệu đơn vị báo.", show_default=False),
    ] = None,
    period: PeriodOption = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note",
            metavar="GHI_CHÚ",
            help="Ai báo, qua đâu (điện thoại, Zalo…).",
            show_default=False,
        ),
    ] = None,
    excuse: Annotated[
        bool,
        typer.Option("--excuse", help="Miễn báo cáo cho đơn vị trong kỳ này (cần --reason)."),
    ] = False,
    unexcuse: Annotated[
        bool,
        typer.Option("--unexcuse", help="Bỏ miễn báo cáo đã ghi nhầm cho đơn vị trong kỳ này."),
    ] = False,
    reason: Annotated[
        str | None,
        typer.Option("--reason", metavar="LÝ_DO", help="Lý do miễn báo cáo.", show_default=False),
    ] = None,
    received: Annotated[
        str | None,
        typer.Option(
            "--received-at",
            metavar="THỜI_ĐIỂM",
            help="Lúc đơn vị báo số liệu, dạng 01/07/2021 09:30 (mặc định: bây giờ).",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Nhập tay một số liệu đơn vị báo qua điện thoại, Zalo… (ghi rõ người nhập, nguồn "nhập
    tay"), hoặc miễn báo cáo cho một đơn vị trong một kỳ (--excuse): đơn vị đó không còn bị
    tính là chưa báo cáo, không bị đôn đốc."""

    def body() -> None:
        from chitieu.cli.intake_cmd import parse_when
        from chitieu.errors import UsageError
        from chitieu.plan import load_plan
        from chitieu.report.view import unit_label
        from chitieu.status import choose_period
        from chitieu.store import Store
        from chitieu.store.clerk import EXCUSE, UNEXCUSE

        p = load_plan(plan)
        if unit not in p.unit_by_id:
            raise UsageError(f"Đơn vị {unit!r} không có trong kế hoạch {plan}.")
        key = choose_period(p, period, p.main_period.start)
        name = unit_label(p.unit_by_id[unit])
        if unexcuse:
            with Store.open(db) as store:
                plan_id = store.save_plan(p)
                if (unit, key) not in store.excused(plan_id, key):
                    raise UsageError(f"{name} không được miễn báo cáo kỳ {key}.")
                store.add_event(plan_id, key, UNEXCUSE, by, reason, unit=unit)
            console.print(
                f"Đã bỏ miễn báo cáo kỳ {key} cho {name}: đơn vị lại phải báo cáo.",
                highlight=False,
            )
            return
        if excuse:
            if indicator is not None or value is not None:
                raise UsageError("--excuse miễn báo cáo cả kỳ: không ghi kèm --indicator, --value.")
            if not (reason or "").strip():
                raise UsageError("Cần ghi lý do miễn báo cáo (--reason).")
            with Store.open(db) as store:
                plan_id = store.save_plan(p)
                store.add_event(plan_id, key, EXCUSE, by, reason, unit=unit)
            console.print(
                f"Đã miễn báo cáo kỳ {key} cho {name} (lý do: {reason.strip()}; người ghi: "
                f"{by.strip()}). Đơn vị này không còn tính vào số đơn vị phải báo cáo.",
                highlight=False,
            )
            return
        if indicator is None or value is None:
            raise UsageError("Cần ghi --indicator và --value (hoặc --excuse để miễn báo cáo).")
        ind = p.indicator_by_id.get(indicator)
        if ind is None:
            keys = ", ".join(i.id for i in p.indicators)
            raise UsageError(
                f"Chỉ tiêu {indicator!r} không có trong kế hoạch (các chỉ tiêu: {keys})."
            )
        if ind.is_rate:
            raise UsageError(
                f"Chỉ tiêu {ind.name} là tỷ lệ, được tính từ các số liệu khác: nhập các số đó."
            )
        if value < 0:
            raise UsageError(f"Giá trị {value} không hợp lệ: phải là số nguyên từ 0 trở lên.")
        with Store.open(db) as store:
            plan_id = store.save_plan(p)
            rec_id = store.enter(
                plan_id,
                unit=unit,
                indicator=indicator,
                period=key,
                value=value,
                person=by,
                note=note,
                at=parse_when(received) if received else None,
            )
        measure = f" {ind.measure}" if ind.measure else ""
        console.print(
            f"Đã nhập tay (bản ghi {rec_id}): {name} — {ind.name}, kỳ {key}: {value}{measure}. "
            f"Người nhập: {by.strip()}." + (f" Ghi chú: {note.strip()}." if note else ""),
            highlight=False,
        )
        console.print(
            "Nếu sau đó đơn vị gửi báo cáo với số khác, số đó sẽ được đánh dấu cần xác minh.",
            highlight=False,
        )

    run_guarded(body)
