"""Vietnamese for the few strings that Click and Typer print themselves.

Click marks its messages with gettext; we swap its `_` for a lookup in this table.
"""

from __future__ import annotations

import click.core
import click.exceptions
import click.formatting
import click.types

VI = {
    "Usage:": "Cách dùng:",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Gõ '{command} {option}' để xem hướng dẫn.",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "Missing command.": "Thiếu lệnh.",
    "Aborted!": "Đã dừng!",
    "Got unexpected extra argument ({args})": "Thừa tham số ({args})",
    "Got unexpected extra arguments ({args})": "Thừa các tham số ({args})",
    "{name!r} is not a valid integer.": "{name!r} không phải số nguyên.",
    "{value!r} is not a valid integer.": "{value!r} không phải số nguyên.",
    "{value!r} is not one of {choices}.": "{value!r} không thuộc {choices}.",
    "Path {name} {filename!r} does not exist.": "Đường dẫn {name} {filename!r} không tồn tại.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "File {filename!r} does not exist.": "Tệp {filename!r} không tồn tại.",
    "Directory {filename!r} does not exist.": "Thư mục {filename!r} không tồn tại.",
    "File {filename!r} is a directory.": "{filename!r} là thư mục, không phải tệp.",
    "Directory {filename!r} is a file.": "{filename!r} là tệp, không phải thư mục.",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
}


def _vi(message: str) -> str:
    return VI.get(message, message)


def install() -> None:
    for module in (click.core, click.exceptions, click.formatting, click.types):
        module._ = _vi  # type: ignore[attr-defined]
