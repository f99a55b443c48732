"""`chitieu draft PLAN --out DIR`: the kế hoạch, its annexes and every return form."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chitieu.cli.app import app, console, run_guarded
from chitieu.cli.params import PlanArg, examples


@app.command(
    "draft",
    epilog=examples(
        "chitieu draft samples/cau-giay-2021/plan.yaml",
        "chitieu draft samples/cau-giay-2021/plan.yaml --out outputs/soan-thao --no-pdf",
    ),
)
def draft_command(
    plan: PlanArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="Thư mục ghi văn bản.")] = Path(
        "outputs/draft"
    ),
    pdf: Annotated[
        bool, typer.Option("--pdf/--no-pdf", help="Chuyển các tệp DOCX sang PDF (LibreOffice).")
    ] = True,
    templates: Annotated[
        Path | None,
        typer.Option("--templates", help="Thư mục mẫu .docx (mặc định: templates/ của chitieu)."),
    ] = None,
) -> None:
    """Soạn kế hoạch (DOCX/PDF) kèm biểu giao chỉ tiêu và phân công nhiệm vụ (DOCX, XLSX), và biểu mẫu báo cáo cho từng đơn vị (DOCX/PDF có mã QR, XLSX khóa ô)."""

    def body() -> None:
        from chitieu.draft import draft
        from chitieu.plan import load_plan

        p = load_plan(plan)
        with console.status("Đang soạn văn bản…") as status:
            result = draft(
                p, out, pdf=pdf, template_dir=templates, progress=lambda m: status.update(m)
            )
        labels = {
            "plan": "Kế hoạch (DOCX)",
            "plan_pdf": "Kế hoạch (PDF)",
            "quota_xlsx": "Biểu giao chỉ tiêu (XLSX)",
            "tasks_xlsx": "Phân công nhiệm vụ (XLSX)",
            "form_docx": "Biểu mẫu báo cáo (DOCX)",
            "form_pdf": "Biểu mẫu báo cáo (PDF)",
            "form_xlsx": "Biểu mẫu báo cáo (XLSX)",
        }
        console.print(f"[bold]Đã ghi {len(result.paths)} tệp vào {out}[/]")
        for kind, paths in result.by_kind.items():
            shown = paths[0].name if len(paths) == 1 else f"{len(paths)} tệp"
            console.print(f"  {labels.get(kind, kind)}: {shown}")

    run_guarded(body)
