"""Ruled tables from a level page image: ruling lines by morphology, then cells with spans.

OCR'd scans have no vector lines, so pdfplumber cannot find the grid; OpenCV can. Cells are
the atoms between adjacent lines, merged wherever the separating line segment is missing
(a header spanning two columns, "TT" spanning two header rows).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

import cv2
import numpy as np

from .dotted_rules import broken_rules, dashed_rows
from .fax_rule_gaps import joined_rows


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    box: tuple[int, int, int, int]  # interior in page pixels: x0, y0, x1, y1


@dataclass(frozen=True)
class GridTable:
    box: tuple[int, int, int, int]  # outer frame in page pixels
    n_rows: int
    n_cols: int
    cells: tuple[GridCell, ...]


@dataclass(frozen=True)
class RulingLines:
    """Masks of horizontal and vertical ruling lines (255 = line) and the page's ink mask;
    `fax`: found on a black-and-white page, whose hairlines may vanish in places."""

    horizontal: np.ndarray
    vertical: np.ndarray
    ink: np.ndarray
    fax: bool = False

    @property
    def both(self) -> np.ndarray:
        return cv2.bitwise_or(self.horizontal, self.vertical)


def on_page(tables: list[GridTable], shape: tuple[int, ...]) -> list[GridTable]:
    """The tables with every cell cut to the page; cells left empty are dropped.

    A table rebuilt from a photo's words can reach past the page's edge, and OpenCV
    crashes the whole process (a segfault, no message) on the empty crop of such a cell.
    """
    h, w = shape[:2]

    def cut(box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        x0, y0, x1, y1 = box
        return (max(0, x0), max(0, y0), min(w, x1), min(h, y1))

    out: list[GridTable] = []
    for table in tables:
        cells = [replace(gc, box=cut(gc.box)) for gc in table.cells]
        cells = [gc for gc in cells if gc.box[2] > gc.box[0] and gc.box[3] > gc.box[1]]
        if cells:
            out.append(replace(table, box=cut(table.box), cells=tuple(cells)))
    return out


SHORT_RULE = 0.35  # inches: a vertical run shorter is a rule only joining two row rules


def ruling_lines(gray: np.ndarray, dpi: float, fax: bool = False) -> RulingLines:
    """Long thin horizontal and vertical runs of ink; on a fax (a page that came black
    and white), its rules broken into dashes too."""
    ink = cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15
    )
    h_len = max(20, int(dpi * 0.35))  # 9 mm: longer than any word's stroke
    v_len = max(15, int(dpi * 0.2))  # 5 mm: shorter than one table row
    horizontal = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (h_len, 1))
    )
    if fax:  # a skewed hairline thresholded to dashes: a staircase too short for morphology
        horizontal = cv2.bitwise_or(horizontal, dashed_rows(ink, dpi))
    vertical = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_len))
    )
    # Bridge small gaps left by noise and JPEG, without joining separate lines.
    horizontal = cv2.dilate(horizontal, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    vertical = cv2.dilate(vertical, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 9)))
    # A short vertical run is a rule only when it joins two horizontal ones (a sub-column
    # under a group header); else it is a stamp's arc, which would split a column in two.
    # Lines down nearly the whole page are a fax's or scanner's streak along the feed, not
    # a rule (a rule stops at the table's frame); horizontal rules are kept: a photo
    # cropped close to its table has rules across its whole width.
    vertical = _structural(vertical, horizontal, int(dpi * SHORT_RULE), int(dpi * 0.08))
    if fax:
        # A fax's hairline rules are dashes and specks: its rows' rules are joined, its
        # column rules found where their dashes line up in every row. (On a grey scan the
        # rules are whole, and a stamp's ring or a column of "1"s would pass for dashes.)
        across, columns = broken_rules(ink, horizontal, dpi)
        horizontal = joined_rows(cv2.bitwise_or(horizontal, across), dpi)
        vertical = cv2.bitwise_or(vertical, columns)
    return RulingLines(horizontal=horizontal, vertical=vertical, ink=ink, fax=fax)


def rules_across(lines: RulingLines, dpi: float) -> list[tuple[int, int, int]]:
    """The page's horizontal rules at least 5 cm long, as (y, x0, x1): a table ruled
    across only has no grid, but its rules still part its rows."""
    n, _labels, stats, _c = cv2.connectedComponentsWithStats(lines.horizontal, connectivity=8)
    out: list[tuple[int, int, int]] = []
    for i in range(1, n):
        x, y, w, h, _a = stats[i]
        if w >= dpi * 2.0 and h <= dpi * 0.15:
            out.append((int(y + h // 2), int(x), int(x + w)))
    return out


def _structural(vertical: np.ndarray, horizontal: np.ndarray, long: int, reach: int) -> np.ndarray:
    """The vertical components that are long (but not page-long streaks), or that meet
    horizontal lines at both ends. One labelling pass; the ends are looked up in small
    windows of the horizontal mask."""
    # Labelled within the lines' bounding box only (half the page or less: a table).
    bx, by, bw, bh = cv2.boundingRect(vertical)
    if bw == 0 or bh == 0:
        return vertical
    n, labels, stats, _c = cv2.connectedComponentsWithStats(
        vertical[by : by + bh, bx : bx + bw], connectivity=8
    )
    if n <= 1:
        return vertical
    page_h, page_w = vertical.shape
    keep = np.zeros(n, dtype=bool)
    dropped = False
    for i in range(1, n):
        x, y, w, h, _a = stats[i]
        x, y = x + bx, y + by
        if h > 0.9 * page_h:
            keep[i] = False  # a streak
        elif h >= long:
            keep[i] = True
        else:
            x0, x1 = max(0, x - reach), min(page_w, x + w + reach)
            top = horizontal[max(0, y - reach) : y + 3 + reach, x0:x1]
            bottom = horizontal[max(0, y + h - 3 - reach) : y + h + reach, x0:x1]
            keep[i] = bool(top.any() and bottom.any())
        dropped = dropped or not keep[i]
    if not dropped:
        return vertical
    lut = np.where(keep, 255, 0).astype(np.uint8)
    out = np.zeros_like(vertical)
    out[by : by + bh, bx : bx + bw] = lut[labels]
    return out


BROKEN_RULE = 0.15  # of a row line left in one column, the others whole: still a line


def _positions(profile: np.ndarray, minimum: float) -> list[int]:
    """Centres of runs of consecutive indices where the profile reaches `minimum`."""
    on = profile >= minimum
    out: list[int] = []
    start: int | None = None
    for i, v in enumerate(on):
        if v and start is None:
            start = i
        elif not v and start is not None:
            out.append((start + i - 1) // 2)
            start = None
    if start is not None:
        out.append((start + len(on) - 1) // 2)
    return out


def _coverage(mask: np.ndarray, x0: int, y0: int, x1: int, y1: int) -> float:
    region = mask[max(0, y0) : max(0, y1), max(0, x0) : max(0, x1)]
    if region.size == 0:
        return 0.0
    # A separator is present where, along its length, some line pixel lies across it.
    along = 1 if (y1 - y0) >= (x1 - x0) else 0  # a vertical separator is followed along y
    hits = (region > 0).any(axis=along)
    return float(hits.mean())


def _vanished_rule(
    text: np.ndarray,
    origin: tuple[int, int],
    xs: list[int],
    ys: list[int],
    cover: list[float],
    tol: int,
) -> bool:
    """Whether a row rule that most columns show, missing in this one (a fax drops a
    hairline in one column), still parts this column's two rows: each row holds text
    and no stroke crosses where the rule would run. Else the two rows' figures read as one
    cell ("F 45") and both are lost. A header spanning rows keeps its span: its rule
    runs under a column group only (not most columns), or its text sits across the line.
    """
    if 2 * sum(v >= 0.6 for v in cover) <= len(cover):
        return False
    ox, oy = origin
    xa, xb = xs[0] - ox + tol, xs[1] - ox - tol
    top, y, bottom = (v - oy for v in ys)
    band = text[y - tol : y + tol + 1, xa:xb]
    above = text[top + tol : y - tol, xa:xb]
    below = text[y + tol + 1 : bottom - tol, xa:xb]
    least = max(4, int(tol * tol))
    # What is left of the rule is specks along it; a letter's stroke runs across the band.
    crossed = band.size > 0 and bool(band.all(axis=0).any())
    return not crossed and int(above.sum()) >= least and int(below.sum()) >= least


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _table(lines: RulingLines, box: tuple[int, int, int, int], dpi: float) -> GridTable | None:
    x0, y0, x1, y1 = box
    h_mask = lines.horizontal[y0:y1, x0:x1]
    v_mask = lines.vertical[y0:y1, x0:x1]
    min_run = max(20, int(dpi * 0.35))
    ys = [y0 + y for y in _positions((h_mask > 0).sum(axis=1), min_run)]
    xs = [x0 + x for x in _positions((v_mask > 0).sum(axis=0), max(15, int(dpi * 0.2)))]
    if len(ys) < 2 or len(xs) < 2:
        return None
    tol = max(3, int(dpi / 50))
    # A ruling line runs from one crossing line to another; blurred bold text can make a
    # long dark run too, but it does not span a whole cell.
    ys = [
        y
        for y in ys
        if any(
            _coverage(lines.horizontal, xa + tol, y - tol, xb - tol, y + tol + 1) >= 0.8
            for xa, xb in itertools.pairwise(xs)
        )
    ]
    xs = [
        x
        for x in xs
        if any(
            _coverage(lines.vertical, x - tol, ya + tol, x + tol + 1, yb - tol) >= 0.8
            for ya, yb in itertools.pairwise(ys)
        )
    ]
    if len(ys) < 2 or len(xs) < 2:
        return None
    # An inner column line runs down most of the table; one present in a single row is a
    # stamp's arc over it (it would split the header of the result column in two).
    xs = (
        [xs[0]]
        + [
            x
            for x in xs[1:-1]
            if 2
            * sum(
                _coverage(lines.vertical, x - tol, ya + tol, x + tol + 1, yb - tol) >= 0.6
                for ya, yb in itertools.pairwise(ys)
            )
            >= len(ys) - 1
        ]
        + [xs[-1]]
    )
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    # Each row line's coverage in each column. Where it runs whole through every other
    # column, a row line broken in one (faint, under a stamp's ring) is still there: a
    # header's span has no line drawn at all, not a third of one.
    row_cover = [
        [
            _coverage(lines.horizontal, xs[c] + tol, y - tol, xs[c + 1] - tol, y + tol + 1)
            for c in range(n_cols)
        ]
        for y in ys[1:-1]
    ]

    text = (lines.ink[y0:y1, x0:x1] > 0) & (lines.both[y0:y1, x0:x1] == 0) if lines.fax else None

    def row_line(r: int, c: int) -> bool:
        cover = row_cover[r]
        whole_elsewhere = all(v >= 0.8 for k, v in enumerate(cover) if k != c)
        if cover[c] >= 0.6 or (cover[c] >= BROKEN_RULE and whole_elsewhere):
            return True
        # Only a fax's threshold drops a rule in one column: on a grey page a row rule
        # missing there is drawn so (a label spanning two rows).
        return text is not None and _vanished_rule(
            text, (x0, y0), xs[c : c + 2], ys[r : r + 3], cover, tol
        )

    parent = list(range(n_rows * n_cols))
    for r in range(n_rows):
        for c in range(n_cols):
            ya, yb = ys[r] + tol, ys[r + 1] - tol
            if (
                c + 1 < n_cols
                and _coverage(lines.vertical, xs[c + 1] - tol, ya, xs[c + 1] + tol + 1, yb) < 0.6
            ):
                parent[_find(parent, r * n_cols + c)] = _find(parent, r * n_cols + c + 1)
            if r + 1 < n_rows and not row_line(r, c):
                parent[_find(parent, r * n_cols + c)] = _find(parent, (r + 1) * n_cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            groups.setdefault(_find(parent, r * n_cols + c), []).append((r, c))
    pad = max(3, int(dpi / 60))
    cells: list[GridCell] = []
    for members in groups.values():
        r0 = min(r for r, _ in members)
        r1 = max(r for r, _ in members)
        c0 = min(c for _, c in members)
        c1 = max(c for _, c in members)
        if len(members) != (r1 - r0 + 1) * (c1 - c0 + 1):
            return None  # not a rectangle: this is not a clean ruled table
        cells.append(
            GridCell(
                r0,
                c0,
                r1 - r0 + 1,
                c1 - c0 + 1,
                (xs[c0] + pad, ys[r0] + pad, xs[c1 + 1] - pad, ys[r1 + 1] - pad),
            )
        )
    cells.sort(key=lambda g: (g.row, g.col))
    return GridTable(
        box=(xs[0], ys[0], xs[-1], ys[-1]), n_rows=n_rows, n_cols=n_cols, cells=tuple(cells)
    )


def wipe_between_cells(page: np.ndarray, tables: list[GridTable]) -> None:
    """White out, in place, what lies inside a ruled table but in no cell: the rules'
    band. What the line mask left of a rule there (its blurred edge, a header's
    descenders resting on it) joined the first row's figures as one word for the page
    OCR ("_01", "10."), which then no longer agreed with the figure's re-read."""
    for table in tables:
        x0, y0, x1, y1 = table.box
        if x1 <= x0 or y1 <= y0:
            continue
        keep = page[y0:y1, x0:x1].copy()
        inside = np.zeros(keep.shape, dtype=bool)
        for cell in table.cells:
            a, b, c, d = cell.box
            inside[max(0, b - y0) : max(0, d - y0), max(0, a - x0) : max(0, c - x0)] = True
        keep[~inside] = 255
        page[y0:y1, x0:x1] = keep


