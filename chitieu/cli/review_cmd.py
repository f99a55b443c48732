"""`chitieu review PLAN`: confirm or correct, one by one, the figures that need a person."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from chitieu.cli.app import app, console, run_guarded
from chitieu.cli.params import DbOption, PlanArg, examples
from chitieu.cli.words import folded


def _ask(prompt: str) -> str | None:
    """One line from stdin (scriptable); None at end of input."""
    console.print(prompt, end="")
    line = sys.stdin.readline()
    if not line:
        console.print()
        return None
    return line.rstrip("\r\n")


@app.command(
    "review",
    epilog=examples(
        "chitieu review samples/cau-giay-2021/plan.yaml --list",
        'chitieu review samples/cau-giay-2021/plan.yaml --reviewer "Nguyễn Văn A"',
        'chitieu review samples/cau-giay-2021/plan.yaml --undo --reviewer "Nguyễn Văn A"',
    ),
)
def review_command(
    plan: PlanArg,
    reviewer: Annotated[
        str | None,
        typer.Option("--reviewer", "-r", help="Họ tên người kiểm tra.", show_default=False),
    ] = None,
    list_only: Annotated[
        bool, typer.Option("--list", help="Chỉ liệt kê các số liệu cần xác minh, không hỏi.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="In danh sách dạng JSON.")] = False,
    crops: Annotated[
        Path,
        typer.Option("--crops", help="Thư mục ghi ảnh cắt ô số liệu (PNG)."),
    ] = Path("outputs/review"),
    db: DbOption = None,
) -> None:
    """Xác minh số liệu: Enter để xác nhận, nhập số để sửa, b để bỏ qua."""

    def body() -> None:
        from rich.markup import escape
        from rich.table import Table

        from chitieu.errors import UsageError
        from chitieu.plan import load_plan
        from chitieu.review import apply_answer, crop, describe, parse_answer, pending_json
        from chitieu.store import Store

        p = load_plan(plan)
        with Store.open(db) as store:
            plan_id = store.plan_id(p)
            pending = store.pending_review(plan_id) if plan_id is not None else []
            if list_only or as_json:
                if as_json:
                    print(json.dumps(pending_json(p, pending), ensure_ascii=False, indent=2))
                    return
                table = Table(title=f"Số liệu cần xác minh — Kế hoạch {p.document.number}")
                for col in ("Mã", "Đơn vị", "Chỉ tiêu", "Số đọc được", "Tệp", "Vị trí"):
                    table.add_column(col)
                for rec in pending:
                    info = dict(describe(p, rec))
                    table.add_row(
                        str(rec.id), info["Đơn vị"], info["Chỉ tiêu"], info["Số đọc được"],
                        escape(info["Tệp"]), info["Vị trí"],
                    )  # fmt: skip
                console.print(folded(table))
                return
            if plan_id is None:
                console.print(
                    f"Chưa có báo cáo nào của kế hoạch {escape(p.document.number)} trong cơ sở "
                    f"dữ liệu {escape(store.url)}: chạy [bold]chitieu intake[/] trước."
                )
                return
            if not pending:
                console.print("[green]Không còn số liệu nào cần xác minh.[/]")
                return
            name = (reviewer or "").strip()
            while not name:
                typed = _ask("Họ tên người kiểm tra: ")
                if typed is None:
                    raise UsageError("Cần họ tên người kiểm tra (--reviewer).")
                name = typed.strip()
            done = {"confirm": 0, "correct": 0, "skip": 0}
            for n, rec in enumerate(pending, start=1):
                console.rule(f"Số liệu {n}/{len(pending)} (bản ghi {rec.id})")
                for label, value in describe(p, rec):
                    console.print(f"  [bold]{label}:[/] {escape(value)}")
                cut = crop(rec, crops)
                if cut.path is not None:
                    console.print(f"  [bold]Ảnh ô số liệu:[/] {escape(str(cut.path))}")
                else:
                    console.print(f"  [dim]Không có ảnh: {escape(cut.reason or '')}[/]")
                while True:
                    typed = _ask("  Enter = xác nhận, số = sửa, b = bỏ qua: ")
                    if typed is None:
                        break
                    try:
                        answer = parse_answer(typed)
                        if answer.action.value == "confirm" and rec.value is None:
                            raise UsageError("Ô này chưa có số: nhập số đúng, hoặc b để bỏ qua.")
                        apply_answer(store, rec.id, answer, name)
                    except UsageError as exc:
                        console.print(f"  [yellow]{escape(exc.message)}[/]")
                        continue
                    done[answer.action.value] += 1
                    break
                if typed is None:
                    break
            left = len(store.pending_review(plan_id))  # type: ignore[arg-type]
        console.rule()
        console.print(
            f"Đã xác nhận {done['confirm']}, đã sửa {done['correct']}, bỏ qua {done['skip']}; "
            f"còn {left} số liệu cần xác minh. Người kiểm tra: {escape(name)}."
        )

    run_guarded(body)
