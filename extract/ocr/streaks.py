"""Streaks along a fax's or scanner's feed, taken off the page as it came.

A dirty read head draws a thin dark line down (or across) the whole page, exactly along
the image's rows or columns. Once the page is deskewed it runs at a slant through the
table: a ruling line to the grid, a "|" that welds two rows to the layout, a stroke through
a figure. On the page as scanned it is still straight, so it is found by its profile (ink
along nearly the whole length, a few pixels wide) and filled from beside it: where a
stroke of print crosses the streak, both sides are ink and the stroke stays whole.

Ink is judged against the paper around it, not against a fixed grey: in a phone photo a
shadow or a dark desk is as dark as print, and a table's rule running through it would
cover the whole width and be taken for a streak (and wiped, the table with it).
"""

from __future__ import annotations

import cv2
import numpy as np

from .geometry import paper_level

MIN_SHARE = 0.9  # of the page's length: a ruling line stops at its table's frame
MAX_WIDTH = 6  # pixels: a streak is a hairline; a dark edge from the lid is far wider
INK_LEVEL = 128  # a neighbour darker than this is print beside the streak


def _runs(on: np.ndarray) -> list[tuple[int, int]]:
    idx = np.flatnonzero(on)
    if not len(idx):
        return []
    breaks = np.flatnonzero(np.diff(idx) > 1)
    starts = np.concatenate(([idx[0]], idx[breaks + 1]))
    ends = np.concatenate((idx[breaks], [idx[-1]]))
    return list(zip(starts.tolist(), (ends + 1).tolist(), strict=True))


def _streak_runs(share: np.ndarray) -> list[tuple[int, int]]:
    """Runs of columns (`share`: each column's share of ink) that are a streak: inked
    along nearly the whole length, a hairline wide, not at the page's edge."""
    w = len(share)
    return [
        (a, b) for a, b in _runs(share >= MIN_SHARE) if not (b - a > MAX_WIDTH or a == 0 or b >= w)
    ]


def _fill_columns(gray: np.ndarray, runs: list[tuple[int, int]], lost: np.ndarray) -> None:
    """Fill the streak columns `runs` in place, marking in `lost` where the fill left
    paper beside ink."""
    for a, b in runs:
        left, right = gray[:, a - 1], gray[:, b]
        gray[:, a:b] = np.maximum(left, right)[:, None]  # paper unless ink on both sides
        # Ink on one side only: a stroke running along the streak, or ending at it.
        beside = (np.minimum(left, right) < INK_LEVEL).astype(np.uint8)[:, None] * 255
        lost[:, a:b] = np.maximum(lost[:, a:b], beside)


def remove_streaks(gray: np.ndarray) -> np.ndarray:
    """The page without streaks along its columns or rows (a copy, or itself if none)."""
    return streaks_removed(gray)[0]


def streaks_removed(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """The page without streaks along its columns or rows (a copy, or itself if none),
    and where the fill may have taken print with the streak (255; None without a
    streak): streak pixels filled as paper with ink beside them on one side. A stroke
    of a digit running along the streak (the side of a "2"'s arc, the flag of a "1")
    has ink on one side only, and the lighter neighbour cut it ("28" read "48")."""
    # Darker than half the paper around it: a fax's black on white as before (< 128).
    ink = cv2.compare(cv2.multiply(gray, 2), paper_level(gray), cv2.CMP_LT)  # 0 / 255
    down = cv2.reduce(ink, 0, cv2.REDUCE_AVG, dtype=cv2.CV_32F).ravel() / 255.0
    across = cv2.reduce(ink, 1, cv2.REDUCE_AVG, dtype=cv2.CV_32F).ravel() / 255.0
    columns, rows = _streak_runs(down), _streak_runs(across)
    if not columns and not rows:  # most pages: no copy, no transposes
        return gray, None
    out = gray.copy()
    lost = np.zeros_like(gray)
    _fill_columns(out, columns, lost)
    if rows:
        turned, lost_t = np.ascontiguousarray(out.T), np.ascontiguousarray(lost.T)
        _fill_columns(turned, rows, lost_t)
        out, lost = np.ascontiguousarray(turned.T), np.ascontiguousarray(lost_t.T)
    return out, lost
