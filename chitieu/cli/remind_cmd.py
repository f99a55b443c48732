"""`chitieu remind PLAN`: the công văn đôn đốc to the units that have not reported yet."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

from chitieu.cli.app import app, console, run_guarded
from chitieu.cli.params import DbOption, PeriodOption, PlanArg, examples


@app.command(
    "remind",
    epilog=examples(
        "chitieu remind samples/cau-giay-2021/plan.yaml --date 29/06/2021",
        "chitieu remind samples/cau-giay-2021/plan.yaml --period 2021-06 --no-pdf",
    ),
)
def remind(
    plan: PlanArg,
    out: Annotated[Path, typer.Option("--out", help="Thư mục ghi công văn.")] = Path(
        "outputs/don-doc"
    ),
    period: PeriodOption = None,
    overdue: Annotated[
        bool,
        typer.Option(
            "--overdue",
            help="Khi không nêu --period: đôn đốc kỳ gần nhất đã quá hạn thay vì kỳ sắp tới hạn.",
        ),
    ] = False,
    on: Annotated[
        str | None,
        typer.Option("--date", help="Ngày ký công văn, dạng 29/06/2021 (mặc định: hôm nay)."),
    ] = None,
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Xuất thêm bản PDF.")] = True,
    db: DbOption = None,
) -> None:
    """Lập công văn đôn đốc gửi các đơn vị chưa gửi báo cáo (theo cơ sở dữ liệu)."""

    def body() -> None:
        from zoneinfo import ZoneInfo

        from chitieu.deadlines import TIMEZONE, choose_period, late_by_deadline
        from chitieu.due import due_phrase
        from chitieu.errors import UsageError
        from chitieu.locking import exempt_units
        from chitieu.periods import period_text
        from chitieu.plan import load_plan
        from chitieu.reminder import addressee, write_reminder
        from chitieu.store import Store

        p = load_plan(plan)
        today = _parse_date(on) if on else datetime.now(ZoneInfo(TIMEZONE)).date()
        if period is not None and period not in p.period_by_key:
            keys = ", ".join(x.key for x in p.all_periods)
            raise UsageError(f"Kế hoạch không có kỳ {period!r} (các kỳ: {keys}).")
        per, why = choose_period(p, period, today, overdue=overdue)
        if per is None:
            raise UsageError(f"{plan}: {why}")
        with Store.open(db) as store:
            plan_id = store.save_plan(p)
            received = store.receipts(plan_id, per.key)
            exempt = exempt_units(store, plan_id, per.key)
        groups = [
            (deadline, kept)
            for deadline, late in late_by_deadline(p, per, received)
            if (kept := [u for u in late if u.id not in exempt])
        ]
        console.print(f"Kỳ {per.key} ({period_text(per)}).")
        if not groups:
            console.print("Mọi đơn vị đã gửi báo cáo: không cần công văn đôn đốc.")
            return
        files: list[Path] = []
        for deadline, late in groups:
            files.append(write_reminder(p, late, today, deadline, out, per))
            names = ", ".join(addressee(u) for u in late)
            console.print(
                f"{len(late)} đơn vị chưa báo cáo (hạn gửi {due_phrase(deadline)}): {names}"
            )
        if pdf:
            from chitieu.render.pdf import convert_to_pdf

            files += convert_to_pdf(files, out)
        for f in files:
            console.print(f"Đã ghi: {f}")

    run_guarded(body)


def _parse_date(text: str) -> date:
    from chitieu.errors import UsageError

    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise UsageError(f"Ngày {text!r} không hợp lệ: hãy viết dạng 29/06/2021.")
