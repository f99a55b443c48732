"""`chitieu serve PLAN`: serve the plan's flows, on schedules from its deadlines, against a
running Prefect server (see README "Deployment and scale")."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chitieu.cli.app import app, console, run_guarded
from chitieu.cli.params import PlanArg, examples
from chitieu.cli.words import folded

NO_SERVER = (
    "Chưa có máy chủ Prefect. Mở một cửa sổ khác và chạy `prefect server start`, "
    "rồi đặt biến môi trường PREFECT_API_URL=http://127.0.0.1:4200/api và chạy lại lệnh này."
)


def stopped_message(deployments: list[object], plan: Path, keep_schedules: bool) -> str:
    """What stopping serve did to the deployments on the server, and how to go on."""
    names = ", ".join(
        f"{getattr(d, 'flow_name', '?')}/{getattr(d, 'name', '?')}" for d in deployments
    )
    if keep_schedules:
        return (
            f"Đã dừng. Lịch của các luồng ({names}) vẫn bật trên máy chủ: các lần chạy đến "
            f"hạn sẽ chờ (Late) cho đến khi chạy lại `chitieu serve {plan}`."
        )
    return (
        f"Đã dừng. Prefect đã tạm dừng (Paused) các luồng {names} trên máy chủ: không lần "
        f"chạy nào theo lịch cho đến khi chạy lại `chitieu serve {plan}` (lịch được bật lại "
        "khi khởi động), hoặc bật lại từng luồng ở trang Deployments của giao diện Prefect. "
        "Muốn giữ lịch khi dừng: `chitieu serve … --keep-schedules`."
    )


@app.command(
    "serve",
    epilog=examples(
        "chitieu serve samples/cau-giay-2021/plan.yaml --inbox hop-thu/",
    ),
)
def serve(
    plan: PlanArg,
    inbox: Annotated[
        Path, typer.Option("--inbox", help="Thư mục nhận báo cáo các đơn vị gửi về.")
    ] = Path("inbox"),
    out: Annotated[Path, typer.Option("--out", help="Thư mục ghi văn bản đã lập.")] = Path(
        "outputs"
    ),
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Xuất thêm bản PDF.")] = True,
    pool: Annotated[
        str | None,
        typer.Option(
            "--pool",
            help="Đăng ký các luồng vào nhóm máy (work pool) này cho các máy trạm "
            "(`prefect worker start --pool …`) thay vì chạy trên máy này.",
            show_default=False,
        ),
    ] = None,
    keep_schedules: Annotated[
        bool,
        typer.Option(
            "--keep-schedules",
            help="Khi dừng, giữ lịch chạy của các luồng trên máy chủ (mặc định Prefect tạm "
            "dừng lịch để các lần chạy không dồn lại khi không có máy nào chạy).",
        ),
    ] = False,
) -> None:
    """Chạy các luồng xử lý của kế hoạch theo lịch (cần máy chủ Prefect).

    Đôn đốc đơn vị chưa báo cáo 3 ngày và 1 ngày trước hạn, tổng hợp khi đến hạn,
    tiếp nhận báo cáo 30 phút một lần trong giờ hành chính.
    """

    def body() -> None:
        from datetime import datetime
        from zoneinfo import ZoneInfo

        from rich.table import Table

        from chitieu.deadlines import TIMEZONE, deadline_runs, upcoming_runs
        from chitieu.errors import UsageError
        from chitieu.plan import load_plan
        from flows.runtime import apply_prefect_defaults, configured_server, server_reachable

        p = load_plan(plan)
        apply_prefect_defaults()
        url = configured_server()
        if not url:
            raise UsageError(NO_SERVER)
        if not server_reachable(url):
            raise UsageError(
                f"Không kết nối được máy chủ Prefect tại {url}. "
                "Kiểm tra `prefect server start` đang chạy và địa chỉ PREFECT_API_URL."
            )
        inbox.mkdir(parents=True, exist_ok=True)
        runs = deadline_runs(p)
        now = datetime.now(ZoneInfo(TIMEZONE))
        ahead = set(upcoming_runs(runs, now))
        table = Table(title=f"Lịch theo dõi hạn báo cáo — Kế hoạch số {p.document.number}")
        table.add_column("Thời điểm (giờ Việt Nam)")
        table.add_column("Việc")
        table.add_column("Kỳ")
        table.add_column("Trạng thái")
        for r in runs:
            what = (
                f"Đôn đốc (trước hạn {r.days_before} ngày)"
                if r.kind == "reminder"
                else "Tổng hợp, lập báo cáo"
            )
            table.add_row(
                f"{r.at:%H:%M %d/%m/%Y}", what, r.period, "sắp tới" if r in ahead else "đã qua"
            )
        console.print(folded(table))
        if not ahead:
            console.print(
                "[yellow]Mọi mốc thời hạn của kế hoạch đã qua: chỉ còn lịch tiếp nhận báo cáo "
                "và các luồng chạy theo yêu cầu.[/]"
            )
        from flows.deployments import ServeSettings, build_deployments

        deployments = build_deployments(ServeSettings(plan, inbox, out, pdf))
        if pool:
            for dep in deployments:
                dep.apply(work_pool_name=pool)
                console.print(f"Đã đăng ký {dep.flow_name}/{dep.name} vào nhóm máy {pool}.")
            console.print(
                f"Trên mỗi máy trạm: `prefect worker start --pool {pool}` "
                f"(cùng PREFECT_API_URL={url})."
            )
            return
        console.print(f"Máy chủ Prefect: {url} — dừng bằng Ctrl+C.")

        from prefect import serve as prefect_serve

        try:
            prefect_serve(*deployments, pause_on_shutdown=not keep_schedules)
        finally:
            console.print(stopped_message(deployments, plan, keep_schedules))

    run_guarded(body)
