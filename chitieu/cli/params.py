"""Arguments and options shared by the commands, so each means one thing everywhere.

The plan file is always the first positional argument; `-p` is always `--period`;
`--db` always chooses the store.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

PlanArg = Annotated[
    Path,
    typer.Argument(metavar="KẾ_HOẠCH", help="Tệp kế hoạch YAML.", show_default=False),
]
PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        "-p",
        metavar="KỲ",
        help='Kỳ báo cáo, ví dụ "2021-06" (mặc định: kỳ chính của kế hoạch).',
        show_default=False,
    ),
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        help="URL cơ sở dữ liệu; mặc định lấy CHITIEU_DATABASE_URL, nếu không có thì "
        "tệp chitieu.db trong CHITIEU_HOME.",
        show_default=False,
    ),
]
ByOption = Annotated[
    str,
    typer.Option("--by", metavar="HỌ_TÊN", help="Họ tên người thực hiện.", show_default=False),
]


def examples(*lines: str) -> str:
    """The epilog of a command's --help: examples, one per line."""
    return "[bold]Ví dụ:[/]\n\n" + "\n\n".join(f"  [cyan]{ln}[/]" for ln in lines)
