"""`chitieu lock` / `chitieu unlock`: sign-off of a period, with who, when and why."""

from __future__ import annotations

from typing import Annotated

import typer

from chitieu.cli.app import app, console, run_guarded
from chitieu.cli.params import ByOption, DbOption, PlanArg, examples

PeriodRequired = Annotated[
    str,
    typer.Option(
        "--period", "-p", metavar="KỲ", help='Kỳ báo cáo, ví dụ "2021-06".', show_default=False
    ),
]
P = "samples/cau-giay-2021/plan.yaml"


@app.command("lock", epilog=examples(f'chitieu lock {P} --period 2021-06 --by "Nguyễn Thị Lan"'))
def lock_command(
    plan: PlanArg,
    period: PeriodRequired,
    by: ByOption,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason", metavar="LÝ_DO", help="Ghi chú (không bắt buộc).", show_default=False
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Khóa số liệu một kỳ sau khi đã ký báo cáo: báo cáo gửi đến sau được lưu trữ và cách ly
    ("kỳ đã khóa"), không làm thay đổi số liệu; không sửa, không nhập thêm được nữa."""
    run_guarded(lambda: _toggle(plan, period, by, reason, db, lock=True))


@app.command(
    "unlock",
    epilog=examples(
        f'chitieu unlock {P} --period 2021-06 --by "Nguyễn Thị Lan" --reason "Phường Yên Hòa gửi bổ sung"'
    ),
)
def unlock_command(
    plan: PlanArg,
    period: PeriodRequired,
    by: ByOption,
    reason: Annotated[
        str,
        typer.Option(
            "--reason", metavar="LÝ_DO", help="Lý do mở khóa (bắt buộc).", show_default=False
        ),
    ],
    db: DbOption = None,
) -> None:
    """Mở khóa một kỳ (ghi rõ người và lý do); các báo cáo bị cách ly vì kỳ đã khóa sẽ được
    đọc lại ở lần tiếp nhận sau."""
    run_guarded(lambda: _toggle(plan, period, by, reason, db, lock=False))


def _toggle(plan, period: str, by: str, reason: str | None, db: str | None, lock: bool) -> None:  # type: ignore[no-untyped-def]
    from chitieu.errors import UsageError
    from chitieu.locking import describe_lock
    from chitieu.plan import load_plan
    from chitieu.status import choose_period
    from chitieu.store import Store
    from chitieu.store.clerk import LOCK, UNLOCK

    p = load_plan(plan)
    key = choose_period(p, period, p.main_period.start)
    if not lock and not (reason or "").strip():
        raise UsageError("Cần ghi lý do mở khóa (--reason).")
    with Store.open(db) as store:
        plan_id = store.save_plan(p)
        current = store.lock_of(plan_id, key)
        if lock and current is not None:
            console.print(f"Kỳ {key} {describe_lock(current)}: không cần khóa lại.")
            return
        if not lock and current is None:
            console.print(f"Kỳ {key} chưa khóa: không cần mở khóa.")
            return
        ev = store.add_event(plan_id, key, LOCK if lock else UNLOCK, by, reason)
    if lock:
        console.print(
            f"[bold]Đã khóa kỳ {key}[/] ({ev.person}, {ev.at:%H:%M ngày %d/%m/%Y}). Báo cáo gửi "
            "đến sau sẽ được lưu trữ và cách ly, không tính vào số liệu.",
            highlight=False,
        )
    else:
        console.print(
            f"[bold]Đã mở khóa kỳ {key}[/] ({ev.person}, {ev.at:%H:%M ngày %d/%m/%Y}; lý do: "
            f"{ev.reason}). Chạy lại chitieu intake để đọc các báo cáo đã bị cách ly.",
            highlight=False,
        )
