"""`chitieu allocate`: split a total quota across units and write it as the plan's targets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from chitieu.cli.app import app, console, run_guarded
from chitieu.cli.params import PeriodOption, PlanArg, examples
from chitieu.cli.words import folded


def _pairs(values: list[str], option: str) -> dict[str, int]:
    from chitieu.errors import UsageError

    out: dict[str, int] = {}
    for item in values:
        unit, sep, num = item.partition("=")
        if not sep or not num.strip().isdigit():
            raise UsageError(f"{option} {item!r} không đúng dạng MÃ_ĐƠN_VỊ=SỐ (ví dụ quan-hoa=2).")
        out[unit.strip()] = int(num)
    return out


@app.command(
    "allocate",
    epilog=examples(
        "chitieu allocate samples/cau-giay-2021/plan.yaml --indicator hinh_su --total 12 --equal --dry-run",
        "chitieu allocate samples/cau-giay-2021/plan.yaml -i hinh_su -t 12 --weights dan-so.csv --out ke-hoach-moi.yaml",
    ),
)
def allocate(
    plan: PlanArg,
    indicator: Annotated[
        str, typer.Option("--indicator", "-i", help="Mã chỉ tiêu cần chia.", show_default=False)
    ],
    total: Annotated[
        int, typer.Option("--total", "-t", help="Tổng chỉ tiêu cần chia.", show_default=False)
    ],
    weights: Annotated[
        Path | None,
        typer.Option(
            "--weights",
            "-w",
            help="Tệp trọng số (CSV hai cột mã đơn vị, trọng số; hoặc YAML mã: trọng số), "
            "ví dụ dân số, kết quả năm trước.",
            show_default=False,
        ),
    ] = None,
    equal: Annotated[
        bool, typer.Option("--equal", help="Chia đều cho các đơn vị gửi báo cáo của kế hoạch.")
    ] = False,
    minimum: Annotated[
        list[str] | None,
        typer.Option(
            "--min",
            help="Mức tối thiểu của một đơn vị, dạng MÃ=SỐ (lặp lại được).",
            show_default=False,
        ),
    ] = None,
    min_each: Annotated[
        int, typer.Option("--min-each", help="Mức tối thiểu chung cho mọi đơn vị.")
    ] = 0,
    fixed: Annotated[
        list[str] | None,
        typer.Option(
            "--fixed",
            help="Giá trị cố định của một đơn vị, dạng MÃ=SỐ (lặp lại được).",
            show_default=False,
        ),
    ] = None,
    period: PeriodOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Ghi sang tệp kế hoạch mới thay vì ghi đè.", show_default=False
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Chỉ in kết quả chia, không ghi tệp.")
    ] = False,
) -> None:
    """Chia một tổng chỉ tiêu cho các đơn vị theo trọng số (phương pháp phần dư lớn nhất):
    các phần là số nguyên, cộng lại đúng bằng tổng, tôn trọng mức tối thiểu và giá trị cố định."""

    def body() -> None:
        from fractions import Fraction

        from chitieu.allocate import largest_remainder, read_weights, write_targets
        from chitieu.errors import UsageError
        from chitieu.plan import load_plan
        from chitieu.vnformat import count

        p = load_plan(plan)
        if (weights is None) == (not equal):
            raise UsageError("Chọn đúng một trong hai: --weights TỆP hoặc --equal.")
        ind = p.indicator_by_id.get(indicator)
        if ind is None:
            raise UsageError(
                f"Chỉ tiêu {indicator!r} không có trong {plan.name} "
                f"(có: {', '.join(p.indicator_by_id)})."
            )
        if ind.is_rate:
            raise UsageError(f"Chỉ tiêu {indicator!r} là tỷ lệ; chỉ chia được chỉ tiêu đếm.")
        per = period
        if per is None and len(p.all_periods) > 1:
            raise UsageError(
                "Kế hoạch có nhiều kỳ; chọn kỳ bằng --period "
                f"({', '.join(x.key for x in p.all_periods)})."
            )
        if per is not None and per not in p.period_by_key:
            raise UsageError(f"Kỳ {per!r} không có trong kế hoạch ({', '.join(p.period_by_key)}).")
        if weights is not None:
            w = read_weights(weights)
            unknown = [u for u in w if u not in p.unit_by_id]
            if unknown:
                raise UsageError(
                    f"Tệp trọng số {weights.name} có đơn vị không có trong kế hoạch: {', '.join(unknown)}."
                )
        else:
            w = {u.id: Fraction(1) for u in p.reporting_units}
        mins = {u: min_each for u in w} if min_each else {}
        mins.update(_pairs(minimum or [], "--min"))
        parts = largest_remainder(total, w, mins, _pairs(fixed or [], "--fixed"))
        left_out = [u.full_name for u in p.reporting_units if u.id not in parts]
        if left_out:
            console.print(
                f"[yellow]Lưu ý:[/] {len(left_out)} đơn vị không có trong tệp trọng số, chỉ tiêu "
                f"cũ (nếu có) được giữ nguyên: {', '.join(left_out)}."
            )

        table = Table(title=f"Chia {count(total, pad=False)} — {ind.name}")
        table.add_column("Đơn vị")
        table.add_column("Trọng số", justify="right")
        table.add_column("Chỉ tiêu", justify="right")
        for unit, value in parts.items():
            weight = w[unit]
            shown = str(weight) if weight.denominator == 1 else f"{float(weight):g}"
            table.add_row(p.unit_by_id[unit].full_name, shown, count(value))
        table.add_row("[bold]Tổng cộng[/]", "", f"[bold]{count(sum(parts.values()))}[/]")
        console.print(folded(table))
        if dry_run:
            return
        multi = per is not None and len(p.all_periods) > 1
        dest = write_targets(
            plan, indicator, parts, per if multi else None, out, [x.key for x in p.all_periods]
        )
        console.print(f"[green]Đã ghi chỉ tiêu {indicator} vào {dest}.[/]")

    run_guarded(body)
