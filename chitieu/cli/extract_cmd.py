"""`chitieu extract`: read one returned document and print its figures (contracts.md §2)."""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path
from typing import Annotated

import typer

from chitieu.cli.app import app, console, fail, run_guarded
from chitieu.cli.params import examples
from chitieu.cli.words import folded


@app.command(
    "extract",
    epilog=examples(
        "chitieu extract samples/plans/cau-giay-152.yaml bc-quan-hoa.pdf",
        "chitieu extract samples/plans/cau-giay-152.yaml bc-quan-hoa.pdf --json",
    ),
)
def extract(
    first: Annotated[
        Path,
        typer.Argument(
            metavar="KẾ_HOẠCH",
            help="Tệp kế hoạch YAML (hoặc tệp báo cáo khi đã ghi --plan).",
            show_default=False,
        ),
    ],
    second: Annotated[
        Path | None,
        typer.Argument(
            metavar="TỆP",
            help="Báo cáo cần đọc: .xlsx, .docx, .pdf, ảnh; cả .xls, .doc, .ods, .odt, .rtf, HTML.",
            show_default=False,
        ),
    ] = None,
    plan_option: Annotated[
        Path | None,
        typer.Option("--plan", hidden=True, help="Cách viết cũ: --plan KẾ_HOẠCH TỆP."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="In kết quả dạng JSON (theo hợp đồng giao tiếp).")
    ] = False,
) -> None:
    """Đọc số liệu từ một báo cáo gửi về (Excel, Word, PDF, bản quét, ảnh chụp)."""
    from chitieu.errors import UsageError

    if plan_option is not None:  # contracts.md §2: chitieu extract --plan PLAN FILE --json
        if second is not None:
            fail(UsageError(f"Thừa tham số: {second}. Viết: chitieu extract KẾ_HOẠCH TỆP."))
        plan, file = plan_option, first
    elif second is None:
        fail(UsageError("Thiếu tệp báo cáo cần đọc. Viết: chitieu extract KẾ_HOẠCH TỆP."))
    else:
        plan, file = first, second

    def body() -> None:
        from chitieu.plan import load_plan
        from extract import extract_file
        from extract.isolated import extract_forked

        if file.suffix.lower() in (".xlsx", ".xlsm"):  # a scan never needs openpyxl
            _openpyxl_without_numpy()

        p = load_plan(plan)
        # Read in a fork: a crash in a C library is still a message naming the file.
        result = (
            extract_file(file, p) if os.environ.get("CHITIEU_DEBUG") else extract_forked(file, p)
        )
        if as_json:
            data = result.to_json()
            for out, rec in zip(data["records"], result.records, strict=True):
                out["role"] = str(rec.role)  # extension: "target" for quota annexes
            text = json.dumps(data, ensure_ascii=False, indent=2)
            typer.echo(unicodedata.normalize("NFC", text))
            return
        _print_table(result, p)

    run_guarded(body)


def _openpyxl_without_numpy() -> None:
    """Import openpyxl without numpy in this one-shot reading process.

    openpyxl imports numpy only to accept numpy scalars as cell values when writing;
    reading never needs it, and numpy is a third of the CPU of `chitieu extract` on an
    XLSX (benchmarks/bench_cli.py). Scans import numpy themselves later, unaffected;
    only this process's openpyxl then refuses numpy values, which it never writes.
    """
    import sys

    if "openpyxl" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # makes `import numpy` fail
    try:
        import openpyxl  # noqa: F401
    finally:
        del sys.modules["numpy"]


def _print_table(result: object, plan: object) -> None:
    from rich.table import Table

    from chitieu.cli.words import problem_word
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
    console.print(folded(table))
    for pr in result.problems:
        console.print(f"[yellow]{problem_word(pr.code)}[/]: {pr.message}", highlight=False)
