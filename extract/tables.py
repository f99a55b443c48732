"""One table -> the figures it holds, whatever its layout.

Two layouts are recognised from where indicator names sit:

* across: indicators are column headers (one- or two-row headers, spanning group cells,
  role sub-columns "Chỉ tiêu giao / Kết quả / Tỷ lệ"), one row per unit or one result row;
* down: indicators are row labels ("Nội dung" column) and the result is a column.

The output is `Figure`s (unit may be None: the document's own unit) plus total checks.
"""

from __future__ import annotations

from dataclasses import replace

from chitieu.plan_parts import Unit
from chitieu.record import Role
from extract import page_break
from extract.across import read_across
from extract.columns import HEADER_SEARCH_ROWS, Context
from extract.document import Cell, Table
from extract.down import read_down
from extract.figure import TableReading
from extract.grid import Sized, is_origin
from extract.headers import IndicatorMatcher
from extract.legend import Legend
from extract.roles import role_of
from extract.text import fold
from extract.unit_columns import read_unit_columns
from extract.units import UnitFinder
from extract.values import MEASURE_WORDS, parse_text


def read_table(
    table: Table,
    matcher: IndicatorMatcher,
    finder: UnitFinder,
    ctx: Context | Role,
    sender: Unit | None = None,
    legend: Legend | None = None,
) -> TableReading:
    """Figures of one table; an empty reading when no plan indicator appears in it."""
    if not isinstance(ctx, Context):
        ctx = Context(ctx, sender, legend)
    table = Sized.of(table)
    matcher = matcher.within(
        [
            table.text(r, c)
            for r in range(table.n_rows)
            for c in range(table.n_cols)
            if is_origin(table, r, c)
        ]
    )
    across: dict[int, set[str]] = {}  # header row -> indicators named in it
    down: dict[int, set[str]] = {}  # label column -> indicators named in it
    for r in range(table.n_rows):
        for c in range(table.n_cols):
            if not is_origin(table, r, c):
                continue
            m = matcher.match(table.text(r, c))
            if m.indicator:
                down.setdefault(c, set()).add(m.indicator)
                if r < HEADER_SEARCH_ROWS:
                    across.setdefault(r, set()).add(m.indicator)
    best_across = max((len(v) for v in across.values()), default=0)
    best_down = max((len(v) for v in down.values()), default=0)
    if best_across == 0 and best_down == 0:
        return TableReading()
    readings: list[TableReading] = []
    if best_across >= best_down:
        # the header starts at the first row naming two indicators (a title row that
        # happens to name one is not a header), or naming one if no row names more
        h0 = min(r for r, inds in across.items() if len(inds) >= min(2, best_across))
        readings.append(read_across(table, matcher, finder, ctx, h0))
    if best_down >= best_across:
        label_col = max(down, key=lambda c: (len(down[c]), -c))
        by_unit = read_unit_columns(table, matcher, finder, label_col, ctx)
        if by_unit is not None:
            return by_unit  # units as columns: each unit's column is its figures
        readings.append(read_down(table, matcher, ctx, label_col))
    # a tie (one indicator, named once): keep the reading that gives more sure figures
    return max(readings, key=_sure_figures)


def _sure_figures(reading: TableReading) -> tuple[int, int]:
    sure = sum(not f.needs_review for f in reading.figures)
    return sure, len(reading.figures)


def join_continued(tables: list[Table], matcher: IndicatorMatcher) -> list[Table]:
    """Join a table that goes on over a page break (a PDF shows it as two tables, the
    second without its header) to the part before it, so its rows keep their columns."""
    out: list[Table] = []
    for table in map(Sized.of, tables):
        prev = out[-1] if out else None
        if prev is not None and table.page > prev.page:
            before, after = _aligned(prev, table)
            if (
                after.n_cols == before.n_cols
                and _names_indicators(before, matcher)
                and (
                    not _names_indicators(after, matcher, rows=3)
                    or _starts_with_data(after, matcher)
                )
            ):
                out[-1] = Sized.of(
                    Table(cells=_joined_rows(before, after), page=prev.page, index=prev.index)
                )
                continue
        out.append(table)
    return out


