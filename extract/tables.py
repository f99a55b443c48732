"""One table -> the figures it holds, whatever its layout.

Two layouts are recognised from where indicator names sit:

* across: indicators are column headers (one- or two-row headers, spanning group cells,
  role sub-columns "Chỉ tiêu giao / Kết quả / Tỷ lệ"), one row per unit or one result row;
* down: indicators are row labels ("Nội dung" column) and the result is a column.

The output is `Figure`s (unit may be None: the document's own unit) plus total checks.
"""

from __future__ import annotations

from dataclasses import dataclass

from chitieu.plan import Unit
from chitieu.record import Role
from extract.document import Table
from extract.figure import Figure, TableReading
from extract.grid import Sized, cell_at, is_origin
from extract.headers import ColumnRole, IndicatorMatcher, Match, role_of
from extract.totals import check_totals
from extract.unit_columns import is_total, read_unit_columns
from extract.units import UnitFinder
from extract.values import is_numbering, parse_cell, parse_text

HEADER_SEARCH_ROWS = 15


@dataclass
class _Column:
    col: int
    match: Match | None
    role: ColumnRole | None


def read_table(
    table: Table,
    matcher: IndicatorMatcher,
    finder: UnitFinder,
    role: Role,
    sender: Unit | None = None,
) -> TableReading:
    """Figures of one table; an empty reading when no plan indicator appears in it."""
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
        readings.append(_read_across(table, matcher, finder, role, h0, sender))
    if best_down >= best_across:
        label_col = max(down, key=lambda c: (len(down[c]), -c))
        by_unit = read_unit_columns(table, matcher, finder, label_col, sender, role)
        if by_unit is not None:
            return by_unit
        readings.append(_read_down(table, matcher, role, label_col))
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
            and not _names_indicators(table, matcher, rows=3)
        ):
            out[-1] = Sized.of(
                Table(cells=prev.cells + table.cells, page=prev.page, index=prev.index)
            )
            continue
        out.append(table)
    return out


def _names_indicators(
    table: Table, matcher: IndicatorMatcher, rows: int = HEADER_SEARCH_ROWS
) -> bool:
    return any(
        matcher.match(table.text(r, c)).indicator
        for r in range(min(rows, table.n_rows))
        for c in range(table.n_cols)
    )


# --------------------------------------------------------------------------------------
# helpers


def _is_total_label(text: str) -> bool:
    """ "Tổng cộng", "Cộng", "Toàn quận"; never a unit such as "Công an tỉnh"."""
    return is_total(text)


def _stack(table: Table, rows: range, c: int) -> list[str]:
    """Distinct header texts above a column, top to bottom."""
    seen: list[int] = []
    out: list[str] = []
    for r in rows:
        cell = cell_at(table, r, c)
        if cell is None or id(cell) in seen or not cell.text.strip():
            continue
        seen.append(id(cell))
        out.append(cell.text.strip())
    return out


def _classify(stack: list[str], matcher: IndicatorMatcher) -> _Column:
    role: ColumnRole | None = None
    content: list[str] = []
    for text in stack:
        r = role_of(text)
        if r is not None:
            role = r
        elif not is_numbering(text):
            content.append(text)
    if not content:
        return _Column(-1, None, role)
    tries = [content[-1]]
    if len(content) > 1:
        tries.append(" ".join(content))
        tries.extend(reversed(content[:-1]))
    found: Match | None = None
    for t in tries:
        m = matcher.match(t)
        if m.rate:
            return _Column(-1, None, ColumnRole.rate)
        if m.indicator and not m.ambiguous:
            found = m
            break
        if m.indicator and found is None:
            found = m
    if role == ColumnRole.total and found is not None:
        role = None  # "Tổng số" under an indicator: the indicator's own count
    return _Column(-1, found, role)


def _row_is_header(table: Table, r: int, matcher: IndicatorMatcher) -> bool:
    for c in range(table.n_cols):
        cell = cell_at(table, r, c)
        if cell is None or not cell.text.strip():
            continue
        if r > 0 and cell_at(table, r - 1, c) is cell:
            continue
        t = cell.text.strip()
        if is_numbering(t) or role_of(t) is not None or matcher.match(t).indicator:
            continue
        return False
    return True


def _preferred(columns: list[_Column], role: Role) -> tuple[dict[str, _Column], dict[str, str]]:
    """The value column of each indicator, and a note where the choice is uncertain."""
    want = ColumnRole.target if role == Role.target else ColumnRole.result
    by_ind: dict[str, list[_Column]] = {}
    for col in columns:
        if col.match and col.match.indicator:
            by_ind.setdefault(col.match.indicator, []).append(col)
    chosen: dict[str, _Column] = {}
    notes: dict[str, str] = {}
    for ind, cols in by_ind.items():
        exact = [c for c in cols if c.role == want]
        plain = [c for c in cols if c.role is None]
        pick = exact or plain
        if not pick:
            continue
        chosen[ind] = pick[0]
        if len(pick) > 1:
            notes[ind] = "có nhiều cột cùng ứng với chỉ tiêu này; đã lấy cột đầu tiên"
    return chosen, notes


def _match_note(m: Match | None, matcher: IndicatorMatcher) -> list[str]:
    if m is None or not m.ambiguous:
        return []
    names = ", ".join(m.ambiguous_with)
    return [f"tiêu đề cột không rõ ràng: có thể là {m.indicator} hoặc {names}"]


