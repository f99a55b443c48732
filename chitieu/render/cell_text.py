"""Every value chitieu writes into a spreadsheet cell goes through `put`.

Names of units, indicators, files and notes come from plan files and from senders. In
a spreadsheet, a string starting with `=` is a live formula (`=HYPERLINK(...)` becomes a
link, `=WEBSERVICE(...)` a request), and `+`, `-`, `@`, tab and CR start one as soon as
somebody edits the cell. `put` stores every string as text (`t="inlineStr"`, never a
formula) and marks the risky ones with Excel's quote prefix, so that they stay text
when edited; characters XML cannot carry become U+FFFD instead of failing the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

C = TypeVar("C")


class Formula(str):
    """A formula chitieu writes itself ("=SUM(C5:C21)", "=D5/C5"): the only string `put`
    lets through as a formula. Never build one from a plan's or a sender's text."""

    __slots__ = ()


def put(cell: C, value: Any) -> C:
    """Set `cell`'s value; a string is always text, never a formula (except our own
    `Formula`). Returns the cell."""
    if isinstance(value, Formula):
        cell.value = str(value)  # type: ignore[attr-defined]
        cell.data_type = "f"  # type: ignore[attr-defined]
    elif isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        cell.value = value  # type: ignore[attr-defined]
        cell.data_type = "s"  # type: ignore[attr-defined]
        if value.startswith(FORMULA_PREFIXES):
            cell.quotePrefix = True  # type: ignore[attr-defined]
    else:
        cell.value = value  # type: ignore[attr-defined]
    return cell


def write(ws: Any, row: int, column: int, value: Any) -> Any:
    """`ws.cell(row, column, value)`, with the value written by `put`."""
    return put(ws.cell(row=row, column=column), value)


def row(ws: Any, values: Iterable[Any]) -> list[Any]:
    """Values for `ws.append` (write-only sheets): plain values stay plain (fast), a
    string that could be taken for a formula becomes a text cell written by `put`."""
    from openpyxl.cell import WriteOnlyCell

    return [
        put(WriteOnlyCell(ws), v)
        if isinstance(v, Formula)
        or (
            isinstance(v, str)
            and (v.startswith(FORMULA_PREFIXES) or ILLEGAL_CHARACTERS_RE.search(v))
        )
        else v
        for v in values
    ]
