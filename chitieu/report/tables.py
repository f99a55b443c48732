"""The báo cáo's tables: per unit, the targets and results in the portrait body (or, when
they do not fit, how many targets each unit met), and the landscape phụ lục with the
rates, packed into as many tables as the page needs.

Columns are as wide as their widest figure and header word, so that no figure breaks
over two lines; see `chitieu.report.document` for where each table goes.
"""

from __future__ import annotations

from collections.abc import Sequence

from chitieu.plan_parts import Indicator
from chitieu.reconcile import Row as RecRow
from chitieu.reconcile import Status
from chitieu.render import text
from chitieu.render.grid import fits_a_page, notes_height_pt, ruled_table, table_height_pt
from chitieu.render.official import Column, OfficialDoc, Row
from chitieu.report.view import Line, ReportView
from chitieu.vnformat import count, percent

BODY_TABLE_INDICATORS = 5  # indicators per table in the portrait body
ANNEX_TABLE_INDICATORS = 5  # and per table in the landscape phụ lục (3 columns each)


def _measure(ind: Indicator) -> str:
    if ind.is_rate:
        return " (%)"
    return f" ({ind.measure})" if ind.measure else ""


def _fig(ind: Indicator, value: float | int | None) -> str:
    if value is None:
        return "-"
    return percent(value) if ind.is_rate else count(value)


REVIEW_MARK = "(*)"
BODY_TEXT_MM = 165.0  # portrait text area: 210 − 30 − 15
BODY_FIXED_MM = 10.0 + 45.0  # TT and Đơn vị
BODY_PT = 12
BODY_HEAD_PT = 11  # the header may be set smaller (ND30 tables: 11–12 pt) to keep words whole


def _target_cell(ind: Indicator, r: RecRow | None) -> str:
    return "" if r is None else _fig(ind, r.target)


def _result_cell(ind: Indicator, r: RecRow | None) -> str:
    """The result as printed in the body table: "-" when not reported, a mark when the
    figure is under review (the legend under the table says what it means)."""
    if r is None:
        return ""
    if r.status == Status.chua_bao_cao and not r.rollup:
        return "-"
    out = _fig(ind, r.result)
    if r.status == Status.cho_xac_minh:
        out += f" {REVIEW_MARK}"
    return out


def _body_rows(view: ReportView, inds: list[Indicator]) -> list[Row]:
    rows = []
    for n, ln in enumerate(view.lines, start=1):
        cells = [str(n), ln.label]
        for i in inds:
            r = ln.rows.get(i.id)
            cells += [_target_cell(i, r), _result_cell(i, r)]
        rows.append(Row(cells))
    total = ["Tổng cộng"]  # spans TT and Đơn vị
    for i in inds:
        r = view.total.rows.get(i.id)
        total += [_target_cell(i, r), _result_cell(i, r)]
    rows.append(Row(total, bold=True, span=2))
    return rows


def _group(ind: Indicator) -> str:
    return ind.name + _measure(ind)


def _figures(row: Row, n_inds: int) -> list[str]:
    """The Chỉ tiêu / Kết quả cells of a row (the total row spans TT and Đơn vị)."""
    return list(row.cells[-2 * n_inds :]) if n_inds else []


# the sub-headers in words, or abbreviated (with a legend) when the words do not fit
BODY_HEADS = (("Chỉ tiêu", "Kết quả"), ("CT", "KQ"))
# a sub-year period measured by its lũy kế against the year's target
YEAR_BODY_HEADS = (("Chỉ tiêu năm", "Lũy kế"), ("CT năm", "LK"))


def body_heads(view: ReportView, inds: list[Indicator]) -> list[list[tuple[str, str]]]:
    """Per option (words, then abbreviations), each indicator's pair of sub-headers."""
    return [
        [(YEAR_BODY_HEADS if view.ind_on_year(i.id) else BODY_HEADS)[n] for i in inds]
        for n in range(2)
    ]


