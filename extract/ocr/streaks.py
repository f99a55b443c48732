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


def _fill_columns(gray: np.ndarray, share: np.ndarray, lost: np.ndarray) -> bool:
    """Fill the streak columns in place (`share`: each column's share of ink), marking in
    `lost` where the fill left paper beside ink; whether there were any."""
    w = gray.shape[1]
    found = False
    for a, b in _runs(share >= MIN_SHARE):
        if b - a > MAX_WIDTH or a == 0 or b >= w:
            continue
        left, right = gray[:, a - 1], gray[:, b]
        gray[:, a:b] = np.maximum(left, right)[:, None]  # paper unless ink on both sides
        # Ink on one side only: a stroke running along the streak, or ending at it.
        beside = (np.minimum(left, right) < INK_LEVEL).astype(np.uint8)[:, None] * 255
        lost[:, a:b] = np.maximum(lost[:, a:b], beside)
        found = True
    return found


def remove_streaks(gray: np.ndarray) -> np.ndarray:
    """The page without streaks along its columns or rows (a copy, or itself if none)."""
    return streaks_removed(gray)[0]


def streaks_removed(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """The page without streaks along its columns or rows (a copy, or itself if none),
    and where the fill may have taken print with the streak (255; None without a
    streak): streak pixels filled as paper with ink beside them on one side. A stroke
    of a digit running along the streak (the side of a "2"'s arc, the flag of a "1")
    has ink on one side only, and the lighter neighbour cut it ("28" read "48")."""
    out = gray.copy()
    lost = np.zeros_like(gray)
    # Darker than half the paper around it: a fax's black on white as before (< 128).
    ink = cv2.compare(cv2.multiply(out, 2), paper_level(out), cv2.CMP_LT)  # 0 / 255
    down = cv2.reduce(ink, 0, cv2.REDUCE_AVG, dtype=cv2.CV_32F).ravel() / 255.0
    across = cv2.reduce(ink, 1, cv2.REDUCE_AVG, dtype=cv2.CV_32F).ravel() / 255.0
    found = _fill_columns(out, down, lost)
    turned, lost_t = np.ascontiguousarray(out.T), np.ascontiguousarray(lost.T)
    if _fill_columns(turned, across, lost_t):
        out, lost, found = np.ascontiguousarray(turned.T), np.ascontiguousarray(lost_t.T), True
    return (out, lost) if found else (gray, None)
