"""The Typer application and the one place where errors become exit codes.

Command modules (`chitieu/cli/*.py`) import `app` from here and register their
commands; heavy imports stay inside command functions so `chitieu --help` is fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from chitieu.cli import vi
from chitieu.errors import ChitieuError, ExitCode

vi.install()

if TYPE_CHECKING:
    from rich.console import Console


def escape(text: str) -> str:
    """rich's markup escape, imported when a message is printed (rich.text is not light)."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


class _LazyConsole:
    """A rich Console made on first use: `chitieu extract --json` prints without one."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    @property
    def real(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    # Special methods are looked up on the type, not through __getattr__: rich's Live
    # uses the console as a context manager (`with console:`).
    def __enter__(self) -> Console:
        return self.real.__enter__()

    def __exit__(self, *exc: object) -> None:
        self.real.__exit__(*exc)  # type: ignore[arg-type]


console: Console = _LazyConsole()  # type: ignore[assignment]
err_console: Console = _LazyConsole(stderr=True)  # type: ignore[assignment]

app = typer.Typer(
    name="chitieu",
    help=(
        "chitieu — soạn kế hoạch và biểu giao chỉ tiêu theo Nghị định 30/2020/NĐ-CP, "
        "đọc báo cáo các đơn vị gửi về, đối chiếu với chỉ tiêu và lập báo cáo tổng hợp."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def version() -> str:
    """The installed version of chitieu (the source tree's, when not installed)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("chitieu")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "chưa cài đặt"


def _show_version(value: bool) -> None:
    if value:
        console.print(f"chitieu phiên bản {version()}", highlight=False)
        raise typer.Exit()


@app.callback(
    epilog=(
        "[bold]Ví dụ:[/]\n\n  [cyan]chitieu status samples/cau-giay-2021/plan.yaml[/]\n\n"
        "  [cyan]chitieu intake samples/cau-giay-2021/plan.yaml hop-thu/[/]\n\n"
        "Hướng dẫn từng bước cho văn thư: HUONG-DAN.md."
    )
)
def _root(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            help="In phiên bản rồi thoát.",
            callback=_show_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """chitieu — soạn kế hoạch và biểu giao chỉ tiêu theo Nghị định 30/2020/NĐ-CP, đọc báo cáo
    các đơn vị gửi về, đối chiếu với chỉ tiêu và lập báo cáo tổng hợp."""


def fail(error: ChitieuError) -> None:
    """Print a user error in Vietnamese on stderr and exit with its code."""
    err_console.print("[bold red]Lỗi:[/] " + escape(error.message), highlight=False, soft_wrap=True)
    raise typer.Exit(int(error.exit_code))


def run_guarded(fn: Callable[[], Any]) -> Any:
    """Run a command body; user errors become one clear message, never a traceback."""
    try:
        return fn()
    except ChitieuError as exc:
        fail(exc)
    except KeyboardInterrupt:
        err_console.print("Đã dừng theo yêu cầu (Ctrl+C). Không có dữ liệu nào bị ghi dở.")
        raise typer.Exit(130) from None


STORE_COMMANDS = {
    "intake", "reconcile", "report", "review", "remind", "status", "enter", "lock", "unlock",
    "return",
}  # fmt: skip


def _note_database_choice(argv: list[str]) -> None:
    """Say which store is used when CHITIEU_DATABASE_URL overrides CHITIEU_HOME."""
    import os

    url, home = os.environ.get("CHITIEU_DATABASE_URL"), os.environ.get("CHITIEU_HOME")
    if not (url and home and argv and argv[0] in STORE_COMMANDS) or "--db" in argv:
        return
    import sqlalchemy as sa

    try:
        shown = sa.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        shown = "(địa chỉ không hợp lệ)"
    err_console.print(
        f"[dim]Lưu ý: dùng cơ sở dữ liệu CHITIEU_DATABASE_URL={escape(shown)}; "
        f"CHITIEU_HOME={escape(home)} chỉ dùng cho thư mục lưu trữ.[/]",
        highlight=False,
    )


def _app_for(argv: list[str]) -> typer.Typer:
    """The app with only the command `argv` names, when it names one.

    Typer turns every registered command into a Click command before running one: it
    inspects each function's signature and makes a pydantic adapter per parameter, about
    20 ms of every run for 17 commands. `chitieu --help`, `chitieu plan …` and anything
    else that is not a command name get the whole app.
    """
    import copy

    from typer.main import get_command_name

    if not argv or argv[0].startswith("-"):
        return app
    chosen = [
        c
        for c in app.registered_commands
        if (c.name or get_command_name(getattr(c.callback, "__name__", ""))) == argv[0]
    ]
    if len(chosen) != 1:
        return app
    only = copy.copy(app)
    only.registered_commands, only.registered_groups = chosen, []
    return only


def main() -> None:
    """Console-script entry point."""
    import os

    # pydantic looks for plugins in every installed package's metadata when it builds its
    # first model; chitieu uses none (an explicit PYDANTIC_DISABLE_PLUGINS wins).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from chitieu import cli  # noqa: F401 - registers every command module

    _note_database_choice(sys.argv[1:])
    try:
        _app_for(sys.argv[1:])(standalone_mode=True)
    except ChitieuError as exc:  # raised outside run_guarded
        err_console.print(
            "[bold red]Lỗi:[/] " + escape(exc.message), highlight=False, soft_wrap=True
        )
        sys.exit(int(exc.exit_code))
    except SystemExit:
        raise
    except Exception:  # a bug: say so plainly, without a traceback
        err_console.print(
            "[bold red]Lỗi không mong đợi.[/] "
            "Đây là lỗi của chương trình, không phải của dữ liệu. "
            "Chạy lại với CHITIEU_DEBUG=1 để xem chi tiết và báo cho bộ phận kỹ thuật.",
            highlight=False,
        )
        if os.environ.get("CHITIEU_DEBUG"):
            raise
        sys.exit(int(ExitCode.other_error))