# --------------------------------------------------------------------------------------
# across: indicators in column headers


def _read_across(
    table: Table,
    matcher: IndicatorMatcher,
    finder: UnitFinder,
    role: Role,
    h0: int,
    sender: Unit | None,
) -> TableReading:
    start = h0
    while start > 0 and any(
        role_of(table.text(start - 1, c)) in (ColumnRole.target, ColumnRole.result)
        for c in range(table.n_cols)
    ):
        start -= 1
    d0 = h0 + 1
    while d0 < table.n_rows and d0 <= h0 + 4 and _row_is_header(table, d0, matcher):
        d0 += 1
    band = range(start, d0)
    columns: list[_Column] = []
    for c in range(table.n_cols):
        col = _classify(_stack(table, band, c), matcher)
        col.col = c
        columns.append(col)
    chosen, col_notes = _preferred(columns, role)
    value_cols = {col.col for col in chosen.values()}
    label_cols = [
        col.col
        for col in columns
        if col.col not in value_cols and col.match is None and col.role in (None, ColumnRole.label)
    ]
    total_cols = [col.col for col in columns if col.role == ColumnRole.total and col.match is None]
    reading = TableReading(indicators_seen=set(chosen))

    # data rows: (row, label, unit, is_total)
    rows: list[tuple[int, str, Unit | None, bool]] = []
    for r in range(d0, table.n_rows):
        texts = [table.text(r, c).strip() for c in label_cols if c not in total_cols]
        words = [t for t in texts if t and not parse_text(t).clean and not is_numbering(t)]
        label = " ".join(dict.fromkeys(words))
        values_present = any(table.text(r, col.col).strip() for col in chosen.values())
        if not label and not values_present:
            continue
        if all(
            is_numbering(table.text(r, c)) or not table.text(r, c).strip()
            for c in range(table.n_cols)
        ):
            continue
        total = _is_total_label(label)
        unit = finder.by_name(label, sender) if label and not total else None
        rows.append((r, label, unit, total))
    data = [x for x in rows if not x[3]]
    multi = len(data) >= 2 and any(u is not None for _, _, u, _ in data)
    extra: list[str] = []
    if multi:
        data_rows = data
    else:
        # one unit: the row labelled with the wanted role ("Kết quả", or "Chỉ tiêu giao"
        # for an annex), else an unlabelled one; never a row of targets for a result
        want = ColumnRole.target if role == Role.target else ColumnRole.result
        exact = [x for x in data if role_of(x[1]) == want]
        plain = [x for x in data if role_of(x[1]) in (None, ColumnRole.label)]
        pick = exact or plain
        data_rows = pick[:1]
        if len(pick) > 1:
            extra = ["bảng có nhiều dòng số liệu; đã lấy dòng đầu tiên"]

    for r, label, unit, _ in data_rows:
        if multi and unit is None:
            has_values = any(table.text(r, col.col).strip() for col in chosen.values())
            if label and has_values:  # a note under the table ("Lưu ý: ...") is not a unit
                reading.unknown_units.append(label)
            continue
        for ind, col in chosen.items():
            cell = cell_at(table, r, col.col)
            if cell is None:
                continue
            parsed = parse_cell(cell)
            if parsed.blank:
                continue
            notes = _match_note(col.match, matcher) + extra + finder.guess_note(label)
            if ind in col_notes:
                notes.append(col_notes[ind])
            if parsed.why:
                notes.append(parsed.why)
            reading.figures.append(Figure(ind, parsed, cell.where, unit, col.match, notes, row=r))

    check_totals(table, rows, {ind: col.col for ind, col in chosen.items()}, total_cols, reading)
    return reading


# --------------------------------------------------------------------------------------
# down: indicators as row labels


def _read_down(table: Table, matcher: IndicatorMatcher, role: Role, label_col: int) -> TableReading:
    first = next(
        r
        for r in range(table.n_rows)
        if is_origin(table, r, label_col) and matcher.match(table.text(r, label_col)).indicator
    )
    columns: list[_Column] = []
    for c in range(table.n_cols):
        if c == label_col:
            continue
        stack = _stack(table, range(0, first), c)
        roles = [role_of(t) for t in stack]
        known = [x for x in roles if x is not None]
        columns.append(_Column(c, None, known[-1] if known else None))
    want = ColumnRole.target if role == Role.target else ColumnRole.result
    exact = [c for c in columns if c.role == want]
    note: list[str] = []
    if exact:
        value_col = exact[0].col
    else:
        plain = [
            c
            for c in columns
            if c.role is None
            and any(
                parse_text(table.text(r, c.col)).value is not None
                for r in range(first, table.n_rows)
            )
        ]
        if not plain:
            return TableReading()
        value_col = plain[0].col
        if len(plain) > 1:
            note.append("không rõ cột nào là kết quả; đã lấy cột số đầu tiên")
    reading = TableReading()
    for r in range(first, table.n_rows):
        if not is_origin(table, r, label_col):
            continue
        m = matcher.match(table.text(r, label_col))
        if not m.indicator:
            continue
        cell = cell_at(table, r, value_col)
        if cell is None:
            continue
        parsed = parse_cell(cell)
        reading.indicators_seen.add(m.indicator)
        if parsed.blank:
            continue
        notes = _match_note(m, matcher) + note + ([parsed.why] if parsed.why else [])
        reading.figures.append(Figure(m.indicator, parsed, cell.where, None, m, notes, row=r))
    return reading
