"""The annex's value columns: each as narrow as its header allows (no word broken, at
most `MAX_HEAD_LINES` lines), shared out into as many tables as the page's width needs.
"""

from __future__ import annotations

import math

from chitieu.render.grid import CELL_PAD_PT, Column
from chitieu.render.metrics import text_width_pt, wrapped_lines

MIN_VALUE_MM = 18.0
MAX_VALUE_MM = 60.0  # widening a column for its header stops here
MAX_HEAD_LINES = 9  # a header taller than this gets wider columns (and more tables)
TABLE_PT = 11  # ND30 allows 11–12 pt in tables


def _head_lines(title: str, width_mm: float) -> int:
    """Lines a header cell `width_mm` wide takes for `title` (bold, table size)."""
    room = width_mm * 72 / 25.4 - CELL_PAD_PT
    return len(wrapped_lines(title, TABLE_PT, room, bold=True))


def _min_width_mm(col: Column) -> float:
    """The narrowest the column can be without breaking a header word across lines, and
    wide enough that its header takes at most MAX_HEAD_LINES lines (a header of 25 lines
    would leave no room for the units on the page)."""
    words = col.title.replace("\n", " ").split()
    widest = max((text_width_pt(w, TABLE_PT, bold=True) for w in words), default=0.0)
    width = max(MIN_VALUE_MM, (widest + CELL_PAD_PT) * 25.4 / 72 + 0.5)
    while _head_lines(col.title, width) > MAX_HEAD_LINES and width < MAX_VALUE_MM:
        width += 1.0
    return width


def table_columns(cols: list[Column], room_mm: float) -> list[list[Column]]:
    """Split value columns into tables that fit `room_mm`, widths shared out evenly."""
    if not cols:
        return [[]]
    mins = [_min_width_mm(c) for c in cols]
    groups: list[list[int]] = []
    current: list[int] = []
    used = 0.0
    for j, m in enumerate(mins):
        # keep a spanning group (same `group`) in one table where it fits
        if current and used + m > room_mm:
            groups.append(current)
            current, used = [], 0.0
        current.append(j)
        used += m
    groups.append(current)
    if len(groups) > 1:  # balance: as many tables as needed, columns spread evenly
        n = len(groups)
        per = math.ceil(len(cols) / n)
        balanced = [list(range(k, min(k + per, len(cols)))) for k in range(0, len(cols), per)]
        if all(sum(mins[j] for j in g) <= room_mm for g in balanced):
            groups = balanced
    out = []
    for g in groups:
        extra = (room_mm - sum(mins[j] for j in g)) / len(g)
        out.append(
            [
                Column(cols[j].title, mins[j] + max(0.0, extra), cols[j].group, cols[j].align)
                for j in g
            ]
        )
    return out
