"""`chitieu intake PLAN INBOX`: archive, read and store every returned file of an inbox."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from chitieu.cli.app import app, console, run_guarded
from chitieu.cli.params import DbOption, PlanArg, examples
from chitieu.cli.words import folded

if TYPE_CHECKING:
    from chitieu.intake import FileOutcome, IntakeSummary
    from chitieu.plan import Plan

STATUS_VI = {
    "accepted": "[green]đã nhận[/]",
    "duplicate": "[dim]trùng, bỏ qua[/]",
    "quarantined": "[red]cách ly[/]",
    "failed": "[red]lỗi, sẽ thử lại[/]",
}


def parse_when(text: str) -> datetime:
    """ISO (2021-07-01T09:30) or Vietnamese (01/07/2021 09:30, 01/07/2021)."""
    from chitieu.receipt import parse_when as parse

    return parse(text)


@app.command(
    "intake",
    epilog=examples(
        "chitieu intake samples/cau-giay-2021/plan.yaml hop-thu/",
        'chitieu intake samples/cau-giay-2021/plan.yaml hop-thu/bc-quan-hoa.xlsx --received-at "01/07/2021 09:30"',
    ),
)
def intake_command(
    plan: PlanArg,
    inbox: Annotated[
        Path,
        typer.Argument(
            metavar="HỘP_THƯ",
            help="Thư mục chứa các báo cáo đơn vị gửi về, hoặc một tệp báo cáo.",
            show_default=False,
        ),
    ],
    received: Annotated[
        str | None,
        typer.Option(
            "--received-at",
            help="Thời điểm nhận áp cho mọi tệp của lần chạy này (ví dụ khi tiếp nhận một tệp), "
            "dạng 01/07/2021 09:30. Mặc định: thời điểm ghi trong tệp <tên tệp>.received "
            "bên cạnh, nếu không có thì lúc hộp thư thấy tệp lần đầu (không dùng thời điểm sửa đổi của tệp).",
            show_default=False,
        ),
    ] = None,
    archive: Annotated[
        Path | None,
        typer.Option(
            "--archive",
            help="Thư mục lưu trữ bản gốc (mặc định: CHITIEU_HOME/archive).",
            show_default=False,
        ),
    ] = None,
    retry_quarantined: Annotated[
        bool,
        typer.Option(
            "--retry-quarantined",
            help="Đọc lại cả các tệp đã bị cách ly vì không đọc được (mặc định: không đọc lại).",
        ),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="In kết quả dạng JSON thay cho bảng.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Tiếp nhận báo cáo: lưu bản gốc, đọc số liệu, ghi vào cơ sở dữ liệu; tệp lỗi được cách ly."""

    def body() -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        from chitieu.errors import UsageError
        from chitieu.inbox import InboxListing, display_name, list_inbox
        from chitieu.intake import intake
        from chitieu.plan import load_plan
        from chitieu.store import Store, archive_dir

        p = load_plan(plan)
        if inbox.is_file():
            listing, folder = InboxListing([inbox]), inbox.parent
        elif inbox.is_dir():
            listing, folder = list_inbox(inbox), inbox
        else:
            raise UsageError(
                f"Không tìm thấy {inbox}: cần một thư mục chứa các báo cáo gửi về, "
                "hoặc một tệp báo cáo."
            )
        files = listing.files
        when = parse_when(received) if received else None
        with Store.open(db) as store:
            with Progress(
                TextColumn("[bold]Tiếp nhận[/]"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.description}"),
                console=console,
                transient=True,
                disable=as_json,
            ) as bar:
                task = bar.add_task("", total=len(files))

                done = {path: n for n, path in enumerate(files)}

                def step(path: Path) -> None:  # called before each file
                    bar.update(task, description=display_name(path), completed=done.get(path, 0))

                summary = intake(
                    p, folder, store, archive or archive_dir(), when, progress=step, files=files,
                    retry_quarantined=retry_quarantined,
                )  # fmt: skip
                bar.update(task, completed=len(files))
            summary.skipped = listing.skipped
            names = {s.id: s.file_name for s in store.submissions(summary.plan_id)}
        if as_json:
            print(json.dumps(summary_json(summary, names), ensure_ascii=False, indent=2))
        else:
            show(p, summary, names)

    run_guarded(body)


