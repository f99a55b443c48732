"""`chitieu plan check`: validate a plan file and summarise it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from chitieu.cli.app import app, console, run_guarded
from chitieu.cli.params import PlanArg, examples
from chitieu.cli.words import folded

if TYPE_CHECKING:
    from chitieu.plan import Plan

plan_app = typer.Typer(help="Làm việc với tệp kế hoạch (YAML).", no_args_is_help=True)
app.add_typer(plan_app, name="plan")


def period_lines(p: Plan) -> list[str]:
    """One line per period: its dates, its deadline(s) said one way, estimates flagged."""
    from chitieu.due import deadlines_text
    from chitieu.periods import period_text

    out = []
    for per in p.all_periods:
        text = f"Kỳ {per.key}: {period_text(per)}"
        if not text.endswith(f"{per.end:%Y}") or per.scheme not in (None, "calendar"):
            text += f" (số liệu {per.start:%d/%m/%Y}–{per.end:%d/%m/%Y})"
        due = deadlines_text(p, per)
        if due is not None:
            text += f"; gửi báo cáo {due}"
            if any(p.is_estimate_period(per, u) for u in p.reporting_units):
                text += " — trước khi kỳ kết thúc: số liệu ước thực hiện"
        out.append(text)
    return out


@plan_app.command(
    "check",
    epilog=examples(
        "chitieu plan check samples/cau-giay-2021/plan.yaml",
    ),
)
def check(
    plan: PlanArg,
) -> None:
    """Kiểm tra tệp kế hoạch: in tóm tắt đơn vị, chỉ tiêu và tổng chỉ tiêu, hoặc mọi lỗi tìm thấy."""

    def body() -> None:
        from chitieu.plan import load_plan
        from chitieu.vnformat import count, percent

        p = load_plan(plan)
        doc = p.document
        console.print(f"[bold]Kế hoạch số {doc.number}[/] ngày {doc.date:%d/%m/%Y} — {doc.issuer}")
        console.print(f"Trích yếu: {doc.title}")
        for line in period_lines(p):
            console.print(line)
        console.print(
            f"Đơn vị: {len(p.units)} (gửi báo cáo: {len(p.reporting_units)}) — "
            f"chỉ tiêu: {len(p.indicators)}"
        )
        from rich.table import Table

        table = Table(title="Tổng chỉ tiêu theo từng chỉ tiêu")
        table.add_column("Mã")
        table.add_column("Chỉ tiêu")
        table.add_column("Đơn vị tính")
        for per in p.all_periods:
            table.add_column(f"Tổng {per.key}", justify="right")
        for ind in p.indicators:
            cells = []
            for per in p.all_periods:
                if ind.is_rate:
                    vals = [p.target(u.id, ind.id, per.key) for u in p.units]
                    vals = [v for v in vals if v is not None]
                    cells.append(percent(min(vals)) + " (tối thiểu)" if vals else "—")
                else:
                    total = p.total_target(ind.id, per.key)
                    cells.append(count(total, pad=False) if total is not None else "—")
            sign = " (≤)" if ind.direction == "at_most" else ""
            table.add_row(
                ind.id, ind.name + sign, ind.measure or ("%" if ind.is_rate else ""), *cells
            )
        console.print(folded(table))
        from chitieu.render.return_form import form_warnings

        for warning in [*p.warnings(), *form_warnings(p)]:
            console.print(f"[yellow]Lưu ý:[/] {warning}")
        console.print("[green]Tệp kế hoạch hợp lệ.[/]")

    run_guarded(body)