def _rejoined(
    boxes: list[tuple[int, int, int, int]], dpi: float
) -> list[tuple[int, int, int, int]]:
    """Boxes of ruled lines, with the pieces of one table that a gap in its rules parted
    made one again: side by side, a short gap apart, their top and bottom rules at the
    same heights. A seal's ring lifted with its red (or a faint stretch) breaks a row of
    one table's rules where it crosses them; the part beyond, a column or two, was too
    narrow to be a table and its figures were lost."""
    tol, reach = max(4, int(dpi * 0.08)), int(dpi * 0.4)
    out = sorted(boxes)
    joined = True
    while joined:
        joined = False
        for i, j in itertools.combinations(range(len(out)), 2):
            a, b = out[i], out[j]
            if abs(a[1] - b[1]) <= tol and abs(a[3] - b[3]) <= tol and -tol <= b[0] - a[2] <= reach:
                out[i] = (a[0], min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
                del out[j]
                joined = True
                break
    return out


def find_tables(lines: RulingLines, dpi: float) -> list[GridTable]:
    """Ruled tables on the page, top to bottom."""
    both = cv2.dilate(lines.both, np.ones((5, 5), np.uint8))
    contours, _h = cv2.findContours(both, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    _page_h, page_w = both.shape
    tables: list[GridTable] = []
    boxes = [(x, y, x + w, y + h) for x, y, w, h in map(cv2.boundingRect, contours)]
    for x0, y0, x1, y1 in _rejoined([b for b in boxes if b[3] - b[1] >= dpi * 0.3], dpi):
        x, y, w, h = x0, y0, x1 - x0, y1 - y0
        if w < page_w * 0.25 or h < dpi * 0.3:
            continue
        table = _table(lines, (x, y, x + w, y + h), dpi)
        if table is not None and table.n_rows >= 1 and table.n_cols >= 2:
            tables.append(table)
    tables.sort(key=lambda t: t.box[1])
    return tables
