"""`chitieu status PLAN [--period P]`: one period at a glance, and the next command to run."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from chitieu.cli.app import app, console, run_guarded
from chitieu.cli.params import DbOption, PeriodOption, PlanArg, examples


@app.command(
    "status",
    epilog=examples(
        "chitieu status samples/cau-giay-2021/plan.yaml",
        "chitieu status samples/cau-giay-2021/plan.yaml --period 2021-06 --json",
    ),
)
def status_command(
    plan: PlanArg,
    period: PeriodOption = None,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")] = False,
    on: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="NGÀY",
            help="Tính số ngày còn lại tính đến ngày này, dạng 29/06/2021 (mặc định: hôm nay).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Tình hình một kỳ báo cáo: hạn nộp, đơn vị đã báo cáo / đúng hạn / muộn / chưa báo cáo,
    số liệu chờ xác minh, quy tắc bị vi phạm, kỳ đã khóa chưa, và lệnh cần chạy tiếp."""

    def body() -> None:
        from chitieu.cli.report_cmd import _parse_date as parse_day
        from chitieu.plan import load_plan
        from chitieu.status import period_status
        from chitieu.store import Store

        p = load_plan(plan)
        with Store.open(db) as store:
            today = parse_day(on) if on else None
            st = period_status(p, store, period, today=today, plan_arg=str(plan))
        if as_json:
            typer.echo(json.dumps(st.to_json(), ensure_ascii=False, indent=1))
            return
        show(st)

    run_guarded(body)


def show(st) -> None:  # type: ignore[no-untyped-def]
    """Print the status; every name wraps, none is cut (80 columns and up)."""
    from rich.markup import escape
    from rich.panel import Panel
    from rich.table import Table

    head = Table.grid(padding=(0, 1))
    head.add_column(style="bold", no_wrap=True)
    head.add_column(overflow="fold")
    head.add_row("Hạn báo cáo:", st.deadline_text())
    head.add_row("Kỳ báo cáo:", f"[red]{escape(st.lock)}[/]" if st.lock else "chưa khóa")
    head.add_row(
        "Đã báo cáo:",
        f"{st.reported}/{st.expected} đơn vị — đúng hạn {len(st.on_time)}, muộn {len(st.late)}, "
        f"chưa báo cáo {len(st.missing)}",
    )
    head.add_row("Chờ xác minh:", f"{st.pending_review} số liệu")
    head.add_row("Sai quy tắc:", str(len(st.rules_broken)))
    console.print(
        Panel(head, title=f"Tình hình kỳ {st.period} — Kế hoạch {escape(st.plan_number)}")
    )
    groups = (
        ("green", "Đúng hạn", st.on_time),
        ("red", "Muộn", st.late),
        ("yellow", "Chưa báo cáo", st.missing),
        ("cyan", "Được miễn báo cáo", st.excused),
        ("magenta", "Đã trả lại, chờ báo cáo sửa", st.returned),
    )
    for color, title, lines in groups:
        if not lines:
            continue
        console.print(f"[bold {color}]{title} ({len(lines)}):[/]")
        for x in lines:
            detail = f" — {escape(x.detail)}" if x.detail else ""
            console.print(f"  • {escape(x.name)}{detail}", highlight=False)
    if st.rules_broken:
        console.print("[bold red]Quy tắc bị vi phạm:[/]")
        for r in st.rules_broken:
            console.print(f"  • {escape(r)}", highlight=False)
    console.print("[bold]Việc cần làm tiếp:[/]")
    for cmd in st.next_steps:
        console.print(f"  [cyan]{escape(cmd)}[/]", highlight=False, soft_wrap=False)
