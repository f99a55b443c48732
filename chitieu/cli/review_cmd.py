"""`chitieu review PLAN`: confirm or correct, one by one, the figures that need a person.

Every figure shows its history (as read, then each answer and who gave it); replacing
another person's answer asks first; `--undo` takes the latest answer back; at the end
the command says which documents to make again.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from chitieu.cli.app import app, console, run_guarded
from chitieu.cli.params import DbOption, PlanArg, examples
from chitieu.cli.words import folded

if TYPE_CHECKING:
    from chitieu.plan import Plan
    from chitieu.store import Store, StoredRecord

P = "samples/cau-giay-2021/plan.yaml"


def _ask(prompt: str) -> str | None:
    """One line from stdin (scriptable); None at end of input."""
    console.print(prompt, end="")
    line = sys.stdin.readline()
    if not line:
        console.print()
        return None
    return line.rstrip("\r\n")


def _yes(prompt: str, assume: bool) -> bool:
    if assume:
        return True
    typed = _ask(prompt + " (c = có, Enter = không): ")
    return (typed or "").strip().lower() in ("c", "có", "co", "y")


@app.command(
    "review",
    epilog=examples(
        f"chitieu review {P} --list",
        f'chitieu review {P} --reviewer "Nguyễn Văn A"',
        f'chitieu review {P} --record 12 --reviewer "Trần Thị B"',
        f'chitieu review {P} --undo --reviewer "Nguyễn Văn A"',
    ),
)
def review_command(
    plan: PlanArg,
    reviewer: Annotated[
        str | None,
        typer.Option(
            "--reviewer", "-r", metavar="HỌ_TÊN", help="Họ tên người kiểm tra.", show_default=False
        ),
    ] = None,
    list_only: Annotated[
        bool, typer.Option("--list", help="Chỉ liệt kê các số liệu cần xác minh, không hỏi.")
    ] = False,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Với --list/--json: liệt kê cả số liệu đã xác minh (ai, lúc nào, từ số nào).",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="In danh sách dạng JSON.")] = False,
    record: Annotated[
        int | None,
        typer.Option(
            "--record",
            metavar="MÃ",
            help="Xem lại một số liệu (kể cả đã trả lời) theo mã bản ghi.",
            show_default=False,
        ),
    ] = None,
    undo: Annotated[
        bool,
        typer.Option(
            "--undo", help="Hoàn tác câu trả lời gần nhất (của --record, hoặc của kế hoạch)."
        ),
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", help="Không hỏi lại khi ghi đè câu trả lời của người khác.")
    ] = False,
    crops: Annotated[
        Path,
        typer.Option("--crops", metavar="THƯ_MỤC", help="Thư mục ghi ảnh cắt ô số liệu (PNG)."),
    ] = Path("outputs/review"),
    db: DbOption = None,
) -> None:
    """Xác minh số liệu: Enter để xác nhận, nhập số để sửa, b để bỏ qua."""

    def body() -> None:
        from rich.markup import escape

        from chitieu.plan import load_plan
        from chitieu.review import answered, pending_json
        from chitieu.store import Store

        p = load_plan(plan)
        with Store.open(db) as store:
            plan_id = store.plan_id(p)
            if plan_id is None:
                if as_json:
                    print("[]")
                    return
                console.print(
                    f"Chưa có báo cáo nào của kế hoạch {escape(p.document.number)} trong cơ sở "
                    f"dữ liệu {escape(store.url)}: chạy [bold]chitieu intake[/] trước."
                )
                return
            pending = store.pending_review(plan_id)
            shown = answered(store, plan_id) + pending if show_all else pending
            if as_json:
                print(json.dumps(pending_json(p, shown), ensure_ascii=False, indent=2))
                return
            if list_only:
                _list(p, shown, show_all)
                return
            name = _name(reviewer)
            tally: dict[str, int] = {}
            if undo:
                changed = _undo(p, store, plan_id, name, record, yes)
            else:
                targets = [_latest(store, record)] if record is not None else pending
                if not targets:
                    console.print("[green]Không còn số liệu nào cần xác minh.[/]")
                    return
                changed = _answer_all(p, store, targets, name, yes, crops, tally)
            left = len(store.pending_review(plan_id))
        console.rule()
        done = (
            f"Đã xác nhận {tally['confirm']}, đã sửa {tally['correct']}, "
            f"bỏ qua {tally['skip']}; còn"
            if tally
            else "Còn"
        )
        console.print(f"{done} {left} số liệu cần xác minh. Người kiểm tra: {escape(name)}.")
        _regenerate(p, plan, changed)

    run_guarded(body)


def _name(reviewer: str | None) -> str:
    from chitieu.errors import UsageError

    name = (reviewer or "").strip()
    while not name:
        typed = _ask("Họ tên người kiểm tra: ")
        if typed is None:
            raise UsageError("Cần họ tên người kiểm tra (--reviewer).")
        name = typed.strip()
    return name


def _latest(store: Store, record_id: int) -> StoredRecord:
    return store.review_chain(record_id)[-1]


def _list(p: Plan, records: list[StoredRecord], show_all: bool = False) -> None:
    """The figures waiting for a person; with `show_all`, also those answered, saying
    who answered, when, and from what value."""
    from rich.markup import escape
    from rich.table import Table

    from chitieu.review import describe, review_note

    if not records:
        console.print("[green]Không còn số liệu nào cần xác minh.[/]")
        return
    title = "Số liệu cần xác minh và đã xác minh" if show_all else "Số liệu cần xác minh"
    table = Table(title=f"{title} — Kế hoạch {p.document.number}")
    cols = ["Mã", "Đơn vị", "Chỉ tiêu", "Số liệu", "Tệp", "Vị trí"]
    for col in [*cols, "Xác minh"] if show_all else cols:
        table.add_column(col)
    for rec in records:
        info = dict(describe(p, rec))
        row = [
            str(rec.id), info["Đơn vị"], info["Chỉ tiêu"], info["Số đọc được"],
            escape(info["Tệp"]), info["Vị trí"],
        ]  # fmt: skip
        if show_all:
            row.append(escape(review_note(rec) or "chờ xác minh"))
        table.add_row(*row)
    console.print(folded(table))


def _answer_all(
    p: Plan,
    store: Store,
    targets: list[StoredRecord],
    name: str,
    yes: bool,
    crops: Path,
    tally: dict[str, int],
) -> list[StoredRecord]:
    from rich.markup import escape

    from chitieu.errors import UsageError
    from chitieu.review import OverrideNeeded, apply_answer, crop, describe, history, parse_answer

    changed: list[StoredRecord] = []
    done = {"confirm": 0, "correct": 0, "skip": 0}
    for n, rec in enumerate(targets, start=1):
        console.rule(f"Số liệu {n}/{len(targets)} (bản ghi {rec.id})")
        for label, value in describe(p, rec):
            console.print(f"  [bold]{label}:[/] {escape(value)}")
        story = history(store, rec.id)
        if len(story) > 1:
            console.print("  [bold]Lịch sử:[/]")
            for line in story:
                console.print(f"    - {escape(line)}", highlight=False)
        cut = crop(rec, crops)
        if cut.path is not None:
            console.print(f"  [bold]Ảnh ô số liệu:[/] {escape(str(cut.path))}")
        else:
            console.print(f"  [dim]Không có ảnh: {escape(cut.reason or '')}[/]")
        typed: str | None = None
        while True:
            typed = _ask("  Enter = xác nhận, số = sửa, b = bỏ qua: ")
            if typed is None:
                break
            try:
                answer = parse_answer(typed)
                if answer.action.value == "confirm" and rec.value is None:
                    raise UsageError("Ô này chưa có số: nhập số đúng, hoặc b để bỏ qua.")
                try:
                    new_id = apply_answer(store, rec.id, answer, name)
                except OverrideNeeded as exc:
                    console.print(f"  [yellow]{escape(exc.message)}[/]")
                    if not _yes("  Ghi đè câu trả lời đó?", yes):
                        console.print("  Giữ nguyên câu trả lời trước.")
                        done["skip"] += 1
                        break
                    new_id = apply_answer(store, rec.id, answer, name, override=True)
            except UsageError as exc:
                console.print(f"  [yellow]{escape(exc.message)}[/]")
                continue
            done[answer.action.value] += 1
            if new_id is not None:
                prev = f"{rec.value}" if rec.value is not None else "(trống)"
                now = store.record(new_id)
                console.print(
                    f"  Đã ghi: {now.value} (trước đó: {prev}"
                    + (f", của {rec.reviewer}" if rec.reviewer else "")
                    + ").",
                    highlight=False,
                )
                changed.append(now)
            break
        if typed is None:
            break
    tally.update(done)
    return changed


def _undo(
    p: Plan, store: Store, plan_id: int, name: str, record: int | None, yes: bool
) -> list[StoredRecord]:
    from rich.markup import escape

    from chitieu.errors import UsageError
    from chitieu.review import describe, latest_answer, shown

    if record is not None:
        chain = store.review_chain(record)
        answers = [r for r in chain if r.corrects is not None]
        last = answers[-1] if answers else None
    else:
        last = latest_answer(store, plan_id)
    if last is None or last.undoes is not None:
        raise UsageError("Không có câu trả lời nào để hoàn tác.")
    info = dict(describe(p, last))
    when = f" lúc {last.reviewed_at:%H:%M ngày %d/%m/%Y}" if last.reviewed_at else ""
    console.print(
        f"Câu trả lời gần nhất: {info['Đơn vị']} — {info['Chỉ tiêu']}, kỳ {last.period}: "
        f"{shown(last.value)} ({last.reviewer}{when}).",
        highlight=False,
    )
    if (
        last.reviewer
        and last.reviewer != name
        and not _yes(f"Đây là câu trả lời của {escape(last.reviewer)}. Hoàn tác?", yes)
    ):
        console.print("Không hoàn tác.")
        return []
    new_id = store.undo_answer(last.id, name)
    now = store.record(new_id)
    flag = " (lại chờ xác minh)" if now.needs_review else ""
    console.print(f"Đã hoàn tác: số liệu trở lại {shown(now.value)}{flag}.", highlight=False)
    return [now]


def _regenerate(p: Plan, plan_arg: Path, changed: list[Any]) -> None:
    """Say which documents were made from figures that have just changed."""
    if not changed:
        return
    periods = sorted({r.period for r in changed})
    console.print("[bold]Số liệu đã thay đổi: cần lập lại các văn bản sau[/]")
    for per in periods:
        console.print(
            f"  • Báo cáo tổng hợp kỳ {per}: [cyan]chitieu report {plan_arg} --period {per}[/]",
            highlight=False,
        )
    console.print(
        f"  • Tình hình kỳ (kiểm tra lại trước khi ký): [cyan]chitieu status {plan_arg}[/]",
        highlight=False,
    )
