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
import re
from dataclasses import replace

import numpy as np

from . import word_rows
from ._exec import Word
from .grid import GridCell, GridTable
from .word_rows import Rule
from .word_slope import line_fan, shifted

# A count, maybe with thousands dots ("12.500", "1.250": a typist's figures over a
# thousand), maybe with a trailing mark the OCR took from a rule ("7.").
FIGURE = re.compile(r"^[+-]?(?:\d{1,3}(?:[.,]\d{3}){1,2}|\d{1,7})[.,]?$")
WORD = re.compile(r"[^\W\d_]{3,}")
YEAR = re.compile(r"^(19|20)\d\d$")
LETTERS = re.compile(r"[^\W\d_]{2,}")


def _lines(words: list[Word], height: float) -> list[list[Word]]:
    """Words into visual lines (same baseline band), left to right, top to bottom.

    A line's band is its first word's; a word taller than two lines (a rule or a streak
    read as "|") joins no line: it would weld two rows of the table into one.
    """
    lines: list[list[Word]] = []
    bands: list[tuple[float, float]] = []
    for w in sorted(words, key=lambda w: w.center[1]):
        if w.height > 2.2 * height:
            continue
        for k in range(len(lines) - 1, max(-1, len(lines) - 7), -1):
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


_top = word_rows.top
_bottom = word_rows.bottom
_apart = word_rows.apart
_is_prose = word_rows.is_prose


def _last_figure(line: list[Word], height: float) -> Word | None:
    """The right-most figure of a line that has words before it (a label, then numbers),
    standing apart in its own column ("năm 2021" in a sentence is not a row)."""
    seen_label = False
    last: Word | None = None
    prev: Word | None = None
    for w in line:
        if LETTERS.search(w.text):
            seen_label = True
        elif (
            seen_label
            and FIGURE.match(w.text)
            and prev is not None
            and w.left - (prev.left + prev.width) > 1.5 * height
        ):
            last = w
        prev = w
    return last


def _close_block(block: list[list[Word]], height: float) -> bool:
    """Whether two rows' lines (and those between) are one table's: near each other, or
    joined by a wrapped label's lines without a blank or a line of prose between (a row
    whose figure the page OCR missed leaves such lines between its neighbours)."""
    if _top(block[-1]) - _bottom(block[0]) <= 8 * height:
        return True
    return all(
        _top(b) - _bottom(a) <= 2.5 * height for a, b in itertools.pairwise(block)
    ) and not any(_is_prose(ln, height) for ln in block[1:-1])


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


def _wraps(above: list[Word], line: list[Word], column_x: float, height: float) -> bool:
    """Whether `line` continues the label of the line above it: right under it, not
    prose, every word left of the figures' column ("quản lý theo / NĐ111/CP" under "Đưa
    đối tượng vào")."""
    return (
        _top(line) - _bottom(above) <= 1.0 * height
        and not _is_prose(line, height)
        and all(w.left + w.width < column_x - 2.5 * height for w in line)
    )


