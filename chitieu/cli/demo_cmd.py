"""`chitieu demo`: the whole cycle on the Cầu Giấy sample, through the Prefect flows.

Drafts the plan, annex and return forms; takes in returns of every kind; sends a
reminder to the units that are late; reconciles and writes the consolidated report.
Progress bars while it works, then the reconciliation, what happened to each file,
every file written and how long each stage took.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from chitieu.cli.app import app, console, run_guarded
from chitieu.cli.params import examples
from chitieu.cli.words import folded

STYLE = {
    "vuot": "bold green",
    "dat": "green",
    "chua_dat": "bold red",
    "chua_bao_cao": "yellow",
    "cho_xac_minh": "magenta",
}


@app.command(
    "demo",
    epilog=examples(
        "chitieu demo",
        "chitieu demo --out outputs/thu --no-pdf",
    ),
)
def demo(
    out: Annotated[
        Path, typer.Option("--out", help="Thư mục ghi mọi kết quả của lần chạy thử.")
    ] = Path("outputs/demo"),
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Xuất thêm bản PDF.")] = True,
) -> None:
    """Chạy thử toàn bộ quy trình trên mẫu quận Cầu Giấy (Kế hoạch 152/KH-UBND).

    Soạn kế hoạch, biểu giao chỉ tiêu và mẫu báo cáo; tiếp nhận báo cáo đủ loại (Excel,
    Word, PDF, bản quét, ảnh chụp, một tệp hỏng, một tệp trễ hạn, một đơn vị lạ); đôn đốc
    đơn vị chậm; đối chiếu và lập báo cáo tổng hợp. Không cần máy chủ hay mạng.
    """

    def body() -> None:
        import os

        from chitieu.errors import UsageError
        from flows.runtime import apply_prefect_defaults, configured_server, server_reachable

        apply_prefect_defaults(quiet=True)  # before Prefect is imported
        server = configured_server()
        if server and not server_reachable(server):
            raise UsageError(
                f"Không kết nối được máy chủ Prefect tại {server} (PREFECT_API_URL). "
                "Hãy khởi động máy chủ, hoặc bỏ biến PREFECT_API_URL để chạy thử không cần máy chủ."
            )

        from chitieu import demo as sample
        from chitieu.plan import load_plan
        from chitieu.render.names import in_sentence

        plan = load_plan(sample.PLAN_PATH)
        layout = sample.prepare(out)
        os.environ["CHITIEU_HOME"] = str(layout.data.resolve())
        os.environ.pop("CHITIEU_DATABASE_URL", None)  # never the user's own database
        sample.fill_inbox(layout, plan)
        console.print(
            f"[bold]Chạy thử quy trình — Kế hoạch số {plan.document.number}[/] "
            f"({in_sentence(plan.document.issuer)}), {len(sample.DEMO_RETURNS)} báo cáo gửi về.\n"
        )
        result = _run_with_progress(plan, layout, pdf)
        show_reconciliation(result.reconciliation)
        show_intake(result.intake, sample.DEMO_RETURNS, layout.db_url)
        show_reminder(plan, result.reminder)
        show_written(result, layout.root)
        show_timings(result.seconds)

    run_guarded(body)


def _run_with_progress(plan: Any, layout: Any, pdf: bool) -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    from chitieu.demo import PLAN_PATH
    from chitieu.intake import inbox_files
    from flows.cycle import STAGES, run_cycle
    from flows.progress import listening

    totals = {
        "prefect": 1,
        "draft": 1 + len(plan.reporting_units) + (1 if pdf else 0),
        "intake": len(inbox_files(layout.inbox)),
        "remind": 1,
        "consolidate": 3,
    }
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.fields[stage]:<24}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("[dim]{task.description}"),
        console=console,
    ) as bars:
        ids: dict[str, Any] = {}

        def on_stage(key: str) -> None:
            for done in ids.values():
                bars.update(done, completed=bars.tasks[done].total, description="")
                bars.stop_task(done)
            ids[key] = bars.add_task("", total=totals[key], stage=STAGES[key])

        def on_step(stage: str, label: str) -> None:
            if stage in ids:
                bars.update(ids[stage], advance=1, description=label)

        with listening(on_step):
            result = run_cycle(PLAN_PATH, layout, pdf=pdf, on_stage=on_stage)
        for done in ids.values():
            bars.update(done, completed=bars.tasks[done].total, description="")
    return result


def show_reconciliation(rec: Any) -> None:
    """Units × indicators: "result/target" coloured by status, then the return's timeliness."""
    from rich.table import Table

    from chitieu.report.view import unit_label

    plan = rec.plan
    table = Table(title=f"Đối chiếu kết quả với chỉ tiêu — Kế hoạch số {plan.document.number}")
    table.add_column("Đơn vị", min_width=12)
    for ind in plan.indicators:
        table.add_column(ind.name, justify="center", max_width=12)
    table.add_column("Báo cáo", min_width=11)
    timely = {t.unit: t for t in rec.timeliness}
    rows = {(r.unit, r.indicator): r for r in (*rec.rows, *rec.totals)}

    def cell(unit: str, ind: str) -> str:
        r = rows.get((unit, ind))
        if r is None:
            return ""
        res = "—" if r.result is None else f"{r.result:g}"
        tgt = "—" if r.target is None else f"{r.target:g}"
        return f"[{STYLE[r.status.value]}]{res}/{tgt}[/]"

    for unit in plan.reporting_units:
        t = timely.get(unit.id)
        if t is None or not t.reported:
            when = "[yellow]chưa báo cáo[/]"
        elif t.on_time:
            when = f"đúng hạn {t.received_at:%d/%m}"
        else:
            when = f"[red]trễ {t.days_late} ngày[/] {t.received_at:%d/%m}"
        table.add_row(unit_label(unit), *(cell(unit.id, i.id) for i in plan.indicators), when)
    table.add_section()
    for unit in plan.units:
        if plan.children(unit.id):
            table.add_row(
                f"[bold]Tổng {unit_label(unit)}[/]",
                *(cell(unit.id, i.id) for i in plan.indicators),
                f"{rec.units_reported}/{rec.units_expected} đơn vị",
            )
    console.print(folded(table))
    legend = ", ".join(
        f"[{STYLE[s]}]{label}[/]"
        for s, label in (
            ("vuot", "vượt"),
            ("dat", "đạt"),
            ("chua_dat", "chưa đạt"),
            ("cho_xac_minh", "chờ xác minh"),
            ("chua_bao_cao", "chưa báo cáo"),
        )
    )
    console.print(f"Ô: kết quả/chỉ tiêu giao — {legend}.\n")


