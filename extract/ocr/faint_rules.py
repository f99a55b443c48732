"""A photo's faint rules made whole again before the grid is built.

A grey rule photographed with a phone's grain and JPEG comes out as a dashed line: only
25 grey levels under the paper, its pixels fall in and out of the ink by noise, and the
rule finder (a 9 mm long run of ink) keeps only pieces of it. Where a piece is missing,
the grid merges two rows into one cell ("02 17 89"). Averaged along the rule's own
direction the noise cancels and the rule does not: the pieces join. Text smeared the same
way makes no long run on the few rows of a rule, and only runs on the rows of a rule
already found are added, so nothing new appears in the prose.

A low-resolution photo enlarged to the reading resolution turns a faint rule into a
soft grey band 6-10 px wide, only 10-25 levels under the paper: no threshold window
keeps it, smeared or not. What still shows it is its profile across: along a rule
already found in part, a stretch of the same row darker than the paper just above and
below it, by about as much as the found parts are, is the same rule (`_continued`).
Text is far darker than such a rule, and dark above and below too; a header cell
spanning the rule's row is plain paper there: neither continues it.
"""

from __future__ import annotations

import cv2
import numpy as np

from . import grid
from .grid import GridTable, RulingLines

SMEAR = 7  # pixels averaged along the rule: joins the dashes, not words into bars
DIP_STEP = 0.08  # inches of a rule's row averaged at a time when it is continued
DIP_MIN = 5.0  # grey levels under the paper around it: less is the paper's own grain
DIP_GAP = 0.2  # inches of a rule's row stepped over where it does not show
DIP_SHARE = 0.35  # of the found parts' dip: a rule fades with the light, not to nothing


def _thin_runs(gray: np.ndarray, dpi: float) -> np.ndarray:
    """Long, thin horizontal runs of the page averaged along its rows (255 = line).
    Vertical rules are found the same way on the page turned (transposed)."""
    smooth = cv2.blur(gray, (SMEAR, 1))
    ink = cv2.adaptiveThreshold(
        smooth, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 12
    )
    length = max(20, int(dpi * 0.35))  # as the rule finder's: longer than any word
    return cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1))
    )


