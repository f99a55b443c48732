"""Column rules a fax broke into dots, found where short marks line up in every row.

A hairline rule printed at 150–200 dpi, thresholded to black and white by the fax, comes
out as a column of short dashes and specks (and after deskewing, a staircase of them):
no run is long enough to be a line to morphology. The horizontal rules mostly survive
(they lie along the fax's scan lines). So between each pair of stacked horizontal rules
(one table row), a rule's dashes are thin marks, white on both sides, spread from near
the row's top to near its bottom; a letter's stem is neither alone (its letter's other
strokes lie beside it) nor that tall (a line of text fills half a row). A column where
such marks stand in most rows of the stack is a rule, drawn into the vertical mask in
every row but those where words cross it (a header cell spanning two columns).
"""

from __future__ import annotations

import itertools

import cv2
import numpy as np

MIN_ROWS_SHARE = 0.6  # of the stack's rows where the marks must stand
MIN_DASH = 0.25  # of the row's height: the lone ink a rule leaves in a row
MIN_EDGE_ROWS = 2  # rows where the dash reaches into the cell's padding
MIN_RULE_SHARE = 0.6  # of a horizontal rule's length its pieces must cover to be joined
MIN_ALONE = 0.6  # of a row's marked lines where both sides of the mark are white
DASH_IN = 0.08  # a row rule's dash at least this long (inches): longer than a letter's bar
CHAIN_IN = 1.0  # a row rule's dashes span at least this much (inches)
MIN_CHAIN_SHARE = 0.4  # of the chain's span covered by its dashes
MIN_LONE = 0.75  # of a rule's dash pixels with paper a few pixels above and below


