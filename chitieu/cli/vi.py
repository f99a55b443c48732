"""Vietnamese for every string that Typer (and its vendored Click) print themselves.

Typer ≥ 0.20 vendors Click as `typer._click`, with its strings hard-coded in English.
We replace what a clerk can see: the usage line and its metavars ("[OPTIONS]",
"COMMAND [ARGS]..."), the type column of `--help` (`<bool>`, `<int>`, `<path>`), the
help option's text, and every usage error ("Missing argument", "No such command …
Did you mean", "Try … for help"), which are rebuilt from the exception's fields.
"""

from __future__ import annotations

import re
import sys
from importlib.machinery import ModuleSpec, PathFinder
from types import ModuleType
from typing import Any

from typer import core as _typer_core
from typer._click import core as _core
from typer._click import exceptions as _exc
from typer._click import formatting as _formatting

HELP_TEXT = "Hiện hướng dẫn này rồi thoát."
USAGE_PREFIX = "Cách dùng: "
OPTIONS_METAVAR = "[TÙY_CHỌN]"
SUBCOMMAND_METAVAR = "LỆNH [THAM_SỐ]..."

# The type column of --help: an on/off flag needs no type; the others in words.
TYPE_WORDS = {
    "<bool>": None,
    "<int>": "<số>",
    "<float>": "<số>",
    "<text>": "<chữ>",
    "<str>": "<chữ>",
    "<path>": "<tệp>",
    "<file>": "<tệp>",
    "<directory>": "<thư_mục>",
    "<date>": "<ngày>",
    "<datetime>": "<ngày_giờ>",
}

# Messages of the value checks (pydantic and Click), English → Vietnamese.
DETAIL_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Input should be a valid integer.*", re.S), "cần một số nguyên"),
    (re.compile(r"Input should be a valid number.*", re.S), "cần một số"),
    (re.compile(r"Input should be a valid boolean.*", re.S), "cần có hoặc không"),
    (re.compile(r"Input should be greater than or equal to (\S+).*"), r"cần từ \1 trở lên"),
    (re.compile(r"Input should be less than or equal to (\S+).*"), r"cần không quá \1"),
    (re.compile(r"Value (.+) is not a valid (\w+)\.?"), r"\1 không hợp lệ"),
    (re.compile(r"(?:File|Directory|Path) (.+) does not exist\.?"), r"không tìm thấy \1"),
    (re.compile(r"(?:File|Directory|Path) (.+) is a file\.?"), r"\1 là tệp, cần một thư mục"),
    (re.compile(r"(?:File|Directory|Path) (.+) is a directory\.?"), r"\1 là thư mục, cần một tệp"),
    (re.compile(r"(?:File|Directory|Path) (.+) is not readable\.?"), r"không đọc được \1"),
    (re.compile(r"(?:File|Directory|Path) (.+) is not writable\.?"), r"không ghi được vào \1"),
    (re.compile(r"(.+) is not one of (.+)\.", re.S), r"\1 không phải một trong các giá trị \2"),
]


def type_word(label: str) -> str | None:
    """`<int>` → `<số>`, `<list[str]>` → `<chữ>...`; an on/off flag shows no type."""
    m = re.fullmatch(r"<list\[(\w+)\]>", label)
    if m:
        inner = TYPE_WORDS.get(f"<{m.group(1)}>") or "<giá_trị>"
        return inner + "..."
    return TYPE_WORDS.get(label, label)


def _hint(exc: Any) -> str:
    hint = getattr(exc, "param_hint", None)
    if hint is None and getattr(exc, "param", None) is not None:
        hint = exc.param.get_error_hint()
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(f"'{h}'" for h in hint)
    return str(hint or "")


def _detail(text: str) -> str:
    text = text.strip()
    for pattern, repl in DETAIL_PATTERNS:
        if pattern.fullmatch(text):
            return pattern.sub(repl, text)
    return "giá trị không hợp lệ"


def message_vi(exc: Exception) -> str:
    """The Vietnamese message of a Click/Typer usage error, rebuilt from its fields."""
    raw = getattr(exc, "message", "") or str(exc)
    if isinstance(exc, _exc.MissingParameter):
        param = getattr(exc, "param", None)
        kind = getattr(exc, "param_type", None) or (param.param_type_name if param else "")
        word = {"argument": "tham số", "option": "tùy chọn"}.get(kind, "tham số")
        return f"Thiếu {word} {_hint(exc)}.".replace("  ", " ")
    if isinstance(exc, _exc.NoSuchOption):
        text = f"Không có tùy chọn {exc.option_name}."
        if exc.possibilities:
            text += " Có thể bạn muốn: " + ", ".join(sorted(exc.possibilities)) + "."
        return text
    if isinstance(exc, _exc.BadOptionUsage):
        m = re.fullmatch(r"Option '(.+)' requires (?:an argument|(\d+) arguments)\.", raw)
        if m:
            n = m.group(2) or "một"
            return f"Tùy chọn {m.group(1)} cần {n} giá trị đi kèm."
        m = re.fullmatch(r"Option '(.+)' does not take a value\.", raw)
        if m:
            return f"Tùy chọn {m.group(1)} không nhận giá trị."
    if isinstance(exc, _exc.BadParameter):
        hint = _hint(exc)
        where = f" của {hint}" if hint else ""
        return f"Giá trị{where} không hợp lệ: {_detail(raw)}."
    m = re.fullmatch(r"No such command '(.+?)'\.?(?: Did you mean (.+)\?)?", raw)
    if m:
        text = f"Không có lệnh '{m.group(1)}'."
        if m.group(2):
            text += f" Có phải ý bạn là {m.group(2).replace(', ', ' hoặc ')}?"
        return text
    m = re.fullmatch(r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)", raw, re.S)
    if m:
        return f"Thừa tham số: {m.group(1)}."
    if raw.strip() == "Missing command.":
        return "Thiếu tên lệnh."
    m = re.fullmatch(r"Argument '(.+)' takes (\d+) values\.", raw)
    if m:
        return f"Tham số '{m.group(1)}' cần {m.group(2)} giá trị."
    return "Lệnh viết chưa đúng."


