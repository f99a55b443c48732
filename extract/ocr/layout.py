"""Tables rebuilt from word boxes, for pages whose ruling lines did not come out.

Faint rules lost to a fax's threshold, a table ruled across only, or none at all: the
numbers are in plain sight, so they are not dropped. From the page OCR's words: a line with
words and then a figure is a row; rows whose right-most figures line up in one column
form the table; the lines without figures between them continue the row above (a label
wrapped in its cell); columns are the gaps that run down the whole table; the lines just
above the first row that fall into those columns are the header. The result is a
`GridTable` like a ruled one, so its cells are read the same way (digits-only re-reads).
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np

from . import word_rows
from ._exec import Word
from .figure_rows import (
    FIGURE,
    LETTERS,
    YEAR,
    FigureRows,
    all_rows,
    figure_run,
    label_start,
    last_figure,
    misread_first_row,
)
from .grid import GridCell, GridTable
from .word_rows import Rule
from .word_slope import line_fan, shifted

__all__ = ["FIGURE", "LETTERS", "rule_pieces", "tables_from_words"]  # unread_marks: the regexes

SPECK = 0.5  # of the print's height: a word shorter is a speck, not a line's print

_top = word_rows.top
_bottom = word_rows.bottom
_is_prose = word_rows.is_prose


def _lines(words: list[Word], height: float) -> list[list[Word]]:
    """Words into visual lines (same baseline band), left to right, top to bottom.

    A line's band is its first word's; a word taller than two lines (a rule or a streak
    read as "|") joins no line: it would weld two rows of the table into one. A speck
    (a mark under half the print's height, "`." read off a photo's grain) sets no band:
    it joins a line after the words have made them. As a line's first word its thin
    band left out the rest of its line's words, which began a line of their own: a row's
    figure and the end of its label parted from the label's start (typefaces seed 70).
    """
    lines: list[list[Word]] = []
    bands: list[tuple[float, float]] = []
    speck = SPECK * height
    for w in sorted(words, key=lambda w: (w.height < speck, w.center[1])):
        if w.height > 2.2 * height:
            continue
        reach = len(lines) if w.height < speck else 6  # the lines a word may join
        for k in range(len(lines) - 1, max(-1, len(lines) - reach - 1), -1):
            top, bottom = bands[k]
            overlap = min(bottom, w.top + w.height) - max(top, w.top)
            if overlap > 0.5 * min(bottom - top, w.height):
                lines[k].append(w)
                break
        else:
            lines.append([w])
            bands.append((w.top, w.top + w.height))
    for line in lines:
        line.sort(key=lambda w: w.left)
    lines.sort(key=lambda ln: float(np.median([w.center[1] for w in ln])))
    return lines


def rule_pieces(words: list[Word]) -> list[Word]:
    """The pieces of a broken vertical rule that the OCR read as "|", "l" or "!":
    hairline marks, one above the other at the same x on three lines or more."""
    words = [w for w in words if w.text.strip() and w.height > 3]
    if not words:
        return []
    height = float(np.median([w.height for w in words]))
    thin = [w for w in words if w.width <= max(4, 0.25 * w.height) and len(w.text) <= 2]
    return [
        w
        for w in thin
        if sum(abs(o.center[0] - w.center[0]) <= max(3, 0.15 * height) for o in thin) >= 3
    ]


def _years_only(line: list[Word]) -> bool:
    """A header line whose only figures are years ("Cùng kỳ năm" / "2020" wrapped in a
    narrow column): a row of figures has counts, not only years."""
    figures = [w.text for w in line if FIGURE.match(w.text)]
    return bool(figures) and all(YEAR.match(t) for t in figures)


def _open_at(line: list[Word], x: int, height: float) -> bool:
    """Whether a line leaves the column line at `x` open: no word crosses it, or a gap
    between two words falls near it (a header wider than the figures under it, "Kết
    quả thực hiện" over "23", reaches past their column line; prose has no such gap)."""
    if not any(w.left < x + 0.5 * height and w.left + w.width > x - 0.5 * height for w in line):
        return True
    return any(
        b.left - (a.left + a.width) >= 1.5 * height
        and a.left + a.width - 2 * height <= x <= b.left + 2 * height
        for a, b in itertools.pairwise(line)
    )


def tables_from_words(
    words: list[Word], page_width: int, rules: list[Rule] | None = None
) -> list[GridTable]:
    """At most one table per page, from a block of label-then-figure lines (one line
    when it has a table row's shape: a table's last row left alone on the next page).
    `rules`: the page's rules across, which part rows whose figures were not read.

    Lines that run downhill (a curled photo) are read level: the words (and rules) are
    sheared back by the lines' slope, the table rebuilt, and each cell moved down by the
    slope where it stands, so that a row's label and its figure stay one row."""
    words = [w for w in words if w.text.strip() and w.height > 3]
    if not words:
        return []
    height = float(np.median([w.height for w in words]))
    fan = line_fan(words, height, page_width)
    if fan.steepest(min(w.top for w in words), max(w.top for w in words)) * page_width < height:
        return _tables_level(words, page_width, height, rules)  # level enough: straight rows
    level = [replace(w, top=round(fan.level(*w.center) - w.height / 2)) for w in words]
    level_rules = [(round(fan.level((x0 + x1) / 2, y)), x0, x1) for y, x0, x1 in rules or []]
    out: list[GridTable] = []
    for t in _tables_level(level, page_width, height, level_rules):
        cells = tuple(
            replace(gc, box=shifted(gc.box, fan.drop((gc.box[0] + gc.box[2]) / 2, _mid_y(gc.box))))
            for gc in t.cells
        )
        x0, y0, x1, y1 = t.box
        drops = [fan.drop(x, y) for x in (x0, x1) for y in (y0, y1)]
        box = (x0, int(y0 + min(drops)), x1, int(y1 + max(drops)))
        out.append(replace(t, box=box, cells=cells))
    return out


def _mid_y(box: tuple[int, int, int, int]) -> float:
    return (box[1] + box[3]) / 2


def _tables_level(
    words: list[Word], page_width: int, height: float, rules: list[Rule] | None
) -> list[GridTable]:
    """`tables_from_words` on words whose lines run level: rows, columns, header, cells."""
    pieces = {id(w) for w in rule_pieces(words)}
    words = [w for w in words if id(w) not in pieces]
    lines = _lines(words, height)
    best = figure_run(lines, height)
    if not best:
        return []
    rows = all_rows(lines, best, height, rules)
    bounds = _columns(lines, rows, page_width, height)
    if bounds is None or _curled_apart(lines, rows.rows, height):
        return []
    first = misread_first_row(lines, rows.rows, rows.column_x, height)
    header = _header(lines, first, bounds, height)
    _widen_to_header(bounds, header, height)
    row_spans = _row_spans(lines, rows, header, height)
    return [_grid_table(row_spans, bounds, height)]


def _columns(
    lines: list[list[Word]], rows: FigureRows, page_width: int, height: float
) -> list[int] | None:
    """The column lines (x, left to right, the outer two included): the gaps in the
    x-coverage of the rows' words. None: fewer than two columns."""
    best = rows.rows
    first, last = best[0], best[-1]
    body = lines[first : last + 1]
    cover = np.zeros(page_width + 1, dtype=bool)
    counted: list[tuple[int, Word]] = []
    for n, ln in enumerate(body):
        if _is_prose(ln, height):
            continue
        for i, w in enumerate(ln):
            if (
                not FIGURE.match(w.text)
                and not LETTERS.search(w.text)
                and not word_rows.inside_words(ln, i, height)
            ):
                continue  # a stamp's lettering read as junk ("(%4", "L4"): no column
            cover[max(0, w.left) : min(page_width, w.left + w.width) + 1] = True
            counted.append((n, w))
    xs = np.flatnonzero(cover)
    if not len(xs):
        return None
    runs: list[list[int]] = [[int(xs[0]), int(xs[0])]]
    for x in xs[1:]:
        if x - runs[-1][1] > 0.9 * height:
            runs.append([int(x), int(x)])
        else:
            runs[-1][1] = int(x)
    # A column holds words of two lines at least; one line's stray word (a stamp's
    # lettering read fairly surely) is no column. The figures' column is one, even when
    # one row's figure is all the OCR read of it (the last rows, alone on a page).
    column_x = rows.column_x
    runs = [
        r
        for r in runs
        if len({n for n, w in counted if w.left <= r[1] and w.left + w.width >= r[0]})
        >= min(2, len(best))
        or (rows.by_figure == 1 and r[0] - 0.5 * height <= column_x <= r[1] + 0.5 * height)
    ]
    if len(runs) < 2:
        return None
    bounds = [runs[0][0] - int(height)]
    bounds += [(a[1] + b[0]) // 2 for a, b in itertools.pairwise(runs)]
    bounds.append(runs[-1][1] + int(height))
    return bounds


def _curled_apart(lines: list[list[Word]], best: list[int], height: float) -> bool:
    """On a page still sloping or curled (a photo whose edge is out of the picture), a
    row's label falls on other visual lines than its figure, and the rows' straight
    boxes would give one row's label another row's figure: most rows' lines then start
    right of the table's first columns. Such rows are missing, never misplaced."""
    starts = [label_start(lines[j]) for j in best]
    lefts = [x for x in starts if x is not None]
    ref = float(np.median(lefts)) if lefts else 0.0
    return bool(lefts) and 2 * sum(abs(x - ref) <= 2 * height for x in lefts) < len(best)


def _header(
    lines: list[list[Word]], first: int, bounds: list[int], height: float
) -> list[list[Word]]:
    """The header: lines right above the first row, not prose, close together."""
    header: list[list[Word]] = []
    k = first - 1
    # Header cells are centred in their column, each on its own number of lines: their
    # baselines stagger over up to five visual lines (a third of them under one word).
    while k >= 0 and len(header) < 5:
        ln = lines[k]
        below = lines[k + 1]
        if _is_prose(ln, height) or _top(below) - _bottom(ln) > 2.5 * height:
            break
        if _bottom(ln) - _top(lines[first]) > 0.5 * height:
            k -= 1  # a word of the first row on a band of its own ("tra" of "Điều tra")
            continue
        if header and _bottom(header[-1]) - _top(ln) > 7 * height:
            break
        inner = bounds[1:-1]
        open_lines = sum(_open_at(ln, b, height) for b in inner)
        if 2 * open_lines < len(inner):
            break  # words run across the column lines: prose above the table
        if last_figure(ln, height) is not None and not _years_only(ln):
            break
        header.insert(0, ln)
        k -= 1
    return header


def _widen_to_header(bounds: list[int], header: list[list[Word]], height: float) -> None:
    """A header is often wider than the figures under it ("Kết quả thực hiện" over "23"):
    the outer columns reach out to it, or its last word falls outside the table."""
    for ln in header:
        bounds[0] = min(bounds[0], ln[0].left - int(0.5 * height))
        bounds[-1] = max(bounds[-1], ln[-1].left + ln[-1].width + int(0.5 * height))


def _row_spans(
    lines: list[list[Word]], rows: FigureRows, header: list[list[Word]], height: float
) -> list[tuple[int, int]]:
    """Each row's top and bottom: the header (one row), then each row's line with the
    lines down to the next row's (its label wrapped in its cell)."""
    best, label_left = rows.rows, rows.label_left
    row_spans: list[tuple[int, int]] = []
    if header:
        row_spans.append((_top(header[0]), _bottom(header[-1])))
    anchor_set = set(best)

    # A line between two rows that overlaps the next row's line is that row's start (its
    # label curled apart from its figure), not the row above's wrapped label: given to
    # the row above, it gave that row's figure the next row's label (a silent error).
    # (Only when that row's line lacks the start of a label and this line has it.)
    def starts_label(ln: list[Word]) -> bool:
        x = label_start(ln)
        return x is not None and label_left is not None and abs(x - label_left) <= height

    ahead = {
        m: best[n + 1]
        for n in range(len(best) - 1)
        for m in range(best[n] + 1, best[n + 1])
        if word_rows.same_line(lines[m], lines[best[n + 1]], height)
        and starts_label(lines[m])
        and not starts_label(lines[best[n + 1]])
    }
    for n, j in enumerate(best):
        end = best[n + 1] if n + 1 < len(best) else j + 1
        top = min([_top(lines[j])] + [_top(lines[m]) for m, k in ahead.items() if k == j])
        bottom = max(
            _bottom(lines[m])
            for m in range(j, end)
            if m == j or (m not in anchor_set and m not in ahead)
        )
        if n + 1 == len(best):  # the last row keeps its wrapped label lines, if close
            m = j + 1
            while (
                m < len(lines)
                and _top(lines[m]) - bottom < 1.0 * height
                and not _is_prose(lines[m], height)
            ):
                bottom = _bottom(lines[m])
                m += 1
        row_spans.append((top, bottom))
    return row_spans


def _grid_table(row_spans: list[tuple[int, int]], bounds: list[int], height: float) -> GridTable:
    """The table as a ruled one: row boxes meet halfway between rows."""
    edges = [row_spans[0][0] - int(0.4 * height)]
    for (_a, b), (c, _d) in itertools.pairwise(row_spans):
        edges.append((b + c) // 2)
    edges.append(row_spans[-1][1] + int(0.4 * height))
    cells = tuple(
        GridCell(r, c, 1, 1, (bounds[c], edges[r], bounds[c + 1], edges[r + 1]))
        for r in range(len(row_spans))
        for c in range(len(bounds) - 1)
    )
    box = (bounds[0], edges[0], bounds[-1], edges[-1])
    return GridTable(box=box, n_rows=len(row_spans), n_cols=len(bounds) - 1, cells=cells)
