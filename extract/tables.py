"""One table -> the figures it holds, whatever its layout.

Two layouts are recognised from where indicator names sit:

* across: indicators are column headers (one- or two-row headers, spanning group cells,
  role sub-columns "Chỉ tiêu giao / Kết quả / Tỷ lệ"), one row per unit or one result row;
* down: indicators are row labels ("Nội dung" column) and the result is a column.

The output is `Figure`s (unit may be None: the document's own unit) plus total checks.
"""

from __future__ import annotations

from chitieu.plan import Unit
from chitieu.record import Role
from extract.across import read_across
from extract.columns import HEADER_SEARCH_ROWS, Context
from extract.document import Table
from extract.down import read_down
from extract.figure import TableReading
from extract.grid import Sized, is_origin
from extract.headers import IndicatorMatcher
from extract.legend import Legend
from extract.units import UnitFinder
from extract.values import parse_text


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
        if (
            prev is not None
            and table.page > prev.page
            and table.n_cols == prev.n_cols
            and _names_indicators(prev, matcher)
            and (not _names_indicators(table, matcher, rows=3) or _starts_with_figures(table))
        ):
            out[-1] = Sized.of(
                Table(cells=prev.cells + table.cells, page=prev.page, index=prev.index)
            )
            continue
        out.append(table)
    return out


def _starts_with_figures(table: Table) -> bool:
    """One of its first two rows (the first may be the tail of a label cut by the page
    break) is a row of figures, not a header: most of its cells beyond the first two are
    numbers (indicators down the rows, continued on the next page)."""
    for r in range(min(2, table.n_rows)):
        texts = [table.text(r, c).strip() for c in range(2, table.n_cols)]
        texts = [t for t in texts if t]
        numbers = [t for t in texts if parse_text(t).clean and parse_text(t).value is not None]
        if texts:
            return len(texts) >= 2 and len(numbers) * 2 > len(texts)
    return False


def _names_indicators(
    table: Table, matcher: IndicatorMatcher, rows: int = HEADER_SEARCH_ROWS
) -> bool:
    return any(
        matcher.match(table.text(r, c)).indicator
        for r in range(min(rows, table.n_rows))
        for c in range(table.n_cols)
    )