def format_error(exc: Any) -> None:
    """Replacement of `rich_utils.rich_format_error`: usage line, help hint, the error."""
    if exc.__class__.__name__ == "NoArgsIsHelpError":
        return
    from rich.markup import escape
    from rich.panel import Panel

    ru = sys.modules["typer.rich_utils"]
    console = ru._get_rich_console(stderr=True)
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        console.print(ru.highlighter(ctx.get_usage()), style=ru.STYLE_USAGE_COMMAND)
        if ctx.command.get_help_option(ctx) is not None:
            console.print(
                f"Xem [blue]'{escape(ctx.command_path)} {ctx.help_option_names[0]}'[/] "
                "để biết cách dùng.",
                style=ru.STYLE_ERRORS_SUGGESTION,
            )
    text = message_vi(exc) if isinstance(exc, _exc.UsageError) else "Lệnh viết chưa đúng."
    console.print(Panel(escape(text), border_style=ru.STYLE_ERRORS_PANEL_BORDER, title="Lỗi"))


def _usage_words(args: str) -> str:
    return args.replace("[OPTIONS]", OPTIONS_METAVAR).replace(
        "COMMAND [ARGS]...", SUBCOMMAND_METAVAR
    )


def _patch_rich_utils(ru: ModuleType) -> None:
    """Vietnamese panel titles and error format in Typer's rich_utils."""
    ru.OPTIONS_PANEL_TITLE = "Tùy chọn"
    ru.ARGUMENTS_PANEL_TITLE = "Tham số"
    ru.COMMANDS_PANEL_TITLE = "Lệnh"
    ru.ERRORS_PANEL_TITLE = "Lỗi"
    ru.REQUIRED_LONG_STRING = "[bắt buộc]"
    ru.DEFAULT_STRING = "[mặc định: {}]"
    ru.ENVVAR_STRING = "[biến môi trường: {}]"
    ru.DEPRECATED_STRING = "(không dùng nữa) "
    ru.ABORTED_TEXT = "Đã dừng."
    ru.RICH_HELP = "Xem [blue]'{command_path} {help_option}'[/] để biết cách dùng."
    ru.rich_format_error = format_error


class _PatchedLoader:
    """Runs the real loader, then `_patch_rich_utils` on the fresh module."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self._real.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._real.exec_module(module)
        _patch_rich_utils(module)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


class _RichUtilsFinder:
    """Patches `typer.rich_utils` when Typer first imports it (for help or an error).

    rich_utils pulls in rich.markdown, pygments and rich.traceback: about a third of
    the command line's start-up CPU, which `chitieu extract --json` never needs.
    """

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        if name != "typer.rich_utils":
            return None
        spec = PathFinder.find_spec(name, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = _PatchedLoader(spec.loader)  # type: ignore[assignment]
        return spec


def install() -> None:
    """Put Vietnamese words into Typer and its Click; rich_utils only once it is loaded."""
    if "typer.rich_utils" in sys.modules:
        _patch_rich_utils(sys.modules["typer.rich_utils"])
    elif not any(isinstance(f, _RichUtilsFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _RichUtilsFinder())

    formatter = _formatting.HelpFormatter
    if not getattr(formatter.write_usage, "_chitieu_vi", False):
        original_usage = formatter.write_usage

        def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
            original_usage(
                self, prog, _usage_words(args), USAGE_PREFIX if prefix is None else prefix
            )

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

    for cls in (_typer_core.TyperOption, _typer_core.TyperArgument):
        if getattr(cls.display_type_rich, "_chitieu_vi", False):
            continue
        original_type = cls.display_type_rich

        def display_type_rich(self: Any, ctx: Any, _orig: Any = original_type) -> str | None:
            label = _orig(self, ctx)
            if label is None or (self.metavar is not None and label == self.metavar):
                return label
            return type_word(label)

        display_type_rich._chitieu_vi = True  # type: ignore[attr-defined]
        cls.display_type_rich = display_type_rich  # type: ignore[method-assign]