def _note(f: FileOutcome, names: dict[int, str]) -> str:
    parts = []
    if f.superseded:
        parts.append("thay thế " + ", ".join(names.get(i, f"#{i}") for i in f.superseded))
    if f.superseded_by is not None:
        parts.append(f"không được tính: đã có báo cáo mới hơn ({names.get(f.superseded_by, '?')})")
    if f.on_time is False:
        parts.append("nộp muộn")
    if f.needs_review:
        parts.append(f"{f.needs_review} số liệu cần xác minh")
    if f.estimates:
        parts.append(f"{f.estimates} số liệu ước thực hiện (gửi trước khi kết thúc kỳ)")
    if f.still_quarantined:
        parts.append("vẫn đang cách ly")
    if f.reason:
        parts.append(f.reason)
    parts.extend(f.problems if f.status == "accepted" else ())
    return "; ".join(parts)


def show(plan: Plan, summary: IntakeSummary, names: dict[int, str]) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"Tiếp nhận báo cáo — Kế hoạch {plan.document.number}")
    for col in ("Tệp", "Đơn vị", "Kỳ", "Nhận lúc", "Kết quả", "Ghi chú"):
        table.add_column(col)
    for f in summary.files:
        unit = plan.unit_by_id.get(f.unit) if f.unit else None
        table.add_row(
            escape(f.file_name),
            unit.full_name if unit else (f.unit or ("nhiều đơn vị" if f.records else "—")),
            f.period or "—",
            f"{f.received_at:%d/%m/%Y %H:%M}",
            STATUS_VI[f.status],
            escape(_note(f, names)),
        )
    console.print(folded(table))
    totals = Table(title="Tổng hợp", show_header=False)
    totals.add_column()
    totals.add_column(justify="right")
    totals.add_row("Tệp nhận", str(summary.received))
    totals.add_row("Đã nhận vào cơ sở dữ liệu", str(summary.accepted))
    totals.add_row("Trùng (đã nhận trước đây)", str(summary.duplicates))
    totals.add_row("Cách ly / lỗi", str(len(summary.quarantined)))
    totals.add_row("Số liệu cần xác minh", str(summary.pending_review))
    console.print(totals)
    from chitieu.locking import LOCKED_REASON

    locked = [f for f in summary.files if (f.reason or "").startswith(LOCKED_REASON)]
    if locked:
        periods = sorted({f.period for f in locked if f.period}) or ["báo cáo"]
        console.print(
            f"[bold red]Kỳ {', '.join(periods)} đã khóa:[/] {len(locked)} tệp được lưu trữ và "
            "cách ly, không tính vào số liệu (mở khóa bằng chitieu unlock nếu cần).",
            highlight=False,
        )
    if summary.quarantined:
        console.print("[bold red]Tệp bị cách ly (cần xử lý):[/]")
        for f in summary.quarantined:
            console.print(f"  - {escape(f.file_name)}: {escape(f.reason or '')}")
    if summary.skipped:
        console.print("[bold yellow]Bỏ qua (không phải tệp báo cáo):[/]")
        for s in summary.skipped:
            console.print(f"  - {escape(s.name)}: {escape(s.reason)}")
    if summary.held:
        console.print("[bold yellow]Tệp vẫn đang cách ly từ lần tiếp nhận trước:[/]")
        for f in summary.held:
            console.print(f"  - {escape(f.file_name)}: {escape(f.reason or '')}")
    if summary.pending_review:
        console.print(
            f"Còn {summary.pending_review} số liệu cần xác minh: chạy "
            f"[bold]chitieu review {escape(str(plan.source or 'PLAN'))}[/]."
        )


def summary_json(summary: IntakeSummary, names: dict[int, str]) -> dict[str, Any]:
    from chitieu.locking import LOCKED_REASON

    return {
        "plan_id": summary.plan_id,
        "received": summary.received,
        "accepted": summary.accepted,
        "duplicates": summary.duplicates,
        "quarantined": len(summary.quarantined),
        "still_quarantined": len(summary.held),
        "pending_review": summary.pending_review,
        "counted": summary.counted,
        "skipped": [{"file": s.name, "reason": s.reason} for s in summary.skipped],
        "files": [
            {
                "file": f.file_name,
                "status": str(f.status),
                "sha256": f.sha256,
                "unit": f.unit,
                "period": f.period,
                "received_at": f.received_at.isoformat(),
                "on_time": f.on_time,
                "records": f.records,
                "needs_review": f.needs_review,
                "estimates": f.estimates,
                "reason": f.reason,
                "superseded": [names.get(i) for i in f.superseded],
                "superseded_by": names.get(f.superseded_by) if f.superseded_by else None,
                "problems": list(f.problems),
                "still_quarantined": f.still_quarantined,
                "period_locked": (f.reason or "").startswith(LOCKED_REASON),
            }
            for f in summary.files
        ],
    }