def dashed_rows(ink: np.ndarray, dpi: float) -> np.ndarray:
    """Mask (255 = rule) of horizontal rules a fax broke into dashes. A skewed hairline
    straddles two scan lines every few dozen pixels and the threshold drops it there (a
    standard fax's doubled lines, two at a time): what is left is a staircase of short,
    thin dashes, none as long as a rule to morphology. Dashes are thin horizontal runs
    longer than a letter's bar; a chain of them, each within a gap of the next and a few
    pixels of its height, spanning an inch, covering most of it and straight (a line of
    print's bars cover half its span, at every height of its letters) is a rule, drawn
    as the straight line through its dashes."""
    dash_len = max(8, int(DASH_IN * dpi))
    runs = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (dash_len, 1))
    )
    # Thin: not where the runs stack up taller than a dash (a blob, a bold word's bars).
    thin_max = max(3, int(dpi / 30))
    thick = cv2.morphologyEx(
        runs, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, thin_max + 1))
    )
    dashes = cv2.bitwise_and(runs, cv2.bitwise_not(cv2.dilate(thick, np.ones((3, 3), np.uint8))))
    out = np.zeros_like(ink)
    gap, rise = max(6, int(dpi * 0.3)), max(2, int(dpi / 50))
    # Chained on a copy a quarter as wide (a chain is an inch long): rows stay exact.
    q = 4
    h_page, w_page = dashes.shape
    narrow = cv2.resize(dashes, (w_page // q, h_page), interpolation=cv2.INTER_AREA)
    joined = cv2.dilate(
        (narrow > 0).astype(np.uint8),
        cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, gap // q), 2 * rise + 1)),
    )
    _m, chains, cstats, _cc = cv2.connectedComponentsWithStats(joined, connectivity=8)
    k = thin_max  # paper this far above and below a rule's dash
    for i in np.flatnonzero(cstats[:, cv2.CC_STAT_WIDTH] * q >= CHAIN_IN * dpi):
        if i == 0:
            continue
        x, y, w, h, _a = cstats[i]
        x, w = x * q, w * q
        mine = np.repeat(chains[y : y + h, x // q : (x + w) // q] == i, q, axis=1)
        box = dashes[y : y + h, x : x + mine.shape[1]] > 0
        mine = mine[:, : box.shape[1]]
        ys, xs = np.nonzero(mine & box)
        if len(xs) == 0 or len(np.unique(xs)) < MIN_CHAIN_SHARE * w:
            continue  # a line of print: its letters' bars and feet cover far less
        # Paper above and below a rule's dash; a bold line of print's feet have stems on.
        above = ink[np.clip(ys + y - k, 0, h_page - 1), xs + x] > 0
        below = ink[np.clip(ys + y + k, 0, h_page - 1), xs + x] > 0
        if np.count_nonzero(~(above | below)) < MIN_LONE * len(xs):
            continue
        slope, icpt = np.polyfit(xs.astype(np.float64), ys.astype(np.float64), 1)
        if float(np.std(ys - (icpt + slope * xs))) > rise:
            continue  # bars at every height of a line of print, not one straight rule
        x0, x1 = int(xs.min()), int(xs.max())
        ends = [(x + xx, round(y + icpt + slope * xx)) for xx in (x0, x1)]
        cv2.line(out, ends[0], ends[1], 255, 3)
    return out


def _stacks(horizontal: np.ndarray, dpi: float) -> list[list[tuple[int, int, int, float]]]:
    """Long horizontal rules (y, x0, x1, share of x0..x1 inked), grouped into stacks of
    one table's rows."""
    page_w = horizontal.shape[1]
    # A rule a pixel off level, or broken into pieces, spreads over a few pixel rows.
    on = cv2.dilate(horizontal, np.ones((5, 1), np.uint8)) > 0
    rows = np.flatnonzero(on.sum(axis=1) >= page_w * 0.2)
    if not len(rows):
        return []
    rules: list[tuple[int, int, int, float]] = []
    for run in np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1):
        y = int(run[len(run) // 2])
        xs = np.flatnonzero(on[run[0] : run[-1] + 1].any(axis=0))
        rules.append((y, int(xs[0]), int(xs[-1]), len(xs) / float(xs[-1] - xs[0] + 1)))
    stacks: list[list[tuple[int, int, int, float]]] = [[rules[0]]]
    for rule in rules[1:]:
        last = stacks[-1][-1]
        overlap = min(rule[2], last[2]) - max(rule[1], last[1])
        width = max(rule[2] - rule[1], last[2] - last[1])
        if rule[0] - last[0] <= dpi * 1.3 and overlap >= 0.8 * width:
            stacks[-1].append(rule)
        else:
            stacks.append([rule])
    return [s for s in stacks if len(s) >= 3]


def _marks(band: np.ndarray, gap: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per column of one row's ink: whether a thin lone dash stands there, long enough to
    be a rule's (a quarter of the row); whether it reaches the row's top or bottom, where
    the cell's padding keeps words away; and whether ink that is not lone crosses it."""
    h = band.shape[0]
    on = band > 0
    # A mark 1–3 px wide, staircased by a pixel or two: ink in a 3-px window.
    near = on.copy()
    near[:, 1:] |= on[:, :-1]
    near[:, :-1] |= on[:, 1:]
    # White on both sides: nothing from `gap` to 2*gap pixels left, nor right.
    left = np.zeros_like(on)
    right = np.zeros_like(on)
    for d in range(gap, 2 * gap + 1):
        left[:, d:] |= on[:, :-d]
        right[:, :-d] |= on[:, d:]
    marked = near.sum(axis=0)
    alone = near & ~left & ~right
    lone = alone.sum(axis=0)
    dash = (lone >= max(4, MIN_DASH * h)) & (lone >= MIN_ALONE * marked)
    edge = dash & (alone[:2].any(axis=0) | alone[-2:].any(axis=0))
    crossed = marked - lone >= max(3, 0.2 * h)
    return dash, edge, crossed


def broken_rules(
    ink: np.ndarray, horizontal: np.ndarray, dpi: float
) -> tuple[np.ndarray, np.ndarray]:
    """Masks (255 = rule, page-sized) of a table's broken rules made whole: the gaps in
    its stacked horizontal rules, and the column rules found as lined-up dashes."""
    across = np.zeros_like(ink)
    out = np.zeros_like(ink)
    margin = max(3, int(dpi / 40))
    gap = max(3, int(dpi / 50))
    for stack in _stacks(horizontal, dpi):
        for y, a, b, share in stack:  # a rule a fax broke in pieces, not a row of words
            if share >= MIN_RULE_SHARE:
                across[max(0, y - 1) : y + 2, a : b + 1] = 255
        # The frame's sides lie at the rules' ends: look a little beyond them.
        x0 = max(0, min(r[1] for r in stack) - 3 * gap)
        x1 = min(ink.shape[1], max(r[2] for r in stack) + 3 * gap)
        rows = list(itertools.pairwise(r[0] for r in stack))
        dash_rows = np.zeros((len(rows), x1 - x0), dtype=np.uint8)
        edge_rows = np.zeros((len(rows), x1 - x0), dtype=np.uint8)
        crossed_rows = np.zeros((len(rows), x1 - x0), dtype=bool)
        for r, (ya, yb) in enumerate(rows):
            band = ink[ya + margin : yb - margin, x0:x1]
            if band.shape[0] >= 2 * margin:
                dash_rows[r], edge_rows[r], crossed_rows[r] = _marks(band, gap)
        # A rule's dashes drift by a pixel or two from row to row (residual skew).
        near = cv2.dilate(dash_rows, np.ones((1, 2 * gap + 1), np.uint8))
        votes = near.sum(axis=0)
        edges = cv2.dilate(edge_rows, np.ones((1, 2 * gap + 1), np.uint8)).sum(axis=0)
        need = max(2, int(np.ceil(MIN_ROWS_SHARE * len(rows))))
        cols = np.flatnonzero(votes >= need)
        for run in np.split(cols, np.flatnonzero(np.diff(cols) > 1) + 1) if len(cols) else []:
            x = int(np.mean(run[votes[run] == votes[run].max()]))  # the dashes' middle
            if edges[run].max() < MIN_EDGE_ROWS:
                continue  # a column of like letters ("1" of "01"), inside the cells' padding
            for r, (ya, yb) in enumerate(rows):
                # Not where words run across it: a header cell spanning two columns.
                if near[r, x] or not crossed_rows[r, max(0, x - 1) : x + 2].any():
                    # As wide as the dashes' drift: none is left for the OCR to read "|".
                    out[ya:yb, max(0, x0 + x - gap) : x0 + x + gap + 1] = 255
    return across, out
