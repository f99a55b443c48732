"""`chitieu extract`: read one returned document and print its figures (contracts.md §2)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Annotated

import typer

from chitieu.cli.app import app, console, run_guarded


@app.command("extract")
def extract(
    file: Annotated[
        Path,
        typer.Argument(
            help="Báo cáo cần đọc: .xlsx, .docx, .pdf, ảnh, hoặc .xls, .doc, .ods, .odt, .rtf, HTML (qua LibreOffice).",
            show_default=False,
        ),
    ],
    plan: Annotated[
        Path, typer.Option("--plan", "-p", help="Tệp kế hoạch YAML.", show_default=False)
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="In kết quả dạng JSON (theo hợp đồng giao tiếp).")
    ] = False,
) -> None:
    """Đọc số liệu từ một báo cáo gửi về (Excel, Word, PDF, bản quét, ảnh chụp)."""

    def body() -> None:
        from chitieu.plan import load_plan
        from extract import extract_file

        p = load_plan(plan)
        result = extract_file(file, p)
        if as_json:
            data = result.to_json()
            for out, rec in zip(data["records"], result.records, strict=True):
                out["role"] = str(rec.role)  # extension: "target" for quota annexes
            text = json.dumps(data, ensure_ascii=False, indent=2)
            typer.echo(unicodedata.normalize("NFC", text))
            return
        _print_table(result, p)

    run_guarded(body)


def _print_table(result: object, plan: object) -> None:
    from rich.table import Table

    from chitieu.plan import Plan
    from chitieu.record import Extraction

    assert isinstance(result, Extraction) and isinstance(plan, Plan)
    unit = plan.unit_by_id.get(result.unit or "")
    console.print(
        f"[bold]{result.source}[/] ({result.kind}) — đơn vị: "
        f"{unit.full_name if unit else 'không xác định'} — {len(result.records)} số liệu"
    )
    table = Table()
    for col in ("Đơn vị", "Chỉ tiêu", "Kỳ", "Số liệu", "Vị trí", "Cần kiểm tra"):
        table.add_column(col, justify="right" if col == "Số liệu" else "left")
    for r in result.records:
        u = plan.unit_by_id.get(r.unit)
        ind = plan.indicator_by_id.get(r.indicator)
        where = " ".join(
            x
            for x in (r.where.sheet, r.where.cell, f"tr. {r.where.page}" if r.where.page else None)
            if x
        )
        table.add_row(
            u.name if u else r.unit,
            ind.name if ind else r.indicator,
            r.period,
            "—" if r.value is None else str(r.value),
            where,
            ("[bold red]có[/] — " + (r.note or "")) if r.needs_review else "",
        )
    console.print(table)
    for pr in result.problems:
        console.print(f"[yellow]{pr.code}[/]: {pr.message}", highlight=False)