def _aligned(prev: Sized, table: Sized) -> tuple[Sized, Sized]:
    """The two parts with the same columns: a scan's part found with other columns than
    the part before is laid under it by place; or the part before, when it found fewer
    (its numbering not read), under the part after. Unchanged when they do not line up."""
    if table.n_cols == prev.n_cols:
        return prev, table
    mapping = page_break.column_map(prev, table)
    if mapping is not None:
        rows = page_break.laid_under(table, mapping, prev.n_cols)
        return prev, Sized(cells=rows, page=table.page, index=table.index, width=prev.n_cols)
    back = page_break.column_map(table, prev)
    if back is not None:
        rows = page_break.laid_under(prev, back, table.n_cols)
        return Sized(cells=rows, page=prev.page, index=prev.index, width=table.n_cols), table
    return prev, table


_HEADER_WORDS = ("tt", "stt", "noi dung", "chi tieu", "don vi", "ten don vi")


def _starts_with_data(table: Table, matcher: IndicatorMatcher) -> bool:
    """The part after a page break starts with a row of figures (or the rest of one), not
    with a header of its own: a numbering cell empty or a number (or, where the numbering
    was not read, the row's label), no header words. A first row without figures (the
    rest of a label cut by the break, a stamp's smudge) is passed over."""
    for r in range(min(2, table.n_rows)):
        first = [fold(table.text(r, c)) for c in range(table.n_cols)]
        lead = first[0] if first else ""
        lead_ok = (
            not lead
            or lead.replace(" ", "").isdigit()
            or matcher.match(table.text(r, 0)).indicator is not None
        )
        figures = _has_figure(table, r)
        if figures and any(matcher.match(table.text(r, c)).indicator for c in range(len(first))):
            return lead_ok  # an indicator's row of figures ("Đạt" in its notes is no header)
        if any(
            t in _HEADER_WORDS or (t not in MEASURE_WORDS and role_of(table.text(r, c)))
            for c, t in enumerate(first)
        ):
            return False
        if r == 0 and not figures:
            continue
        return lead_ok
    return False


def _has_figure(table: Table, r: int) -> bool:
    """A cell of the row holds a figure (its digits re-read, or its text), not a year."""
    for cell in table.cells[r] if r < len(table.cells) else []:
        if cell is None:
            continue
        digits = (cell.digits or "").strip()
        value = int(digits) if digits.isdigit() else parse_text(cell.text).value
        if value is not None and not 1900 <= value <= 2100:  # a year is a header's
            return True
    return False


def _joined_rows(prev: Table, table: Table) -> list[list[Cell | None]]:
    """The two parts' rows; a row cut by the page break ("Cai" / "nghiện tự nguyện",
    nothing else on its second part) is put back together."""
    rows = [*prev.cells, *table.cells]
    first = table.cells[0] if table.cells else []
    last = prev.cells[-1] if prev.cells else []
    texts = [c.text.strip() if c is not None else "" for c in first]
    if not texts or texts[0] or not last or sum(1 for t in texts if t) != 1:
        return rows
    c = next(i for i, t in enumerate(texts) if t)
    above = last[c] if c < len(last) else None
    if above is None or not above.text.strip() or parse_text(above.text).value is not None:
        return rows
    merged = list(last)
    merged[c] = replace(above, text=f"{above.text.strip()} {texts[c]}")
    return [*prev.cells[:-1], merged, *table.cells[1:]]


def _names_indicators(
    table: Table, matcher: IndicatorMatcher, rows: int = HEADER_SEARCH_ROWS
) -> bool:
    return any(
        matcher.match(table.text(r, c)).indicator
        for r in range(min(rows, table.n_rows))
        for c in range(table.n_cols)
    )
