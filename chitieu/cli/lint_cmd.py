"""`chitieu lint FILE.docx`: the ND30 format and consistency checker."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from chitieu.cli.app import app, console, run_guarded
from chitieu.cli.params import examples
from chitieu.cli.words import folded


@app.command(
    "lint",
    epilog=examples(
        "chitieu lint outputs/demo/soan-thao/ke-hoach.docx",
        "chitieu lint samples/cau-giay-2021/plan.yaml outputs/demo/soan-thao/ke-hoach.docx",
        "chitieu lint --rules",
    ),
)
def lint(
    first: Annotated[
        Path | None,
        typer.Argument(
            metavar="[KẾ_HOẠCH] VĂN_BẢN",
            help="Văn bản Word (.docx) cần kiểm tra; ghi tệp kế hoạch trước nó để đối chiếu "
            "số, ngày và chỉ tiêu.",
            show_default=False,
        ),
    ] = None,
    second: Annotated[Path | None, typer.Argument(hidden=True, show_default=False)] = None,
    plan: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            metavar="KẾ_HOẠCH",
            help="Tệp kế hoạch YAML để đối chiếu (cách viết khác của tham số đầu).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")] = False,
    rules: Annotated[
        bool, typer.Option("--rules", help="In danh sách các quy tắc kiểm tra rồi thoát.")
    ] = False,
) -> None:
    """Kiểm tra thể thức văn bản theo Nghị định 30/2020/NĐ-CP (khổ giấy, lề, phông chữ,
    Quốc hiệu, số, ngày, nơi nhận, chữ ký…) và sự thống nhất số liệu giữa lời văn và biểu.
    Thoát với mã 1 khi có lỗi."""

    def body() -> int:
        from rich.markup import escape
        from rich.table import Table

        from chitieu.errors import UsageError
        from chitieu.lint import RULES, has_errors, lint_docx
        from chitieu.plan import load_plan

        if rules:
            for rule in RULES.values():
                console.print(escape(rule.describe()), highlight=False)
            return 0
        if second is not None and plan is not None:
            raise UsageError(f"Thừa tham số: {second}.")
        file, plan_file = (second, first) if second is not None else (first, plan)
        if file is None:
            raise UsageError("Thiếu tệp .docx cần kiểm tra (hoặc dùng --rules để xem các quy tắc).")

        loaded = load_plan(plan_file) if plan_file is not None else None
        findings = lint_docx(file, loaded)
        errors = sum(1 for f in findings if f.severity == "error")
        warnings = len(findings) - errors
        if as_json:
            payload = {
                "file": file.name,
                "errors": errors,
                "warnings": warnings,
                "findings": [f.to_json() for f in findings],
            }
            typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        elif findings:
            table = Table(title=f"Kết quả kiểm tra {escape(file.name)}", show_lines=True)
            table.add_column("Quy tắc", no_wrap=True)
            table.add_column("Mức")
            table.add_column("Vị trí")
            table.add_column("Vấn đề")
            table.add_column("Cách sửa")
            for f in findings:
                level = "[red]lỗi[/]" if f.severity == "error" else "[yellow]lưu ý[/]"
                table.add_row(
                    f.rule_id, level, escape(f.where), escape(f.message_vi), escape(f.fix_vi)
                )
            console.print(folded(table))
            console.print(f"{errors} lỗi, {warnings} lưu ý.")
        else:
            console.print(
                f"[green]{escape(file.name)}: không phát hiện lỗi thể thức hay số liệu.[/]"
            )
        return 1 if has_errors(findings) else 0

    code = run_guarded(body)
    if code:
        raise typer.Exit(code)
