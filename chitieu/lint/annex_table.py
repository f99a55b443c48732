"""The quota annex of a document: its title, its "(Kèm theo …)" line and its table.

An annex table is a table with a "Tổng cộng" (or "Cộng", "Tổng số") row. Header rows are
the rows above the first data row; a column's label joins its header texts ("Lập hồ sơ đưa
cai nghiện ma túy / Cai nghiện tự nguyện tại TT"), so a figure can be matched to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from chitieu.lint.anatomy import PHU_LUC, is_upper
from chitieu.lint.docx_parts import Grid, Para
from chitieu.lint.docx_view import DocxView

TOTAL_ROW = re.compile(r"^(tổng cộng|tổng số|cộng|tổng)\s*:?$", re.IGNORECASE)
VALUE = re.compile(r"^\d{1,3}(\.\d{3})*$|^\d+$")


def parse_value(text: str) -> int | None:
    t = text.strip().replace(" ", "")
    if t in ("", "-", "–", "—", "x"):
        return None
    if VALUE.match(t):
        return int(t.replace(".", ""))
    return None


@dataclass
class AnnexColumn:
    index: int  # grid column, 0-based
    label: str  # header texts joined with " / "
    values: list[int | None]  # one per data row
    total: int | None  # the "Tổng cộng" row's value


@dataclass
class AnnexTable:
    grid: Grid
    title: str  # the annex title (may span lines), "" if none found
    title_para: Para | None
    kem_theo: Para | None
    units: list[str]  # data rows' unit names
    columns: list[AnnexColumn] = field(default_factory=list)
    total_row: int = 0  # 1-based row number of the total row in the table
    period: str = ""  # the line naming the table's period ("Năm 2027"), "" if none


PERIOD_LINE = re.compile(
    r"^(năm|quý|tháng|từ ngày|kỳ|hằng năm)\b.{0,60}$|^\(tiếp theo\)$", re.IGNORECASE
)


def _is_data_row(row: list[str]) -> bool:
    return bool(row) and bool(re.fullmatch(r"\d+\.?|[IVX]+\.?", row[0].strip()))


def read_annexes(view: DocxView) -> list[AnnexTable]:
    out: list[AnnexTable] = []
    for grid in view.tables:
        rows = grid.rows
        total_i = next(
            (
                i
                for i, r in enumerate(rows)
                if r and TOTAL_ROW.match(r[0].strip() or (r[1].strip() if len(r) > 1 else ""))
            ),
            None,
        )
        first_data = next((i for i, r in enumerate(rows) if _is_data_row(r)), None)
        if total_i is None or first_data is None:
            continue
        if first_data < total_i:  # total row at the bottom
            head, data = rows[:first_data], rows[first_data:total_i]
        else:  # total row first, right under the header (common in received annexes)
            head, data = rows[:total_i], [r for r in rows[first_data:] if _is_data_row(r)]
        total = rows[total_i]
        caption = _caption(head)
        if caption is not None:  # a long table's period, repeated on each of its pages
            head = head[1:]
        unit_col = 1 if len(rows[0]) > 1 else 0
        table = AnnexTable(
            grid, "", None, None, [r[unit_col].strip() for r in data], total_row=total_i + 1
        )
        if caption:
            table.period = caption
        width = max(len(r) for r in rows)
        for c in range(unit_col + 1, width):
            labels: list[str] = []
            for r in head:
                t = re.sub(r"\s+", " ", r[c]).strip() if c < len(r) else ""
                if t and t not in labels:
                    labels.append(t)
            values = [parse_value(r[c]) if c < len(r) else None for r in data]
            tot = parse_value(total[c]) if c < len(total) else None
            texts = [r[c].strip() for r in data if c < len(r) and r[c].strip()]
            if texts and all(parse_value(t) is not None for t in texts):
                table.columns.append(AnnexColumn(c, " / ".join(labels), values, tot))
        _title(view, table)
        out.append(table)
    return out


def _caption(head: list[list[str]]) -> str | None:
    """The period a table names in its first row, one cell across the table ("Năm 2027",
    "Năm 2027 (tiếp theo)"), without "(tiếp theo)"; None when the first row is a header."""
    if len(head) < 2 or len(set(head[0])) != 1:
        return None
    text = re.sub(r"\s+", " ", head[0][0]).strip()
    if not PERIOD_LINE.match(text):
        return None
    return re.sub(r"\s*\(tiếp theo\)$", "", text)


def _title(view: DocxView, table: AnnexTable) -> None:
    """The paragraphs just above the table: the Kèm theo line and the title above it."""
    ps = view.paragraphs
    before = [p for p in ps if p.number < table.grid.first_para and p.cell is None]
    title: list[Para] = []
    for p in reversed(before[-8:]):
        t = p.clean
        if not t:
            if title:
                break
            continue
        if not title and table.kem_theo is None and not table.period and PERIOD_LINE.match(t):
            table.period = re.sub(r"\s*\(tiếp theo\)$", "", t)
            continue
        if (
            table.kem_theo is None
            and not title
            and re.match(r"^\(?\s*Kèm theo\b", t, re.IGNORECASE)
        ):
            table.kem_theo = p
            continue
        if PHU_LUC.fullmatch(t) or not is_upper(t):
            break
        title.insert(0, p)
    if title:
        table.title_para = title[0]
        table.title = " ".join(p.clean for p in title)


__all__ = ["AnnexColumn", "AnnexTable", "parse_value", "read_annexes"]
