"""One table -> the figures it holds, whatever its layout.

Two layouts are recognised from where indicator names sit:

* across: indicators are column headers (one- or two-row headers, spanning group cells,
  role sub-columns "Chỉ tiêu giao / Kết quả / Tỷ lệ"), one row per unit or one result row;
* down: indicators are row labels ("Nội dung" column) and the result is a column.

The output is `Figure`s (unit may be None: the document's own unit) plus total checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chitieu.plan import Period, Unit
from chitieu.record import Role
from extract.document import Cell, Table
from extract.figure import Figure, TableReading
from extract.grid import Sized, cell_at, is_origin
from extract.headers import IndicatorMatcher, Match
from extract.legend import Legend
from extract.roles import Candidate, ColumnRole, Sense, pick, role_of, sense_of
from extract.text import fold
from extract.totals import check_parts, check_sub_rows, check_totals, sub_mark
from extract.units import UnitFinder
from extract.values import Parsed, is_numbering, parse_cell, parse_text

HEADER_SEARCH_ROWS = 15


@dataclass
class _Column:
    col: int
    match: Match | None
    role: ColumnRole | None
    senses: list[Sense] = field(default_factory=list)


@dataclass
class Context:
    """What is known of the document when one of its tables is read."""

    role: Role
    sender: Unit | None = None
    legend: Legend | None = None
    period: Period | None = None

    @property
    def want(self) -> ColumnRole:
        return ColumnRole.target if self.role == Role.target else ColumnRole.result

    @property
    def year(self) -> int | None:
        return self.period.end.year if self.period is not None else None


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
        readings.append(_read_across(table, matcher, finder, ctx, h0))
    if best_down >= best_across:
        label_col = max(down, key=lambda c: (len(down[c]), -c))
        readings.append(_read_down(table, matcher, ctx, label_col))
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
    f = fold(text)
    return f.startswith(("tong", "cong")) or f in ("toan quan", "toan huyen", "toan phuong")


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


def _classify(stack: list[str], matcher: IndicatorMatcher, year: int | None = None) -> _Column:
    senses: list[Sense] = []
    content: list[str] = []
    for text in stack:
        sense = sense_of(text, year)
        if sense.says_anything:
            senses.append(sense)
        elif not is_numbering(text):
            content.append(text)
    roles = [x.role for x in senses if x.role is not None]
    role = roles[-1] if roles else None
    if not content:
        return _Column(-1, None, role, senses)
    tries = [content[-1]]
    if len(content) > 1:
        tries.append(" ".join(content))
        tries.extend(reversed(content[:-1]))
    found: Match | None = None
    for t in tries:
        m = matcher.match(t)
        if m.rate:
            return _Column(-1, None, ColumnRole.rate, senses)
        if m.indicator and not m.ambiguous:
            found = m
            break
        if m.indicator and found is None:
            found = m
    if found is not None and ColumnRole.total in roles:
        # "Tổng số" under an indicator: the indicator's own count
        senses = [x for x in senses if x.role != ColumnRole.total]
        roles = [x.role for x in senses if x.role is not None]
        role = roles[-1] if roles else None
    return _Column(-1, found, role, senses)


def _row_is_header(
    table: Table, r: int, matcher: IndicatorMatcher, year: int | None = None
) -> bool:
    for c in range(table.n_cols):
        cell = cell_at(table, r, c)
        if cell is None or not cell.text.strip():
            continue
        if r > 0 and cell_at(table, r - 1, c) is cell:
            continue
        t = cell.text.strip()
        if is_numbering(t) or sense_of(t, year).says_anything or matcher.match(t).indicator:
            continue
        return False
    return True


def _preferred(
    columns: list[_Column], ctx: Context
) -> tuple[dict[str, _Column], dict[str, str], dict[str, list[_Column]], dict[str, list[_Column]]]:
    """The value column of each indicator, a note where the choice is uncertain, and
    the equally good columns of each uncertain choice."""
    by_ind: dict[str, list[_Column]] = {}
    for col in columns:
        if col.match and col.match.indicator:
            by_ind.setdefault(col.match.indicator, []).append(col)
    chosen: dict[str, _Column] = {}
    notes: dict[str, str] = {}
    ties: dict[str, list[_Column]] = {}
    viable: dict[str, list[_Column]] = {}
    for ind, cols in by_ind.items():
        got = pick([Candidate(i, c.senses) for i, c in enumerate(cols)], ctx.want, ctx.period)
        if got.index is None:
            continue
        chosen[ind] = cols[got.index]
        if got.note:
            notes[ind] = got.note
        if got.rivals:
            ties[ind] = [cols[i] for i in got.rivals]
        viable[ind] = [cols[i] for i in got.viable]
    return chosen, notes, ties, viable


def _measure(matcher: IndicatorMatcher, indicator: str) -> str | None:
    ind = matcher.plan.indicator_by_id.get(indicator)
    return ind.measure if ind is not None else None


def _match_note(m: Match | None, matcher: IndicatorMatcher) -> list[str]:
    if m is None or not m.ambiguous:
        return []
    names = ", ".join(m.ambiguous_with)
    return [f"tiêu đề cột không rõ ràng: có thể là {m.indicator} hoặc {names}"]


# --------------------------------------------------------------------------------------
# across: indicators in column headers


def _read_across(
    table: Table, matcher: IndicatorMatcher, finder: UnitFinder, ctx: Context, h0: int
) -> TableReading:
    sender, legend = ctx.sender, ctx.legend
    start = h0
    while start > 0 and any(
        role_of(table.text(start - 1, c)) in (ColumnRole.target, ColumnRole.result)
        for c in range(table.n_cols)
    ):
        start -= 1
    d0 = h0 + 1
    while d0 < table.n_rows and d0 <= h0 + 4 and _row_is_header(table, d0, matcher, ctx.year):
        d0 += 1
    band = range(start, d0)
    columns: list[_Column] = []
    for c in range(table.n_cols):
        col = _classify(_stack(table, band, c), matcher, ctx.year)
        col.col = c
        columns.append(col)
    chosen, col_notes, ties, viable = _preferred(columns, ctx)
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
    if multi:  # "- Nữ" under a unit's row: a part of it, neither a unit nor a result
        rows = [x for x in rows if x[2] or x[3] or sub_mark(x[1]) in (None, "trong do")]
        data = [x for x in rows if not x[3]]
    extra: list[str] = []
    if multi:
        data_rows = data
        for ind, rivals in ties.items():
            better = _by_targets(
                [
                    (c.col, [(u, ind, cell_at(table, r, c.col)) for r, _, u, _ in data])
                    for c in rivals
                ],
                matcher,
                ctx,
            )
            if better is not None:
                chosen[ind] = next(c for c in rivals if c.col == better[0])
                if better[1]:
                    del col_notes[ind]
    else:
        # one unit: the row whose label says it holds the result for the period ("Kết
        # quả", "Thực hiện năm 2022", "Lũy kế"), or the target for an annex; never a
        # row of targets, rates, comparisons or last year's figures for a result
        data = [x for x in rows if not x[3]] + [x for x in rows if x[3]]
        cands = [
            Candidate(i, [x for x in (sense_of(x[1], ctx.year),) if x.says_anything])
            for i, x in enumerate(data)
        ]
        got = pick(cands, ctx.want, ctx.period)
        data_rows = [data[got.index]] if got.index is not None else []
        split_rows = _gender_rows(data) if got.index is None else []
        if got.note and not got.rivals:
            extra = [got.note]
        elif got.note:
            better = _by_targets(
                [
                    (
                        i,
                        [
                            (sender, ind, cell_at(table, data[i][0], c.col))
                            for ind, c in chosen.items()
                        ],
                    )
                    for i in got.rivals
                ],
                matcher,
                ctx,
            )
            if better is not None:
                data_rows = [data[better[0]]]
            if better is None or not better[1]:
                extra = [
                    "bảng có nhiều dòng số liệu; không rõ dòng nào là kết quả, đã lấy dòng đầu"
                ]
        if data_rows and not extra:
            row_cells = [
                (i, [(sender, ind, cell_at(table, data[i][0], c.col)) for ind, c in chosen.items()])
                for i in got.viable
            ]
            if _target_copy(data.index(data_rows[0]), row_cells, matcher, ctx):
                extra = [COPIES_TARGETS]
    for ind, col in chosen.items():  # per indicator: its value column against the others
        if ind in col_notes:
            continue
        col_cells = [
            (c.col, [(u or sender, ind, cell_at(table, r, c.col)) for r, _, u, _ in data_rows])
            for c in viable.get(ind, [])
        ]
        if _target_copy(col.col, col_cells, matcher, ctx):
            col_notes[ind] = COPIES_TARGETS

    sums = _split_only(columns, chosen)
    reading.indicators_seen |= set(sums)
    if not multi and split_rows:  # "Nam" and "Nữ" rows, no total row: their sum
        for ind, col in chosen.items():
            part = _Column(col.col, col.match, None)
            cells = [(r, part) for r, *_ in split_rows]
            _add_sum(
                reading,
                table,
                cells[0][0],
                ind,
                [part],
                sender,
                matcher,
                legend,
                extra,
                rows=[r for r, _ in cells],
            )
    for r, label, unit, _ in data_rows:
        for ind, parts in sums.items():
            if not (multi and unit is None):
                _add_sum(reading, table, r, ind, parts, unit, matcher, legend, extra)
        if multi and unit is None:
            has_values = any(table.text(r, col.col).strip() for col in chosen.values())
            if label and has_values:  # a note under the table ("Lưu ý: ...") is not a unit
                reading.unknown_units.append(label)
            continue
        for ind, col in chosen.items():
            cell = cell_at(table, r, col.col)
            if cell is None:
                continue
            parsed = parse_cell(cell, legend, _measure(matcher, ind))
            if parsed.blank:
                continue
            notes = _match_note(col.match, matcher) + extra
            if ind in col_notes:
                notes.append(col_notes[ind])
            if parsed.why:
                notes.append(parsed.why)
            reading.figures.append(Figure(ind, parsed, cell.where, unit, col.match, notes, row=r))

    check_totals(
        table, rows, {ind: col.col for ind, col in chosen.items()}, total_cols, reading, legend
    )
    check_parts(table, rows, columns, chosen, reading, legend)
    return reading


Cells = list[tuple[Unit | None, str, Cell | None]]  # (unit, indicator, cell) of a candidate
COPIES_TARGETS = "các số được chọn trùng hệt chỉ tiêu giao, trong khi bảng còn số khác"


def _split_only(columns: list[_Column], chosen: dict[str, _Column]) -> dict[str, list[_Column]]:
    """Indicators given only as "Nam / Nữ" sub-columns, without a total: their parts."""
    out: dict[str, list[_Column]] = {}
    for col in columns:
        ind = col.match.indicator if col.match else None
        if ind and ind not in chosen and col.role == ColumnRole.part:
            out.setdefault(ind, []).append(col)
    return {
        ind: parts
        for ind, parts in out.items()
        if sorted(_gender(p) for p in parts) == ["nam", "nu"]
    }


def _gender_rows(
    data: list[tuple[int, str, Unit | None, bool]],
) -> list[tuple[int, str, Unit | None, bool]]:
    """The two rows of a one-unit table that split its figures into Nam and Nữ, if that
    is all the table holds."""
    genders = {}
    for x in data:
        sense = sense_of(x[1])
        words = sense.phrase.split() if sense.role == ColumnRole.part else []
        if words and words[-1] in ("nam", "nu"):
            genders.setdefault(words[-1], x)
    return [genders["nam"], genders["nu"]] if len(genders) == 2 else []


def _gender(col: _Column) -> str:
    phrases = [s.phrase for s in col.senses if s.role == ColumnRole.part]
    last = phrases[-1].split()[-1] if phrases else ""
    return last if last in ("nam", "nu") else ""


def _add_sum(
    reading: TableReading,
    table: Table,
    r: int,
    ind: str,
    parts: list[_Column],
    unit: Unit | None,
    matcher: IndicatorMatcher,
    legend: Legend | None,
    extra: list[str],
    rows: list[int] | None = None,
) -> None:
    """The count of an indicator given as Nam + Nữ: the sum of its two clean parts
    (two columns of row `r`, or one column over two `rows`)."""
    at = [(row, p.col) for row in rows for p in parts] if rows else [(r, p.col) for p in parts]
    cells = [c for c in (cell_at(table, a, b) for a, b in at) if c is not None]
    parsed = [parse_cell(c, legend, _measure(matcher, ind)) for c in cells]
    if not cells or all(p.blank for p in parsed):
        return
    values = [p.value for p in parsed if p.value is not None]
    notes = list(extra) + [p.why for p in parsed if p.why]
    clean = all(p.clean and p.value is not None for p in parsed)
    if not clean and not notes:
        notes.append("thiếu một trong hai số Nam, Nữ")
    value = Parsed(sum(values), clean, 1.0 if clean else 0.4)
    reading.figures.append(Figure(ind, value, cells[0].where, unit, parts[0].match, notes, row=r))


def _copies_targets(cells: Cells, matcher: IndicatorMatcher, ctx: Context) -> tuple[bool, bool]:
    """(every figure equals its unit's target, and two or more do, one not zero)."""
    plan = matcher.plan
    key = ctx.period.key if ctx.period is not None else None
    pairs: list[tuple[int, float | int]] = []
    for unit, ind, cell in cells:
        if cell is None or unit is None:
            continue
        value = parse_cell(cell, ctx.legend).value
        target = plan.target(unit.id, ind, key)
        if value is None or target is None:
            return False, False
        pairs.append((value, target))
    same = bool(pairs) and all(v == t for v, t in pairs)
    return same, same and len(pairs) >= 2 and any(t for _, t in pairs)


def _by_targets(
    cands: list[tuple[int, Cells]], matcher: IndicatorMatcher, ctx: Context
) -> tuple[int, bool] | None:
    """Among equally worded candidates, the one that is not a copy of the plan's targets
    (a column or row equal to this unit's assigned targets is the target), and whether
    the evidence is strong enough to need no review."""
    targets_like: list[int] = []
    others: list[int] = []
    strong = True
    for index, cells in cands:
        same, sure = _copies_targets(cells, matcher, ctx)
        if same:
            targets_like.append(index)
            strong = strong and sure
        else:
            others.append(index)
    if len(others) == 1 and targets_like:
        return others[0], strong
    return None


def _target_copy(
    chosen: int, cands: list[tuple[int, Cells]], matcher: IndicatorMatcher, ctx: Context
) -> bool:
    """True when the read figures copy the targets while another candidate holds other
    figures: the words may have misled us (a target column labelled as the result)."""
    if ctx.role != Role.result:
        return False
    by_index = dict(cands)
    if chosen not in by_index or not _copies_targets(by_index[chosen], matcher, ctx)[0]:
        return False
    return any(
        i != chosen
        and not _copies_targets(c, matcher, ctx)[0]
        and any(x is not None and parse_cell(x, ctx.legend).value is not None for *_, x in c)
        for i, c in cands
    )


# --------------------------------------------------------------------------------------
# down: indicators as row labels


def _read_down(
    table: Table, matcher: IndicatorMatcher, ctx: Context, label_col: int
) -> TableReading:
    legend = ctx.legend
    first = next(
        r
        for r in range(table.n_rows)
        if is_origin(table, r, label_col) and matcher.match(table.text(r, label_col)).indicator
    )
    columns: list[Candidate] = []
    for c in range(table.n_cols):
        if c == label_col:
            continue
        stack = _stack(table, range(0, first), c)
        senses = [x for x in (sense_of(t, ctx.year) for t in stack) if x.says_anything]
        columns.append(Candidate(c, senses))
    # a column is a candidate if it is worded as one, or unworded and holding numbers
    cands = [
        c
        for c in columns
        if c.senses
        or any(
            parse_text(table.text(r, c.index)).value is not None for r in range(first, table.n_rows)
        )
    ]
    got = pick(cands, ctx.want, ctx.period)
    if got.index is None:
        return TableReading()
    value_col = got.index
    note: list[str] = [got.note] if got.note and not got.rivals else []
    ind_rows = [
        (r, m)
        for r in range(first, table.n_rows)
        if is_origin(table, r, label_col)
        and (m := matcher.match(table.text(r, label_col))).indicator
    ]
    if got.rivals:
        better = _by_targets(
            [
                (
                    c,
                    [(ctx.sender, m.indicator or "", cell_at(table, r, c)) for r, m in ind_rows],
                )
                for c in got.rivals
            ],
            matcher,
            ctx,
        )
        if better is not None:
            value_col = better[0]
        if better is None or not better[1]:
            note.append("không rõ cột nào là kết quả; đã lấy cột số đầu tiên")
    if not note:
        col_cells = [
            (c, [(ctx.sender, m.indicator or "", cell_at(table, r, c)) for r, m in ind_rows])
            for c in got.viable
        ]
        if _target_copy(value_col, col_cells, matcher, ctx):
            note.append(COPIES_TARGETS)
    reading = TableReading()
    for r, m in ind_rows:
        assert m.indicator is not None
        cell = cell_at(table, r, value_col)
        if cell is None:
            continue
        parsed = parse_cell(cell, legend, _measure(matcher, m.indicator))
        reading.indicators_seen.add(m.indicator)
        if parsed.blank:
            continue
        notes = _match_note(m, matcher) + note + ([parsed.why] if parsed.why else [])
        reading.figures.append(Figure(m.indicator, parsed, cell.where, None, m, notes, row=r))
    check_sub_rows(table, label_col, value_col, ind_rows, reading, legend)
    return reading
