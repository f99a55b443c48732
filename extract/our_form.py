"""Our own XLSX return forms: read the result cells their hidden ids name, but only after
checking that each still is what it was drafted as.

A ward may unprotect the sheet and insert or delete rows or columns. Excel and
LibreOffice move the cells' defined names with them; a program, or a form drafted
before the names existed, leaves the stored address on another row. So a named cell is
trusted only when its row is labelled with its indicator (and no other row is) and its
column is headed as the result ("Kết quả thực hiện"). Every indicator whose cell fails
the check is read from the sheet as an ordinary table instead, and flagged.
"""

from __future__ import annotations

import re

from chitieu.plan import Plan
from chitieu.plan_parts import Unit
from chitieu.record import Problem, Role
from extract.document import Cell, ReadDocument, Table
from extract.figure import Figure
from extract.headers import ColumnRole, IndicatorMatcher, role_of
from extract.legend import Legend
from extract.tables import read_table
from extract.text import expand, fold
from extract.units import UnitFinder
from extract.values import is_numbering, parse_cell

PLAN_MISMATCH = "plan_mismatch"
FORM_EDITED = "form_edited"
EDITED_NOTE = (
    "biểu mẫu đã bị sửa (chèn, xóa hoặc di chuyển dòng, cột): số liệu đọc theo nhãn dòng "
    "và tiêu đề cột, không theo ô đã định"
)
_LETTER = re.compile(r"[^\W\d_]")


def read_our_form(
    doc: ReadDocument,
    plan: Plan,
    matcher: IndicatorMatcher,
    finder: UnitFinder,
    role: Role,
    unit: Unit | None,
    problems: list[Problem],
    legend: Legend | None = None,
) -> tuple[list[Figure], set[str]]:
    """Figures of the indicators the form's ids name, and the set of those indicators."""
    ids = doc.form_ids
    assert ids is not None
    where: dict[tuple[str | None, str], tuple[Table, Cell]] = {}
    for table in doc.tables:
        for row in table.cells:
            for cell in row:
                if cell is not None and cell.where.cell:
                    where[(cell.where.sheet, cell.where.cell)] = (table, cell)
                    where.setdefault((None, cell.where.cell), (table, cell))
    labels = _Labels(plan, matcher)
    figures: list[Figure] = []
    seen: set[str] = set()
    moved: list[str] = []
    gone: list[str] = []
    for ind, addr in ids.result_cells:
        if ind not in plan.indicator_by_id:
            problems.append(
                Problem(PLAN_MISMATCH, f"Chỉ tiêu «{ind}» của biểu mẫu không có trong kế hoạch.")
            )
            continue
        seen.add(ind)
        sheet, _, ref = addr.rpartition("!")
        found = where.get((sheet.strip("'") or None, ref.upper())) if ref else None
        if not ref:
            gone.append(ind)  # its defined name lost its cell: the row or column was deleted
            continue
        if found is None or not _still_in_place(found[0], found[1], ind, labels):
            moved.append(ind)
            continue
        cell = found[1]
        parsed = parse_cell(cell, legend, plan.indicator_by_id[ind].measure)
        if parsed.blank:
            continue
        notes = [parsed.why] if parsed.why else []
        if parsed.clean and _has_words(cell.text):
            notes.append(f"ô số liệu ghi cả chữ («{cell.text}»), đọc là {parsed.value}")
        figures.append(Figure(ind, parsed, cell.where, None, None, notes))
    if moved or gone:
        figures.extend(_read_as_table(doc, matcher, finder, role, unit, {*moved, *gone}, legend))
    for inds, what in (
        (
            moved,
            " (chèn, xóa hoặc di chuyển dòng, cột): ô kết quả của {n} chỉ tiêu ({names}) "
            "không còn đúng chỗ; đã đọc theo nhãn, cần kiểm tra lại.",
        ),
        (gone, ": dòng hoặc cột kết quả của {n} chỉ tiêu ({names}) đã bị xóa khỏi biểu."),
    ):
        if inds:
            names = ", ".join(plan.indicator_by_id[i].name for i in inds)
            text = what.format(n=len(inds), names=names)
            problems.append(Problem(FORM_EDITED, f"Biểu mẫu đã bị sửa{text}"))
    return figures, seen


class _Labels:
    """Which indicators a row label names: our own exact wording (name or alias, folded)
    first, else the fuzzy matcher with its rivals (an unsure label names them all)."""

    def __init__(self, plan: Plan, matcher: IndicatorMatcher) -> None:
        self.matcher = matcher
        self.exact: dict[str, set[str]] = {}
        for ind in plan.indicators:
            for text in (ind.name, *ind.aliases):
                self.exact.setdefault(expand(text), set()).add(ind.id)

    def named(self, text: str) -> set[str]:
        exact = self.exact.get(expand(text))
        if exact:
            return exact
        m = self.matcher.match(text)
        return {m.indicator, *m.ambiguous_with} if m.indicator else set()


def _still_in_place(table: Table, cell: Cell, ind: str, labels: _Labels) -> bool:
    """The cell's row names `ind` (and only that indicator; no other row names it) and
    the first header found above it in its column says "result"."""
    if _row_names(table, cell.row, cell.col, labels) != {ind}:
        return False
    rows_naming = sum(ind in _row_names(table, r, cell.col, labels) for r in range(table.n_rows))
    if rows_naming != 1:
        return False
    for r in range(cell.row - 1, -1, -1):
        text = table.text(r, cell.col)
        if not text or is_numbering(text):
            continue
        column = role_of(text)
        if column is not None:
            return column == ColumnRole.result
    return False


def _row_names(table: Table, r: int, skip_col: int, labels: _Labels) -> set[str]:
    out: set[str] = set()
    row = table.cells[r] if r < len(table.cells) else []
    for c, cell in enumerate(row):
        if cell is None or c == skip_col or cell.col != c or not cell.text:
            continue
        out |= labels.named(cell.text)
    return out


def _has_words(text: str) -> bool:
    """ "7 người" in a cell that only takes whole numbers: the value is there, but the
    cell was typed as text past its validation, so a person should look."""
    t = text.strip()
    return bool(_LETTER.search(t)) and fold(t) not in ("khong",)


def _read_as_table(
    doc: ReadDocument,
    matcher: IndicatorMatcher,
    finder: UnitFinder,
    role: Role,
    unit: Unit | None,
    wanted: set[str],
    legend: Legend | None = None,
) -> list[Figure]:
    out: list[Figure] = []
    for table in doc.tables:
        for fig in read_table(table, matcher, finder, role, unit, legend).figures:
            if fig.indicator not in wanted:
                continue
            fig.notes.append(EDITED_NOTE)
            out.append(fig)
    return out


__all__ = ["FORM_EDITED", "read_our_form"]
