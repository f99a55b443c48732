"""A figure standing among a black seal's marks in a fax's cell, told apart from them.

On a fax the seal is as black as the print, and only its ring and star are wiped
(`seals.wipe_rings`): its lettering, broken into slivers by the sender's threshold, and a
star that touched other ink stay. A number cell the seal lies over then holds the figure
and those marks, spread wider and taller than a number: it was judged prose and its
figure never read ("01" among a seal's letters, "02" over its star). Here the figure is
found as print is shaped: marks of a printed digit's height standing on one line, side
by side, clear of every other mark, which must all lie on the seal. The cell is then a
number cell whose crop holds that figure alone; the readers and their rules decide as
for any figure (a figure a letter touches, or one the ring's wipe cut, is not helped).
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from .rings import Ring

# A printed figure's height (inches): 12-14 pt digits are ~0.12 in; a fax's threshold
# makes them a little shorter or bolder.
DIGIT_MIN_IN, DIGIT_MAX_IN = 0.08, 0.17
SAME_LINE = 0.2  # of the digit's height: tops and bottoms of one line's digits agree
DIGIT_GAP = 0.6  # of the digit's height: digits of one figure stand this close at most
MAX_ASPECT = 1.6  # width over height: two touching digits at most
CLEAR = DIGIT_GAP  # no seal mark stands nearer the figure than its digits stand apart
SPECK_IN = 0.035  # marks shorter than this are specks (`cell_crops.has_ink`'s size)


def _on_seal(cx: float, cy: float, rings: Sequence[Ring], pad: float) -> bool:
    return any(np.hypot(cx - r.cx, cy - r.cy) <= r.r + r.width + pad for r in rings)


def figure_apart(
    cell_ink: np.ndarray, box: tuple[int, int, int, int], rings: Sequence[Ring], dpi: float
) -> tuple[np.ndarray, np.ndarray] | None:
    """(the figure's ink, where it lies with its edge: the rest of the cell is the seal's)
    in a cell's ink (255 = ink; `box` places it on the page), where one figure stands on
    one line clear of marks that all lie on a seal of `rings`; None otherwise (no such
    figure, or ink off the seals beside it)."""
    x0, y0, x1, y1 = box
    if not any(
        x0 <= r.cx + r.r + r.width
        and x1 >= r.cx - r.r - r.width
        and y0 <= r.cy + r.r + r.width
        and y1 >= r.cy - r.r - r.width
        for r in rings
    ):
        return None  # no seal over the cell
    n, labels, stats, centres = cv2.connectedComponentsWithStats(cell_ink, connectivity=8)
    if n <= 2:
        return None
    lo, hi = DIGIT_MIN_IN * dpi, DIGIT_MAX_IN * dpi
    marks = [i for i in range(1, n) if stats[i, cv2.CC_STAT_HEIGHT] >= SPECK_IN * dpi]
    digits = [
        i
        for i in marks
        if lo <= stats[i, cv2.CC_STAT_HEIGHT] <= hi
        and stats[i, cv2.CC_STAT_WIDTH] <= MAX_ASPECT * stats[i, cv2.CC_STAT_HEIGHT]
    ]
    best: list[int] = []
    for seed in digits:
        h = stats[seed, cv2.CC_STAT_HEIGHT]
        top, bottom = stats[seed, cv2.CC_STAT_TOP], stats[seed, cv2.CC_STAT_TOP] + h
        line = sorted(
            (
                i
                for i in digits
                if abs(stats[i, cv2.CC_STAT_TOP] - top) <= SAME_LINE * h
                and abs(stats[i, cv2.CC_STAT_TOP] + stats[i, cv2.CC_STAT_HEIGHT] - bottom)
                <= SAME_LINE * h
            ),
            key=lambda i: stats[i, cv2.CC_STAT_LEFT],
        )
        # The run of side-by-side digits the seed stands in.
        k = line.index(seed)
        a = b = k
        while a > 0 and _gap(stats, line[a - 1], line[a]) <= DIGIT_GAP * h:
            a -= 1
        while b + 1 < len(line) and _gap(stats, line[b], line[b + 1]) <= DIGIT_GAP * h:
            b += 1
        run = line[a : b + 1]
        if len(run) > len(best):
            best = run
    if not best:
        return None
    others = [i for i in marks if i not in best]
    if not others or not all(
        _on_seal(x0 + centres[i][0], y0 + centres[i][1], rings, 0.02 * dpi) for i in others
    ):
        return None
    figure = np.isin(labels, best)
    h = max(stats[i, cv2.CC_STAT_HEIGHT] for i in best)
    reach = max(1, round(float(CLEAR * h)))
    near = (
        cv2.dilate(figure.astype(np.uint8), np.ones((2 * reach + 1, 2 * reach + 1), np.uint8)) > 0
    )
    seal = np.isin(labels, others)
    if (seal & near).any():
        return None  # a seal's mark touches the figure or comes close: it may be part of it
    # Every other mark goes, its grey edge with it (a fax's `clean` is softened): a
    # sliver of a letter too short to count here joins the figure at the crop's cut.
    kernel = np.ones((2 * max(2, round(dpi / 100)) + 1,) * 2, np.uint8)
    rest = cv2.dilate(((labels > 0) & ~figure).astype(np.uint8), kernel) > 0
    own = cv2.dilate(figure.astype(np.uint8), kernel) > 0
    return (figure * 255).astype(np.uint8), near & ~(rest & ~own)


def _gap(stats: np.ndarray, left: int, right: int) -> int:
    """Pixels of paper between two marks side by side (negative where they overlap)."""
    return int(stats[right, cv2.CC_STAT_LEFT]) - int(
        stats[left, cv2.CC_STAT_LEFT] + stats[left, cv2.CC_STAT_WIDTH]
    )
