"""Rule NQ.BANG_TRONG: a table of a phụ lục that lists units (or indicators) and no figure.

A biểu giao chỉ tiêu or a biểu tổng hợp whose rows are numbered but whose figure columns are
all blank is printed paper with nothing to sign for: typically a period that has no target
of its own (the 6-month period of a plan whose quotas are yearly) given a titled table anyway.
"""

from __future__ import annotations

import re

from chitieu.lint.anatomy import Anatomy
from chitieu.lint.check_support import RuleFindings
from chitieu.lint.docx_parts import Grid
from chitieu.lint.docx_view import DocxView
from chitieu.lint.rules import Finding

NUMBERED = re.compile(r"^(\d+|[IVXLC]+)\.?$")
HEAD_TT = re.compile(r"^(s?tt|số tt)$", re.IGNORECASE)
BLANK = {"", "-", "–", "—", "x", "…"}
LABEL_COLUMNS = 2  # TT and the name of the unit or indicator
NOT_FIGURES = re.compile(r"^(đơn vị tính|đvt|ghi chú)$", re.IGNORECASE)  # labels, not data


def _figure_cells(grid: Grid) -> list[str] | None:
    """The cells right of the label columns in the numbered rows; None when the table is
    not a TT-numbered list (a letterhead, a signature table, a form to fill)."""
    rows = grid.rows
    if not rows or not rows[0] or not HEAD_TT.match(rows[0][0].strip()):
        return None
    data = [r for r in rows if r and NUMBERED.match(r[0].strip())]
    width = max((len(r) for r in data), default=0)
    keep = [
        j
        for j in range(LABEL_COLUMNS, width)
        if not NOT_FIGURES.match(" ".join(rows[0][j].split()) if j < len(rows[0]) else "")
    ]
    if not data or not keep:
        return None
    return [r[j] for r in data for j in keep if j < len(r)]


def empty_annex_tables(view: DocxView, a: Anatomy) -> list[Finding]:
    out = RuleFindings("NQ.BANG_TRONG")
    if not a.phu_luc:
        return out.items
    start = a.phu_luc[0].number
    for grid in view.tables:
        if grid.first_para < start:
            continue
        cells = _figure_cells(grid)
        if cells is None:
            continue
        if all(c.strip() in BLANK for c in cells):
            lines = sum(1 for r in grid.rows if r and NUMBERED.match(r[0].strip()))
            out.add(
                f"bảng {grid.number}",
                f"Bảng {grid.number} của phụ lục có {lines} dòng nhưng không có số liệu nào.",
            )
    return out.items


__all__ = ["empty_annex_tables"]
