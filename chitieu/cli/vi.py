"""Vietnamese for the few strings that Typer (and its vendored Click) print themselves.

Typer ≥ 0.20 vendors Click as `typer._click`, with most strings hard-coded: we replace
the usage prefix and the help option's text, which every `--help` shows.
"""

from __future__ import annotations

from typing import Any

import typer.rich_utils as ru
from typer._click import core as _core
from typer._click import formatting as _formatting

HELP_TEXT = "Hiện hướng dẫn này rồi thoát."
USAGE_PREFIX = "Cách dùng: "


def install() -> None:
    ru.OPTIONS_PANEL_TITLE = "Tùy chọn"
    ru.ARGUMENTS_PANEL_TITLE = "Tham số"
    ru.COMMANDS_PANEL_TITLE = "Lệnh"
    ru.ERRORS_PANEL_TITLE = "Lỗi"
    ru.REQUIRED_LONG_STRING = "[bắt buộc]"
    ru.DEFAULT_STRING = "[mặc định: {}]"
    ru.ENVVAR_STRING = "[biến môi trường: {}]"
    ru.ABORTED_TEXT = "Đã dừng."

    formatter = _formatting.HelpFormatter
    if not getattr(formatter.write_usage, "_chitieu_vi", False):
        original_usage = formatter.write_usage

        def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
            original_usage(self, prog, args, USAGE_PREFIX if prefix is None else prefix)

        write_usage._chitieu_vi = True  # type: ignore[attr-defined]
        formatter.write_usage = write_usage  # type: ignore[method-assign]

    command = _core.Command
    if not getattr(command.get_help_option, "_chitieu_vi", False):
        original_help = command.get_help_option

        def get_help_option(self: Any, ctx: Any) -> Any:
            option = original_help(self, ctx)
            if option is not None:
                option.help = HELP_TEXT
            return option

        get_help_option._chitieu_vi = True  # type: ignore[attr-defined]
        command.get_help_option = get_help_option  # type: ignore[method-assign]
