"""A table whose indicators are column headers: one row per unit, or one unit with rows
by role ("Kế hoạch / Thực hiện / So sánh") or by part ("Tổng số / Nam / Nữ")."""

from __future__ import annotations

from chitieu.plan_parts import Unit
from extract.columns import (
    Column,
    Context,
    classify,
    is_total_label,
    match_note,
    measure_of,
    preferred,
    row_is_header,
    stack_above,
)
from extract.document import Table
from extract.figure import Figure, TableReading
from extract.grid import cell_at
from extract.headers import IndicatorMatcher
from extract.legend import Legend
from extract.roles import Candidate, ColumnRole, pick, role_of, sense_of
from extract.target_signal import COPIES_TARGETS, by_targets, target_copy
from extract.totals import check_groups, check_totals, sub_mark
from extract.units import UnitFinder
from extract.values import Parsed, is_numbering, parse_cell, parse_text


def read_across(
    table: Table, matcher: IndicatorMatcher, finder: UnitFinder, ctx: Context, h0: int
) -> TableReading:
    sender, legend = ctx.sender, ctx.legend
    start = h0
    while start > max(0, h0 - 3) and _heads_columns(table, start - 1, matcher):
        start -= 1
    d0 = h0 + 1
    while d0 < table.n_rows and d0 <= h0 + 4 and row_is_header(table, d0, matcher, ctx.year):
        d0 += 1
    band = range(start, d0)
    columns: list[Column] = []
    for c in range(table.n_cols):
        col = classify(stack_above(table, band, c), matcher, ctx.year)
        col.col = c
        columns.append(col)
    chosen, col_notes, ties, viable = preferred(columns, ctx)
    value_cols = {col.col for col in chosen.values()}
    label_cols = [
        col.col
        for col in columns
        if col.col not in value_cols
        and col.match is None
        and (col.role in (None, ColumnRole.label) or _words_below(table, col.col, d0))
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
        total = is_total_label(label)
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
            better = by_targets(
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
            better = by_targets(
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
            if target_copy(data.index(data_rows[0]), row_cells, matcher, ctx):
                extra = [COPIES_TARGETS]
    for ind, col in chosen.items():  # per indicator: its value column against the others
        if ind in col_notes:
            continue
        col_cells = [
            (c.col, [(u or sender, ind, cell_at(table, r, c.col)) for r, _, u, _ in data_rows])
            for c in viable.get(ind, [])
        ]
        if target_copy(col.col, col_cells, matcher, ctx):
            col_notes[ind] = COPIES_TARGETS

    sums = _split_only(columns, chosen)
    reading.indicators_seen |= set(sums)
    if not multi and split_rows:  # "Nam" and "Nữ" rows, no total row: their sum
        for ind, col in chosen.items():
            part = Column(col.col, col.match, None)
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
            parsed = parse_cell(cell, legend, measure_of(matcher, ind))
            if parsed.blank:
                continue
            notes = match_note(col.match, matcher) + extra + finder.guess_note(label)
            if ind in col_notes:
                notes.append(col_notes[ind])
            if parsed.why:
                notes.append(parsed.why)
            reading.figures.append(Figure(ind, parsed, cell.where, unit, col.match, notes, row=r))

    check_totals(
        table, rows, {ind: col.col for ind, col in chosen.items()}, total_cols, reading, legend
    )
    check_groups(table, band, rows, chosen, reading, legend)
    return reading


def _heads_columns(table: Table, r: int, matcher: IndicatorMatcher) -> bool:
    """A row above the header that belongs to it: a role word over the columns, or a
    group cell naming an indicator over some (not all) of them ("Cai nghiện ma túy" over
    "Tổng số / Tự nguyện / Bắt buộc"); a title across the whole table is not."""
    for c in range(table.n_cols):
        t = table.text(r, c).strip()
        if not t or (c > 0 and table.text(r, c - 1).strip() == t):
            continue
        if role_of(t) in (ColumnRole.target, ColumnRole.result):
            return True
        width = 1
        while c + width < table.n_cols and table.text(r, c + width).strip() == t:
            width += 1
        if 1 < width < table.n_cols and matcher.match(t).indicator:
            return True
    return False


def _words_below(table: Table, c: int, d0: int) -> bool:
    """A column of words under its header, whatever the header says ("Chỉ tiêu" over
    "Kế hoạch / Thực hiện / So sánh" labels the rows, it holds no target)."""
    texts = [table.text(r, c).strip() for r in range(d0, table.n_rows)]
    texts = [t for t in texts if t and not is_numbering(t)]
    words = [t for t in texts if not parse_text(t).clean]
    return len(words) >= 2 and len(words) * 2 > len(texts)


def _split_only(columns: list[Column], chosen: dict[str, Column]) -> dict[str, list[Column]]:
    """Indicators given only as "Nam / Nữ" sub-columns, without a total: their parts."""
    out: dict[str, list[Column]] = {}
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


def _gender(col: Column) -> str:
    phrases = [s.phrase for s in col.senses if s.role == ColumnRole.part]
    last = phrases[-1].split()[-1] if phrases else ""
    return last if last in ("nam", "nu") else ""


def _add_sum(
    reading: TableReading,
    table: Table,
    r: int,
    ind: str,
    parts: list[Column],
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
    parsed = [parse_cell(c, legend, measure_of(matcher, ind)) for c in cells]
    if not cells or all(p.blank for p in parsed):
        return
    values = [p.value for p in parsed if p.value is not None]
    notes = list(extra) + [p.why for p in parsed if p.why]
    clean = all(p.clean and p.value is not None for p in parsed)
    if not clean and not notes:
        notes.append("thiếu một trong hai số Nam, Nữ")
    value = Parsed(sum(values), clean, 1.0 if clean else 0.4)
    reading.figures.append(Figure(ind, value, cells[0].where, unit, parts[0].match, notes, row=r))
