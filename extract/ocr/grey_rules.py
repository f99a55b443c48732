"""A flatbed scan's grey rules of which no piece was found, added inside a found table.

A table printed with some rules grey and others black ("rules=faint"), scanned blurred
at 150 dpi, keeps its black rules and loses its grey ones whole: only 15-25 levels under
the paper and 6 px wide, no threshold window keeps any piece, so `faint_rules` (which
continues a rule from a piece found) has nothing to start from. The grid then merges
two or three rows into one cell ("74 74 05"), their figures lost. What still shows such
a rule is its profile across: a row of the table, between its found rules, that is a
thin dip under the paper above and below it in nearly every stretch across the table.
Text makes no such row: a line of words is dark above and below its middle too, and a
table's row of words has blank stretches between its cells. Only inside a table whose
frame was found, and kept only when the grid it makes has more cells.
"""

from __future__ import annotations

import numpy as np

from . import grid
from .faint_rules import DIP_MIN, DIP_STEP, row_dips
from .grid import GridTable, RulingLines

ACROSS = 0.85  # of a table's stretches the row dips in: a rule runs across, words stop
DIP_MID = 8.0  # grey levels under the paper, the row's median stretch: not the grain
ACROSS_PARTED = 0.6  # at a row line of the table, found in other columns: a seal's
# print and ring over a stretch or two of it leave the rest
APART = 0.06  # inches from a found rule: its own blurred edge is no second rule


def _added_rows(
    crop: np.ndarray, found: np.ndarray, dpi: float, across: float = ACROSS
) -> list[tuple[int, np.ndarray]]:
    """Rows of `crop` (a table's inside) where a grey rule runs across (a thin dip in
    `across` of its stretches), with the stretches it shows in (`found`: the rules
    already found there, same shape)."""
    rows, w = crop.shape
    step = max(8, int(dpi * DIP_STEP))
    off = max(4, int(dpi * 0.025))
    n = w // step
    if n < 4 or rows < 4 * off:
        return []
    prof = crop[:, : n * step].reshape(rows, n, step).mean(axis=2, dtype=np.float32)
    dips = row_dips(prof, off)
    # A rule drifts a pixel or two across a deskewed table: the best of three rows.
    near = np.maximum(np.maximum(dips, np.roll(dips, 1, axis=0)), np.roll(dips, -1, axis=0))
    share = (near >= DIP_MIN).mean(axis=1)
    mid = np.median(near, axis=1)
    ruled = found.max(axis=1) > 0
    gap = max(off + 2, int(dpi * APART))
    # "full", then centred: a crop fewer rows tall than the window (a row line's band at
    # 300 dpi) keeps its length, where "same" would give the window's.
    near_rule = np.convolve(ruled.astype(np.float32), np.ones(2 * gap + 1), "full")
    blocked = near_rule[gap : gap + rows] > 0
    blocked[: 2 * off] = blocked[rows - 2 * off :] = True
    good = (share >= across) & (mid >= DIP_MID) & ~blocked
    out: list[tuple[int, np.ndarray]] = []
    y = 0
    while y < rows:
        if not good[y]:
            y += 1
            continue
        end = y
        while end + 1 < rows and good[end + 1]:
            end += 1
        best = y + int(np.argmax(mid[y : end + 1]))
        shows = np.repeat(near[best] >= DIP_MIN, step)
        out.append((best, np.r_[shows, np.zeros(w - n * step, bool)]))
        y = end + 1
    return out


def _with_added(
    gray: np.ndarray, lines: RulingLines, box: tuple[int, int, int, int], dpi: float
) -> RulingLines | None:
    """`lines` with the grey row rules found inside the table `box` added; None when
    there are none."""
    x0, y0, x1, y1 = box
    horizontal = lines.horizontal
    added = False
    crop = gray[y0:y1, x0:x1]
    # Rows only: down a column of centred figures typed in a narrow face, the digits'
    # strokes line up and dip like a grey rule in nearly every stretch (typefaces seed
    # 156: two column rules added through the figures, every figure read wrong).
    for y, shows in _added_rows(crop, horizontal[y0:y1, x0:x1], dpi):
        if not added:
            horizontal, added = horizontal.copy(), True
        band = horizontal[y0 + y - 1 : y0 + y + 2, x0:x1]
        band[:, shows] = 255
    if not added:
        return None
    return RulingLines(horizontal=horizontal, vertical=lines.vertical, ink=lines.ink, fax=lines.fax)


def with_grey_rules(
    gray: np.ndarray, lines: RulingLines, tables: list[GridTable], dpi: float
) -> tuple[list[GridTable], RulingLines]:
    """`tables` and `lines` with each table's wholly grey rules added, when the grid
    they make has more cells; else as they were."""
    for table in tables:
        more_lines = _with_added(gray, lines, table.box, dpi)
        if more_lines is None:
            continue
        more = grid.on_page(grid.find_tables(more_lines, dpi), gray.shape)
        if sum(t.n_rows * t.n_cols for t in more) > sum(t.n_rows * t.n_cols for t in tables):
            tables, lines = more, more_lines
    return _parted(gray, lines, tables, dpi)


def _parted(
    gray: np.ndarray, lines: RulingLines, tables: list[GridTable], dpi: float
) -> tuple[list[GridTable], RulingLines]:
    """`tables` with a cell spanning rows parted where a grey rule runs across it at a
    row line of the table (found in other columns, in pieces or not at all in this one:
    a seal's grey ink over it), when the grid then has more cells; else as they were."""
    reach = 2 * max(4, int(dpi * 0.025)) + 4
    horizontal = None
    for table in tables:
        bounds = _row_lines(table)
        for gc in table.cells:
            if gc.rowspan < 2:
                continue
            x0, _y0, x1, _y1 = gc.box
            for r in range(gc.row + 1, gc.row + gc.rowspan):
                y = bounds.get(r)
                if y is None or y - reach < 0 or y + reach > gray.shape[0]:
                    continue
                crop = gray[y - reach : y + reach, x0:x1]
                rows = _added_rows(crop, np.zeros(crop.shape, np.uint8), dpi, ACROSS_PARTED)
                if not rows:
                    continue
                at = y - reach + min(rows, key=lambda rs: abs(rs[0] - reach))[0]
                if horizontal is None:
                    horizontal = lines.horizontal.copy()
                pad = max(3, int(dpi / 60)) + 2
                horizontal[at - 1 : at + 2, x0 - pad : x1 + pad] = 255
    if horizontal is None:
        return tables, lines
    parted = RulingLines(
        horizontal=horizontal, vertical=lines.vertical, ink=lines.ink, fax=lines.fax
    )
    more = grid.on_page(grid.find_tables(parted, dpi), gray.shape)
    if sum(len(t.cells) for t in more) > sum(len(t.cells) for t in tables):
        return more, parted
    return tables, lines


def _row_lines(table: GridTable) -> dict[int, int]:
    """Where each row line of `table` runs (row r's top), from the cells of one row."""
    tops: dict[int, list[int]] = {}
    bottoms: dict[int, list[int]] = {}
    for gc in table.cells:
        tops.setdefault(gc.row, []).append(gc.box[1])
        bottoms.setdefault(gc.row + gc.rowspan, []).append(gc.box[3])
    return {
        r: (int(np.median(tops[r])) + int(np.median(bottoms[r]))) // 2 for r in tops if r in bottoms
    }