def _misread_first_row(
    lines: list[list[Word]], best: list[int], column_x: float, height: float
) -> int:
    """The first row when its figure was misread ("19" read "li"): above the first row
    found, a line whose label starts where the rows' labels start and whose last word,
    no word, stands apart in the figures' column is a row, not the header's last line
    (a header is centred in its cells). Added to `best`; returns the first row's line."""
    starts = [next((w.left for w in lines[j] if LETTERS.search(w.text)), None) for j in best]
    known = [x for x in starts if x is not None]
    if not known:
        return best[0]
    label_left = float(np.median(known))
    for k in range(best[0] - 1, max(-1, best[0] - 4), -1):
        ln = lines[k]
        if _is_prose(ln, height) or len(ln) < 2:
            return best[0]
        mark = ln[-1]
        in_column = abs(mark.center[0] - column_x) <= 1.5 * height
        if not in_column:
            continue  # a wrapped label's line between: look above it
        label = next((w for w in ln if LETTERS.search(w.text)), None)
        if (
            label is not None
            and abs(label.left - label_left) <= 0.6 * height
            and not WORD.search(mark.text)
            and len(mark.text) <= 4
            and mark.left - (ln[-2].left + ln[-2].width) > 1.5 * height
        ):
            best.insert(0, k)
        return best[0]
    return best[0]


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
    """`tables_from_words` on words whose lines run level."""
    pieces = {id(w) for w in rule_pieces(words)}
    words = [w for w in words if id(w) not in pieces]
    lines = _lines(words, height)
    anchors = [(i, f) for i, ln in enumerate(lines) if (f := _last_figure(ln, height)) is not None]
    if not anchors:
        return []
    # Rows of one table: their last figures share a column and follow each other closely.
    best: list[int] = []
    for i, f in anchors:
        x = f.center[0]
        group = [j for j, g in anchors if abs(g.center[0] - x) <= 2.5 * height and j >= i]
        run = [group[0]]
        for j in group[1:]:
            if not _close_block(lines[run[-1] : j + 1], height):
                break
            run.append(j)
        if len(run) > len(best):
            best = run
    if len(best) < 2 and not (best and word_rows.table_shaped(lines[best[0]], height)):
        return []
    # A row whose figure the page OCR misread ("z4") still has a mark in the figure
    # column: it is a row (its cell is re-read, and flagged if unreadable), not a wrapped
    # label of the row above.
    column_x = float(np.median([lines[j][-1].center[0] for j in best]))
    # A row whose figure the page OCR did not see at all still has its label and, apart,
    # its other cells (the unit, "người"): a word standing where the rows' middle cells do.
    middle = [
        w.center[0]
        for j in best
        for w in _apart(lines[j], height)
        if abs(w.center[0] - column_x) > 2.5 * height
    ]
    found = [lines[j] for j in best]  # the rows found by their figures
    # Where the rows' labels start: a row found by its middle cells starts there too (the
    # signature's "TM. ỦY BAN NHÂN DÂN" under the table has words where "người" stands).
    label_starts = [next((w.left for w in lines[j] if LETTERS.search(w.text)), None) for j in best]
    known_starts = [x for x in label_starts if x is not None]
    label_left = float(np.median(known_starts)) if known_starts else None
    limit = _bottom(lines[best[-1]]) + 4 * height
    for j in range(best[0] + 1, len(lines)):
        ln = lines[j]
        if j > best[-1] and _wraps(lines[j - 1], ln, column_x, height) and _top(ln) <= limit:
            limit = max(limit, _bottom(ln) + 4 * height)  # a long label wrapped in its cell
        if j in best or _top(ln) > limit or len(ln) < 2:
            continue
        mark = ln[-1]
        in_middle = any(
            sum(abs(w.center[0] - x) <= 1.0 * height for x in middle) >= 2
            for w in _apart(ln, height)
        )
        if (
            (
                abs(mark.center[0] - column_x) <= 1.5 * height
                and len(mark.text) <= 7
                and not WORD.search(mark.text)  # "z4", "li": no word of three letters
                and any(LETTERS.search(w.text) for w in ln[:-1])
                and mark.left - (ln[-2].left + ln[-2].width) > 1.5 * height
            )
            or (
                in_middle
                and any(
                    LETTERS.search(w.text)
                    and (label_left is None or abs(w.left - label_left) <= 1.0 * height)
                    for w in ln[:2]
                )
            )  # "2 Đưa ..."
            or word_rows.numbered(ln, found, column_x, height)
        ):
            best.append(j)
            limit = max(limit, _bottom(ln) + 4 * height)  # (never back above a row found)
    best.sort()
    best = sorted(set(best) | set(word_rows.rows_above(lines, best, column_x, height)))
    if rules:
        lefts = [
            x
            for j in best
            if (x := next((w.left for w in lines[j] if LETTERS.search(w.text)), None)) is not None
        ]
        if lefts:
            span = (float(min(lefts)), column_x)
            best = sorted(set(best) | set(word_rows.across(lines, best, rules, span, height)))
            top_row = word_rows.first_below_rule(lines, best, rules, span, height)
            if top_row is not None:
                best.insert(0, top_row)
    first, last = best[0], best[-1]
    body = lines[first : last + 1]
    # Columns: the gaps in the x-coverage of the body's words.
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
        return []
    runs: list[list[int]] = [[int(xs[0]), int(xs[0])]]
    for x in xs[1:]:
        if x - runs[-1][1] > 0.9 * height:
            runs.append([int(x), int(x)])
        else:
            runs[-1][1] = int(x)
    # A column holds words of two lines at least; one line's stray word (a stamp's
    # lettering read fairly surely) is no column. The figures' column is one, even when
    # one row's figure is all the OCR read of it (the last rows, alone on a page).
    runs = [
        r
        for r in runs
        if len({n for n, w in counted if w.left <= r[1] and w.left + w.width >= r[0]})
        >= min(2, len(best))
        or (len(found) == 1 and r[0] - 0.5 * height <= column_x <= r[1] + 0.5 * height)
    ]
    if len(runs) < 2:
        return []
    bounds = [runs[0][0] - int(height)]
    bounds += [(a[1] + b[0]) // 2 for a, b in itertools.pairwise(runs)]
    bounds.append(runs[-1][1] + int(height))

    # On a page still sloping or curled (a photo whose edge is out of the picture), a
    # row's label falls on other visual lines than its figure, and the rows' straight
    # boxes would give one row's label another row's figure: most rows' lines then start
    # right of the table's first columns. Such rows are missing, never misplaced.
    starts = [next((w.left for w in lines[j] if LETTERS.search(w.text)), None) for j in best]
    lefts = [x for x in starts if x is not None]
    ref = float(np.median(lefts)) if lefts else 0.0
    if lefts and 2 * sum(abs(x - ref) <= 2 * height for x in lefts) < len(best):
        return []

    first = _misread_first_row(lines, best, column_x, height)
    # The header: lines right above the first row, not prose, close together.
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
        if _last_figure(ln, height) is not None and not _years_only(ln):
            break
        header.insert(0, ln)
        k -= 1
    # A header is often wider than the figures under it ("Kết quả thực hiện" over "23"):
    # the outer columns reach out to it, or its last word falls outside the table.
    for ln in header:
        bounds[0] = min(bounds[0], ln[0].left - int(0.5 * height))
        bounds[-1] = max(bounds[-1], ln[-1].left + ln[-1].width + int(0.5 * height))

    # Rows: the header (one row), then each anchor with the lines down to the next anchor.
    row_spans: list[tuple[int, int]] = []
    if header:
        row_spans.append((_top(header[0]), _bottom(header[-1])))
    anchor_set = set(best)

    # A line between two rows that overlaps the next row's line is that row's start (its
    # label curled apart from its figure), not the row above's wrapped label: given to
    # the row above, it gave that row's figure the next row's label (a silent error).
    # (Only when that row's line lacks the start of a label and this line has it.)
    def starts_label(ln: list[Word]) -> bool:
        x = next((w.left for w in ln if LETTERS.search(w.text)), None)
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
    # Row boxes meet halfway between rows.
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
    return [GridTable(box=box, n_rows=len(row_spans), n_cols=len(bounds) - 1, cells=cells)]