def _body_layout(
    rows: list[Row], groups: list[str], options: list[list[tuple[str, str]]]
) -> tuple[list[tuple[str, str]], list[float]] | None:
    """Sub-headers and widths: each Chỉ tiêu / Kết quả column as wide as its widest figure
    and header word, each pair as wide as the longest word of its indicator's header ("NĐ111/CP"
    unbroken), what is left shared out; None when even "CT"/"KQ" do not fit."""
    n_inds = len(groups)
    room = BODY_TEXT_MM - BODY_FIXED_MM
    for heads in options:
        needs = []
        for j in range(2 * n_inds):
            head = max(_cell_mm(w, BODY_HEAD_PT) for w in heads[j // 2][j % 2].split())
            figures = [
                _cell_mm(r_cells[j], BODY_PT) for r_cells in (_figures(r, n_inds) for r in rows)
            ]
            needs.append(max([head, *figures]))
        for k, group in enumerate(groups):
            word = max((_cell_mm(w, BODY_HEAD_PT) for w in group.split()), default=0.0)
            short = word - needs[2 * k] - needs[2 * k + 1]
            if short > 0:
                needs[2 * k] += short / 2
                needs[2 * k + 1] += short / 2
        if sum(needs) <= room:
            extra = (room - sum(needs)) / max(1, len(needs))
            return heads, [n + extra for n in needs]
    return None


def body_table_fits(view: ReportView) -> bool:
    """Whether the per-unit Chỉ tiêu / Kết quả table fits the portrait page."""
    inds = view.indicators
    if len(inds) > BODY_TABLE_INDICATORS:
        return False
    rows = _body_rows(view, inds)
    return _body_layout(rows, [_group(i) for i in inds], body_heads(view, inds)) is not None


def body_table(doc: OfficialDoc, view: ReportView, inds: list[Indicator]) -> None:
    """Per unit and indicator, the target and the result in columns of their own."""
    rows = _body_rows(view, inds)
    options = body_heads(view, inds)
    layout = _body_layout(rows, [_group(i) for i in inds], options)
    assert layout is not None  # callers check body_table_fits first
    heads, widths = layout
    cols = [Column("TT", 10), Column("Đơn vị", 45, align="left")]
    for k, ind in enumerate(inds):
        cols += [Column(h, widths[2 * k + j], group=_group(ind)) for j, h in enumerate(heads[k])]
    cells = [c for r in rows for c in _figures(r, len(inds))]
    legend = []
    if heads != options[0]:
        if BODY_HEADS[1] in heads:
            legend.append("CT: chỉ tiêu được giao; KQ: kết quả thực hiện")
        if YEAR_BODY_HEADS[1] in heads:
            legend.append("CT năm: chỉ tiêu được giao cả năm; LK: kết quả lũy kế từ đầu năm")
    if "-" in cells:
        legend.append("“-”: đơn vị chưa báo cáo")
    if any(c.endswith(REVIEW_MARK) for c in cells):
        legend.append(
            f"{REVIEW_MARK}: có số liệu đang chờ xác minh, chưa tính là hoàn thành chỉ tiêu"
        )
    notes = ["Ghi chú: " + "; ".join(legend) + "."] if legend else []
    ruled_table(doc.document, cols, rows, size=BODY_PT, header_size=BODY_HEAD_PT, notes=notes)


def status_table(doc: OfficialDoc, view: ReportView) -> None:
    """Per unit, how many of its targets are met, missed, under review, not reported."""
    cols = [Column("TT", 10), Column("Đơn vị", 45, align="left")]
    heads = ("Chỉ tiêu được giao", "Đạt, vượt", "Chưa đạt", "Chờ xác minh", "Chưa báo cáo")
    if view.all_on_year:  # lũy kế against the year's targets
        # a lũy kế missing an earlier return is counted with the returns not sent
        heads = ("Chỉ tiêu năm", "Lũy kế đạt, vượt", "Lũy kế chưa đạt", heads[3], "Thiếu báo cáo")
    cols += [Column(t, 22) for t in heads]

    def counts(ln: Line) -> list[int]:
        rows = [r for r in ln.rows.values() if r.target is not None]
        n = {s: sum(1 for r in rows if r.status == s and not r.gap) for s in Status}
        met = n[Status.dat] + n[Status.vuot]
        missing = n[Status.chua_bao_cao] + sum(1 for r in rows if r.gap)
        return [len(rows), met, n[Status.chua_dat], n[Status.cho_xac_minh], missing]

    each = [counts(ln) for ln in view.lines]
    rows = [
        Row([str(k), ln.label, *map(str, c)])
        for k, (ln, c) in enumerate(zip(view.lines, each, strict=True), start=1)
    ]
    # the total is the sum of the lines (targets of the units), as a Tổng cộng row must be
    rows.append(
        Row(["Tổng cộng", *(str(sum(col)) for col in zip(*each, strict=True))], bold=True, span=2)
    )
    doc.table(cols, rows, size=12)


ANNEX_HEADS = ("CT", "KQ", "Tỷ lệ")
# a sub-year period on the year's target; a month or a quarter also prints its own figure
YEAR_ANNEX_HEADS = ("CT năm", "Lũy kế", "Tỷ lệ")
OWN_ANNEX_HEADS = ("CT năm", "KQ kỳ", "Lũy kế", "Tỷ lệ")


def annex_heads(view: ReportView, ind: Indicator) -> tuple[str, ...]:
    """One indicator's sub-headers in the phụ lục."""
    if not view.ind_on_year(ind.id):
        return ANNEX_HEADS
    return OWN_ANNEX_HEADS if view.own_column else YEAR_ANNEX_HEADS


CELL_SLACK_MM = 0.5  # added to a cell's measured width
ANNEX_FIXED_MM = 10 + 42 + 30  # TT, Đơn vị, Ghi chú
ANNEX_ROOM_MM = 252 - ANNEX_FIXED_MM


def _annex_needs(view: ReportView, ind: Indicator) -> list[float]:
    """The CT / KQ / Tỷ lệ widths one indicator needs: its widest figure and header on one
    line ("1.200%", "KQ" unbroken), the three together as wide as the longest word of the
    indicator's name."""
    heads = annex_heads(view, ind)
    rows = [_annex_row("", ln, [ind], view) for ln in [*view.lines, view.total]]
    needs = [
        max(_cell_mm(t, 11) for t in [h, *(r.cells[2 + j] for r in rows)])
        for j, h in enumerate(heads)
    ]
    word = max((_cell_mm(w, 11) for w in (ind.name + _measure(ind)).split()), default=0.0)
    short = word - sum(needs)
    return [n + max(0.0, short) / len(heads) for n in needs]


def annex_chunks(view: ReportView) -> list[list[Indicator]]:
    """Indicators packed into tables that fit the landscape page at their figures' widths
    (at most ANNEX_TABLE_INDICATORS each), so that no figure breaks over two lines."""
    out: list[list[Indicator]] = []
    used = 0.0
    for ind in view.indicators:
        # _cell_mm's 0,5 mm of slack per column may be given up (the table is then scaled)
        need = sum(_annex_needs(view, ind)) - len(annex_heads(view, ind)) * CELL_SLACK_MM
        if out and len(out[-1]) < ANNEX_TABLE_INDICATORS and used + need <= ANNEX_ROOM_MM:
            out[-1].append(ind)
            used += need
        else:
            out.append([ind])
            used = need
    return out or [[]]


ANNEX_END_ROWS = 2  # unit rows that go to a new page with Tổng cộng, never one alone


def annex_table(
    doc: OfficialDoc,
    view: ReportView,
    inds: list[Indicator],
    *,
    first: bool = False,
    notes: Sequence[str] = (),
) -> None:
    """One table of the phụ lục; kept whole on a page when it fits one. A table after the
    first is set off by an empty line, or starts a page when it runs over pages
    (LibreOffice otherwise broke such a table after its first row). Its Tổng cộng row
    keeps ANNEX_END_ROWS unit rows with it on a page; `notes` (the last table's "Ghi chú"
    legend) are the table's borderless last row, kept with Tổng cộng (a văn thư sends
    neither alone on a page; LibreOffice keeps no paragraph after a table with it)."""
    rows = [_annex_row(str(n), ln, inds, view) for n, ln in enumerate(view.lines, start=1)]
    total = _annex_row("", view.total, inds, view)
    cols = [Column("TT", 10), Column("Đơn vị", 42, align="left")]
    heads = [annex_heads(view, ind) for ind in inds]
    # each column as wide as its widest figure, what is left shared out; all narrowed
    # alike only when one indicator alone needs more than the page has
    needs = [_annex_needs(view, ind) for ind in inds]
    room = ANNEX_ROOM_MM
    wanted = sum(sum(n) for n in needs)
    scale = min(1.0, room / wanted) if wanted else 1.0
    extra = max(0.0, room - wanted) / max(1, sum(len(h) for h in heads))
    for ind, need, hs in zip(inds, needs, heads, strict=True):
        g = ind.name + _measure(ind)
        cols += [Column(h, n * scale + extra, group=g) for h, n in zip(hs, need, strict=True)]
    cols.append(Column("Ghi chú", 30, align="left"))
    rows.append(Row(["Tổng cộng", *total.cells[2:]], bold=True, span=2))
    width = sum(c.width_mm for c in cols)
    height = table_height_pt(cols, rows, 11) + (notes_height_pt(notes, width) if notes else 0)
    whole = fits_a_page(height, first=first)
    if not first:
        gap = text.line(doc.document, "", 12)
        gap.paragraph_format.page_break_before = not whole
    table = ruled_table(doc.document, cols, rows, size=11, keep_together=whole, notes=notes)
    # the unit rows above Tổng cộng (which ruled_table keeps with its notes)
    last_row = len(table.rows) - (2 if notes else 1)
    for row in table.rows[last_row - ANNEX_END_ROWS : last_row]:
        for cell in row.cells:
            for para in cell.paragraphs:
                para.paragraph_format.keep_with_next = True


def _in_review(r: RecRow) -> bool:
    """A figure under review (not a lũy kế left incomplete by an earlier return missing)."""
    return r.status == Status.cho_xac_minh and not r.gap


def _cell_mm(text: str, size: float) -> float:
    """Width a cell needs to print `text` on one line (Word's default cell margins)."""
    from chitieu.render.metrics import text_width_pt

    return (text_width_pt(text, size, bold=True) + 2 * 5.4) * 25.4 / 72 + CELL_SLACK_MM


def _annex_row(no: str, ln: Line, inds: list[Indicator], view: ReportView) -> Row:
    """One line of the phụ lục: CT, KQ, Tỷ lệ per indicator (on the year's target: CT năm,
    Lũy kế, Tỷ lệ; for a month or a quarter also KQ kỳ, its own figure)."""
    cells = [no, ln.label]
    notes: list[str] = []
    for ind in inds:
        r = ln.rows.get(ind.id)
        own = view.own_column and view.ind_on_year(ind.id)
        if r is None:
            cells += [""] * (4 if own else 3)
            continue
        pct = percent(r.percent) if r.percent is not None else "-"
        reported = r.status != Status.chua_bao_cao or r.rollup
        result = _fig(ind, r.result) if reported else "-"
        if r.status == Status.cho_xac_minh and r.result is not None:
            result += f" {REVIEW_MARK}"  # the legend under the table says what it means
        figures = [_fig(ind, r.target), result, pct if r.result is not None else "-"]
        if own:
            figures.insert(1, _fig(ind, r.period_result) if reported else "-")
        cells += figures
    if any(r.gap for r in ln.rows.values()):
        notes.append("Thiếu số liệu kỳ trước")
    statuses = {r.status for r in ln.rows.values()}
    if not ln.rows or statuses == {Status.chua_bao_cao}:
        notes = ["Chưa báo cáo"]
    elif any(r.rollup and r.reported < r.expected for r in ln.rows.values()):
        r0 = next(iter(ln.rows.values()))
        notes.insert(0, f"{count(r0.reported)} trong số {count(r0.expected)} đơn vị đã báo cáo")
    # the indicators under review are marked in their cells; their names would make the
    # row as tall as a page
    if any(_in_review(r) for r in ln.rows.values()) and notes != ["Chưa báo cáo"]:
        notes.append("Có số liệu chờ xác minh")
    cells.append("; ".join(notes))
    return Row(cells)


def annex_legend(view: ReportView) -> str | None:
    """What "(*)" means in the phụ lục, when a figure is under review: the totals marked
    include those figures, which section I leaves out (so both totals can be checked)."""
    if not any(_in_review(r) for ln in view.lines for r in ln.rows.values()):
        return None
    return (
        f"{REVIEW_MARK}: số liệu đang chờ xác minh; tổng cộng có dấu {REVIEW_MARK} đã gồm các "
        "số liệu này (mục I của báo cáo chưa tính các số liệu đang chờ xác minh)."
    )


__all__ = [
    "annex_chunks",
    "annex_legend",
    "annex_table",
    "body_table",
    "body_table_fits",
    "status_table",
]
