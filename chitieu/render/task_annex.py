"""The phụ lục phân công nhiệm vụ: who leads, who supports, by when, producing what."""

from __future__ import annotations

from collections.abc import Sequence

from chitieu.plan import Assignment
from chitieu.render.grid import Column, Row

HEADERS = (
    "TT",
    "Nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời hạn hoàn thành",
    "Kết quả, sản phẩm",
)
WIDTHS_MM = (12.0, 90.0, 38.0, 48.0, 28.0, 36.0)  # 252 mm: the landscape text width


def task_columns() -> list[Column]:
    aligns = ("center", "justify", "left", "left", "center", "left")
    return [Column(h, w, align=a) for h, w, a in zip(HEADERS, WIDTHS_MM, aligns, strict=True)]


def task_cells(n: int, a: Assignment) -> list[str]:
    return [str(n), a.task, a.lead, "; ".join(a.support), a.deadline or "", a.output or ""]


def task_rows(assignments: Sequence[Assignment]) -> list[Row]:
    return [Row(task_cells(n, a)) for n, a in enumerate(assignments, start=1)]


__all__ = ["HEADERS", "task_cells", "task_columns", "task_rows"]