def _bands(found: np.ndarray, axis: int) -> list[tuple[int, int]]:
    """Row (axis 1) or column (axis 0) ranges [a, b) holding a rule already found, on any
    part of them, three either side."""
    on = (found.max(axis=axis) > 0).astype(np.uint8).reshape(-1, 1)
    on = cv2.dilate(on, np.ones((7, 1), np.uint8)).ravel()
    idx = np.flatnonzero(on)
    if not len(idx):
        return []
    cuts = np.flatnonzero(np.diff(idx) > 1)
    starts = np.r_[idx[0], idx[cuts + 1]]
    ends = np.r_[idx[cuts], idx[-1]] + 1
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def _joined(gray: np.ndarray, found: np.ndarray, dpi: float) -> np.ndarray:
    """`found` (horizontal rules) with their broken pieces joined: the rows of each rule
    found are searched again (a strip with room for the threshold's window), and only
    they, so a band that thin holds no smeared text and the cost stays small."""
    out = found
    pad = 16  # half the adaptive threshold's window
    for a, b in _bands(found, 1):
        a0, b0 = max(0, a - pad), min(gray.shape[0], b + pad)
        runs = _thin_runs(gray[a0:b0], dpi)[a - a0 : b - a0]
        if not runs.any():
            continue
        runs = cv2.dilate(runs, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
        if out is found:
            out = found.copy()
        out[a:b] |= runs
    return out


def row_dips(prof: np.ndarray, off: int) -> np.ndarray:
    """How far each row of `prof` (rows x stretches, mean grey) lies under the paper
    `off` rows above and below it (the darker side counts): a thin line's profile."""
    dips = np.full(prof.shape, -255.0, np.float32)
    r = prof.shape[0]
    if r > 2 * off + 4:
        above = (prof[: r - 2 * off - 2] + prof[1 : r - 2 * off - 1] + prof[2 : r - 2 * off]) / 3
        below = (prof[2 * off : r - 2] + prof[2 * off + 1 : r - 1] + prof[2 * off + 2 :]) / 3
        dips[off + 1 : r - off - 1] = np.minimum(above, below) - prof[off + 1 : r - off - 1]
    return dips


def _grown(has: np.ndarray, dips: np.ndarray, row: np.ndarray, ref: float, skip: int) -> np.ndarray:
    """`has` (stretches holding a found rule) grown both ways over stretches whose row,
    within 2 px of the last one taken (a rule drifts a little, text jumps), dips under
    the paper as the found parts do; up to `skip` stretches that do not (a digit or a
    stamp's stroke across the rule, a red stamp's ink lifted off it) are stepped over.
    `row` is updated to the rows taken."""
    grow = has.copy()
    n = len(has)
    low, high = max(DIP_MIN, DIP_SHARE * ref), 1.8 * ref

    def near(i: int, at: int) -> int | None:
        a0 = max(0, at - 2)
        r = a0 + int(dips[a0 : at + 3, i].argmax())
        return r if low <= dips[r, i] <= high else None

    for sign in (1, -1):
        for start in np.flatnonzero(has):
            at, i = int(row[start]), int(start) + sign
            while 0 <= i < n and not has[i]:
                # the next stretch like the rule, at most `skip` unlike ones on
                ahead = [
                    j for j in range(i, i + sign * (skip + 1), sign) if 0 <= j < n and not has[j]
                ]
                hit = next(((j, r) for j in ahead if (r := near(j, at)) is not None), None)
                if hit is None:
                    break
                j, r = hit
                for k in range(i, j, sign):  # stepped over
                    grow[k], row[k] = True, at
                grow[j], row[j], at, i = True, r, r, j + sign
    return grow


def _continued_band(strip: np.ndarray, found: np.ndarray, a: int, b: int, dpi: float) -> bool:
    """Continue, in place, the horizontal rule of rows [a, b) of `found` along `strip`
    (the page's rows around it, same rows as `found`) across stretches where the row is
    a faint dip like the found parts' (see the module's note): stretches of `DIP_STEP`
    inches, taken only when joined, stretch by stretch, to a found part. Whether any was."""
    rows, w = strip.shape
    step = max(8, int(dpi * DIP_STEP))
    off = max(4, int(dpi * 0.025))  # the paper looked at, above and below a rule's middle
    n = w // step
    if n < 3:
        return False
    prof = strip[:, : n * step].reshape(rows, n, step).mean(axis=2)
    dips = row_dips(prof, off)
    on = found[a:b, : n * step].reshape(b - a, n, step).max(axis=2) > 0
    has = on.any(axis=0)
    if not has.any():
        return False
    # Each found stretch's row: the middle of its found pixels (a crossing rule's
    # stretch has no dip of its own to point at it).
    ys = np.arange(a, b, dtype=np.float32)[:, None]
    row = np.round((on * ys).sum(axis=0) / np.maximum(on.sum(axis=0), 1)).astype(int)
    ref = float(np.median(dips[row[has], np.flatnonzero(has)]))
    grow = _grown(has, dips, row, ref, max(1, round(DIP_GAP / DIP_STEP)))
    new = np.flatnonzero(grow & ~has)
    for i in new:
        y = int(row[i])
        found[max(0, y - 1) : y + 2, i * step : (i + 1) * step] = 255
    return bool(len(new))


def _reach(dpi: float) -> int:
    """Rows searched beyond a rule's found parts: a rule drifts a little across the page."""
    return 2 * max(4, int(dpi * 0.025)) + 8


def _continued(gray: np.ndarray, found: np.ndarray, dpi: float) -> np.ndarray:
    """`found` (horizontal rules) with each rule continued along its row (`_continued_band`)."""
    out = found
    reach = _reach(dpi)
    for a, b in _bands(found, 1):
        top, bottom = max(0, a - reach), min(gray.shape[0], b + reach)
        part = found[top:bottom].copy()
        if _continued_band(gray[top:bottom], part, a - top, b - top, dpi):
            if out is found:
                out = found.copy()
            out[top:bottom] |= part  # bands within reach of each other overlap
    return out


def _continued_down(gray: np.ndarray, found: np.ndarray, dpi: float) -> np.ndarray:
    """`found` (vertical rules) with each rule continued down its column: the same, on
    the strip around it turned (only the strip: turning the page cost more)."""
    out = found
    reach = _reach(dpi)
    for a, b in _bands(found, 0):
        left, right = max(0, a - reach), min(gray.shape[1], b + reach)
        part = np.ascontiguousarray(found[:, left:right].T)
        strip = np.ascontiguousarray(gray[:, left:right].T)
        if _continued_band(strip, part, a - left, b - left, dpi):
            if out is found:
                out = found.copy()
            out[:, left:right] |= part.T
    return out


def whole_rules(gray: np.ndarray, lines: RulingLines, dpi: float) -> RulingLines:
    """`lines` with the broken rules of a photo joined along their length, both ways."""
    horizontal = _continued(gray, _joined(gray, lines.horizontal, dpi), dpi)
    vertical = lines.vertical
    pad = 16
    for a, b in _bands(vertical, 0):  # the columns of vertical rules
        a0, b0 = max(0, a - pad), min(gray.shape[1], b + pad)
        strip = np.ascontiguousarray(gray[:, a0:b0].T)
        runs = _thin_runs(strip, dpi)[a - a0 : b - a0]
        if not runs.any():
            continue
        runs = cv2.dilate(runs, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
        if vertical is lines.vertical:
            vertical = lines.vertical.copy()
        vertical[:, a:b] |= runs.T
    vertical = _continued_down(gray, vertical, dpi)
    return RulingLines(horizontal=horizontal, vertical=vertical, ink=lines.ink)


def larger_grid(
    gray: np.ndarray, lines: RulingLines, tables: list[GridTable], dpi: float
) -> tuple[list[GridTable], RulingLines]:
    """A scan's tables from its rules joined along their length, with those rules, when
    they make more cells than `tables` (from `lines`); else `tables` and `lines`. A
    scan's faint grey rules, blurred or at 150 dpi, break into pieces as a photo's do:
    no grid of them (the table rebuilt from words took a stamp's lettering for a row),
    or a grid of the few columns whose rules held (the labels left out, no row found)."""
    joined = whole_rules(gray, lines, dpi)
    more = grid.on_page(grid.find_tables(joined, dpi), gray.shape)
    if sum(t.n_rows * t.n_cols for t in more) > sum(t.n_rows * t.n_cols for t in tables):
        return more, joined
    return tables, lines