def show_intake(run: Any, returns: Any, db_url: str) -> None:
    from rich.table import Table

    from chitieu import demo as sample

    kinds = {Path(r.source).name: r.kind for r in returns}
    labels = {
        "accepted": "[green]đã nhận[/]",
        "quarantined": "[red]cách ly[/]",
        "duplicate": "đã có",
        "failed": "[red]lỗi, thử lại sau[/]",
    }
    table = Table(title="Báo cáo gửi về")
    table.add_column("Tệp")
    table.add_column("Loại")
    table.add_column("Kết quả")
    table.add_column("Ghi chú")
    for f in run.summary.files:
        note = f.reason or ""
        if f.status.value == "accepted":
            note = f"{f.records} số liệu" + (
                f", {f.needs_review} cần xác minh" if f.needs_review else ""
            )
            if f.on_time is False:
                note += ", [red]trễ hạn[/]"
        table.add_row(f.file_name, kinds.get(f.file_name, ""), labels[f.status.value], note)
    console.print(folded(table))
    pending = run.summary.pending_review
    if pending:
        console.print(
            f"[magenta]{pending} số liệu chờ xác minh[/]; để xác nhận hoặc sửa, chạy:\n"
            f"  chitieu review {sample.PLAN_PATH} --db {db_url}\n",
            soft_wrap=True,
            highlight=False,
        )


def show_reminder(plan: Any, watch: Any) -> None:
    from chitieu.report.view import unit_label

    if watch is None or not watch.late:
        return
    names = ", ".join(unit_label(plan.unit_by_id[u]) for u in watch.late)
    console.print(f"Công văn đôn đốc gửi {len(watch.late)} đơn vị chưa báo cáo: {names}.\n")


def show_written(result: Any, root: Path) -> None:
    console.print(f"[bold]Các tệp đã ghi[/] (trong {root}):")
    for path in result.written:
        console.print(f"  {path}")
    console.print()


def show_timings(seconds: dict[str, float]) -> None:
    from rich.table import Table

    from flows.cycle import STAGES

    table = Table(title="Thời gian từng bước")
    table.add_column("Bước")
    table.add_column("Giây", justify="right")
    for key, label in STAGES.items():
        if key in seconds:
            table.add_row(label, f"{seconds[key]:.1f}".replace(".", ","))
    table.add_section()
    table.add_row("[bold]Tổng cộng[/]", f"[bold]{sum(seconds.values()):.1f}[/]".replace(".", ","))
    console.print(folded(table))
