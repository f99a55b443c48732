"""A table whose indicators are row labels ("Nội dung" column) and whose figures sit in
columns by role and period ("KH / TH", "Năm 2025 / Năm 2026", "Trong kỳ / Lũy kế")."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from itertools import pairwise

from extract.columns import Context, children, match_note, measure_of, stack_above
from extract.document import Table
from extract.figure import Figure, TableReading
from extract.grid import cell_at, is_origin, starts_row
from extract.headers import IndicatorMatcher, Match
from extract.roles import Candidate, ColumnRole, candidate_roles, pick, sense_of
from extract.target_signal import COPIES_TARGETS, by_targets, target_copy
from extract.totals import check_columns, check_sub_rows
from extract.values import parse_cell, parse_text

NUMBERING_HEADERS = {"TT", "STT", "TT.", "STT."}  # the row numbers' column header
UNWORDED_BESIDE_NUMBERING = (
    "tiêu đề cột kết quả không đọc được; đã bỏ qua cột số thứ tự, cần kiểm tra lại cột đã lấy"
)
LEFT_OF_LABELS = (
    "cột số không có tiêu đề nằm trước cột nội dung (chỗ của số thứ tự), cần kiểm tra lại"
)


def read_down(
    table: Table, matcher: IndicatorMatcher, ctx: Context, label_col: int
) -> TableReading:
    legend = ctx.legend
    first = next(
        r
        for r in range(table.n_rows)
        if _labels_row(table, r, label_col) and matcher.match(table.text(r, label_col)).indicator
    )
    columns: list[Candidate] = []
    for c in range(table.n_cols):
        if c == label_col:
            continue
        stack = stack_above(table, range(0, first), c)
        senses = [x for x in (sense_of(t, ctx.year) for t in stack) if x.says_anything]
        if not senses and len(stack) > 1:
            # one header cut over rows where the rules were lost: "Kết" / "quả thực hiện"
            joined = sense_of(" ".join(stack), ctx.year)
            senses = [joined] if joined.says_anything else []
        columns.append(Candidate(c, senses))
    # a column is a candidate if it is worded as one, or unworded and holding numbers
    # a candidate holds numbers; a worded column without any is one only if none has
    numeric = [
        c
        for c in columns
        if any(
            parse_text(table.text(r, c.index)).value is not None for r in range(first, table.n_rows)
        )
    ]
    # a TT/STT column whose header OCR lost is row numbers, never figures
    kept = [
        c
        for c in numeric
        if ctx.want in candidate_roles(c) or not _is_numbering_column(table, c.index, first)
    ]
    dropped_numbering = any(not c.senses for c in numeric if c not in kept)
    numeric = kept
    worded = [c for c in columns if c.senses]
    got = pick(numeric or worded, ctx.want, ctx.period)
    if got.index is None and numeric:  # e.g. a blank result column beside the targets
        got = pick(worded, ctx.want, ctx.period)
    if got.index is None:
        return TableReading()
    value_col = got.index
    note: list[str] = [got.note] if got.note and not got.rivals else []
    chosen = next(c for c in columns if c.index == value_col)
    if dropped_numbering and ctx.want not in candidate_roles(chosen):
        # the result column is not worded as one: a figure column that only looks like
        # row numbers may be it, so a person decides
        note.append(UNWORDED_BESIDE_NUMBERING)
    ind_rows = [
        (r, m)
        for r in range(first, table.n_rows)
        if _labels_row(table, r, label_col)
        and cell_at(table, r, value_col) is not cell_at(table, r, label_col)
        and (m := matcher.match(table.text(r, label_col))).indicator
    ]
    ind_rows = _rivals_named_elsewhere(ind_rows)
    if got.rivals:
        better = by_targets(
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
    if value_col < label_col and not next(c for c in columns if c.index == value_col).senses:
        # An unworded column before the labels stands where the row numbers do: a table's
        # part alone on a page (its header and numbering run on the page before, or not
        # read) has its one "17" there while the figure under a seal went unread.
        note.append(LEFT_OF_LABELS)
    if not note:
        col_cells = [
            (c, [(ctx.sender, m.indicator or "", cell_at(table, r, c)) for r, m in ind_rows])
            for c in got.viable
        ]
        if target_copy(value_col, col_cells, matcher, ctx):
            note.append(COPIES_TARGETS)
    reading = TableReading()
    for r, m in ind_rows:
        assert m.indicator is not None
        cell = cell_at(table, r, value_col)
        if cell is None:
            continue
        parsed = parse_cell(cell, legend, measure_of(matcher, m.indicator))
        reading.indicators_seen.add(m.indicator)
        if parsed.blank:
            continue
        notes = match_note(m, matcher) + note + ([parsed.why] if parsed.why else [])
        reading.figures.append(Figure(m.indicator, parsed, cell.where, None, m, notes, row=r))
    check_sub_rows(table, label_col, value_col, ind_rows, reading, legend, children(matcher))
    parts = [c.index for c in columns if _gender(c) and c.index != value_col]
    if len(parts) == 2 and {_gender(c) for c in columns if c.index in parts} == {"nam", "nu"}:
        labels = [(r, table.text(r, label_col).strip(), None, False) for r, _ in ind_rows]
        check_columns(table, labels, value_col, parts, reading, legend)
    return reading


def _rivals_named_elsewhere(ind_rows: list[tuple[int, Match]]) -> list[tuple[int, Match]]:
    """The rows' matches, a label that resembles two indicators settled where every
    rival is named plainly by another row and its own indicator by none: each indicator
    is one row of a return ("Cai nghiện tự nguyệ „TT nsuyện" beside the row "Lập hồ sơ
    đưa CNBB" is not "Cai nghiện bắt buộc")."""
    plain = Counter(m.indicator for _r, m in ind_rows if not m.ambiguous)
    return [
        (r, replace(m, ambiguous_with=()))
        if m.ambiguous
        and not plain[m.indicator]
        and all(plain[rival] for rival in m.ambiguous_with)
        else (r, m)
        for r, m in ind_rows
    ]


def _labels_row(table: Table, r: int, label_col: int) -> bool:
    """Whether row r's label starts in the label column, or reaches it merged with the
    row's number (`grid.starts_row`) with a figure beside it: a sheet's letterhead merged
    over the first columns ("TRA TỘI PHẠM VỀ MA TÚY") has none. A scan's figure is its
    digits re-read as well as its text ("l5" read "15")."""
    if is_origin(table, r, label_col):
        return True
    label = cell_at(table, r, label_col)
    beside = [cell_at(table, r, c) for c in range(label_col + 1, table.n_cols)]
    return starts_row(table, r, label_col) and any(
        cell is not None
        and cell is not label
        and (
            parse_text(cell.text).value is not None or any(ch.isdigit() for ch in cell.digits or "")
        )
        for cell in beside
    )


def _gender(cand: Candidate) -> str:
    """ "nam" or "nu" for a Nam / Nữ column, else ""."""
    phrases = [s.phrase for s in cand.senses if s.role == ColumnRole.part]
    last = phrases[-1].split()[-1] if phrases else ""
    return last if last in ("nam", "nu") else ""


def _is_numbering_column(table: Table, c: int, first: int) -> bool:
    """Row numbers: whole numbers 1, 2, 3... each one more than the last or starting
    again at 1 (sub-items), at least three of them, nothing else but blanks and
    Roman group numbers. A table's part on a later page runs on from the page before
    ("6", "7", ... "12"), without starting again; its header may stand merged with the
    first row where the rule between them was lost ("TT 6"). A scan's row number is its
    re-read digits (the page OCR read "1" for "11", or nothing for a lone "7")."""
    seq: list[int] = []
    for r in range(first, table.n_rows):
        cell = cell_at(table, r, c)
        digits = cell.digits if cell is not None else None
        text = digits if digits and digits.isdigit() else table.text(r, c).strip().rstrip(".")
        words = text.split()
        if len(words) == 2 and words[0].upper() in NUMBERING_HEADERS:
            text = words[1]  # "TT 6": the header merged with the first row's number
        if not text or set(text.upper()) <= set("IVX"):
            continue
        if not text.isdigit():
            return False
        seq.append(int(text))
    if len(seq) < 3:
        return False
    if seq[0] != 1:  # runs on from the page before
        return all(b == a + 1 for a, b in pairwise(seq))
    return all(b == a + 1 or b == 1 for a, b in pairwise(seq))
