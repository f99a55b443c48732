"""`chitieu reconcile PLAN`: targets against results, as a Rich table or JSON."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from chitieu.cli.app import app, console, run_guarded
from chitieu.cli.params import DbOption, PlanArg, examples
from chitieu.cli.words import folded

MAX_TERMINAL_ROWS = 2000


@app.command(
    "reconcile",
    epilog=examples(
        "chitieu reconcile samples/cau-giay-2021/plan.yaml",
        "chitieu reconcile samples/cau-giay-2021/plan.yaml --json",
    ),
)
def reconcile_cmd(
    plan: PlanArg,
    as_json: Annotated[
        bool, typer.Option("--json", help="In kết quả dạng JSON cho các công cụ khác.")
    ] = False,
    level: Annotated[
        str | None,
        typer.Option("--level", help="Chỉ hiện các đơn vị thuộc đơn vị này (mã đơn vị)."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Đối chiếu kết quả các đơn vị báo cáo với chỉ tiêu được giao: trạng thái từng chỉ tiêu,
    tổng hợp theo cấp, tình hình nộp báo cáo (đủ, đúng hạn) và các quy tắc kiểm tra."""

    def body() -> None:
        from chitieu.errors import UsageError
        from chitieu.plan import load_plan
        from chitieu.reconcile import reconcile_stored
        from chitieu.store import Store

        p = load_plan(plan)
        if level is not None and level not in p.unit_by_id:
            raise UsageError(f"Đơn vị {level!r} không có trong kế hoạch {plan}.")
        with Store.open(db) as store:
            rec = reconcile_stored(p, store)
        if as_json:
            typer.echo(json.dumps(rec.to_json(), ensure_ascii=False, indent=1))
            return
        _print(rec, level)

    run_guarded(body)


def _print(rec, level: str | None) -> None:  # type: ignore[no-untyped-def]
    from rich.table import Table

    from chitieu.reconcile import Status, descendants
    from chitieu.report.view import unit_label
    from chitieu.vnformat import count, percent

    plan = rec.plan
    style = {
        Status.vuot: "bold green",
        Status.dat: "green",
        Status.chua_dat: "bold red",
        Status.chua_bao_cao: "yellow",
        Status.cho_xac_minh: "magenta",
    }
    keep = set(rec.leaves_under(level))
    inds = plan.indicator_by_id
    multi = len(plan.all_periods) > 1

    def fig(ind_id: str, v: float | int | None) -> str:
        if v is None:
            return "—"
        return percent(v) if inds[ind_id].is_rate else count(v, pad=False)

    table = Table(title=f"Đối chiếu kết quả — Kế hoạch số {plan.document.number}")
    for col in ("Đơn vị", "Chỉ tiêu", *(["Kỳ"] if multi else [])):
        table.add_column(col)
    for col in ("Giao", "Kết quả", "Chênh lệch", "Tỷ lệ"):
        table.add_column(col, justify="right")
    table.add_column("Trạng thái")
    below = descendants(plan, level) if level is not None else None
    totals = [r for r in rec.totals if below is None or r.unit in below]
    leaves = [r for r in rec.rows if r.unit in keep]
    if len(leaves) > MAX_TERMINAL_ROWS:  # a national table is for --json or the XLSX
        console.print(
            f"{len(leaves)} dòng của các đơn vị báo cáo: chỉ in các dòng tổng hợp; "
            "dùng --level MÃ_ĐƠN_VỊ để xem một cấp, --json hoặc chitieu report để xem đủ."
        )
        leaves = []
    for rows, bold in ((leaves, False), (totals, True)):
        last = None
        for r in rows:
            unit = unit_label(plan.unit_by_id[r.unit])
            name = ("Tổng " if bold else "") + unit if r.unit != last else ""
            last = r.unit
            pct = percent(r.percent) if r.percent is not None else "—"
            table.add_row(
                f"[bold]{name}[/]" if bold else name,
                inds[r.indicator].name,
                *([r.period] if multi else []),
                fig(r.indicator, r.target) + (" (năm)" if r.on_year else ""),
                fig(r.indicator, r.result)
                + (" (lũy kế)" if r.on_year and r.result is not None else "")
                + (" (ước)" if r.estimate else ""),
                fig(r.indicator, r.difference),
                pct,
                f"[{style[r.status]}]{r.status.label}[/]",
            )
        table.add_section()
    console.print(folded(table))
    tl = [t for t in rec.timeliness if t.unit in keep]
    got = [t for t in tl if t.reported]
    late = [t for t in got if t.on_time is False]
    console.print(
        f"Đã báo cáo: {len(got)}/{len(tl)} đơn vị; đúng hạn: {len(got) - len(late)}; "
        f"muộn: {len(late)}; chưa báo cáo: {len(tl) - len(got)}."
    )
    for t in late:
        console.print(f"  [red]Muộn {t.days_late} ngày:[/] {unit_label(plan.unit_by_id[t.unit])}")
    if any(r.on_year for r in (*leaves, *totals)):
        console.print(
            "  (năm), (lũy kế): kỳ không có chỉ tiêu riêng được so kết quả lũy kế từ đầu năm "
            "với chỉ tiêu năm."
        )
    if any(r.estimate for r in leaves):
        console.print("  (ước): số liệu ước thực hiện, gửi trước khi kết thúc kỳ báo cáo.")
    missing = [unit_label(plan.unit_by_id[t.unit]) for t in tl if not t.reported]
    if missing:
        console.print("  [yellow]Chưa báo cáo:[/] " + ", ".join(missing))
    for v in rec.violations:
        if below is None or v.unit in below:
            role = "kết quả" if v.role == "result" else "chỉ tiêu"
            console.print(
                f"  [red]Sai quy tắc[/] {v.name or v.rule} ({role}, "
                f"{unit_label(plan.unit_by_id[v.unit])}): {v.left:g} so với {v.right:g}"
            )
