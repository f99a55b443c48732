"""A photo's faint rules made whole again before the grid is built.

A grey rule photographed with a phone's grain and JPEG comes out as a dashed line: only
25 grey levels under the paper, its pixels fall in and out of the ink by noise, and the
rule finder (a 9 mm long run of ink) keeps only pieces of it. Where a piece is missing,
the grid merges two rows into one cell ("02 17 89"). Averaged along the rule's own
direction the noise cancels and the rule does not: the pieces join. Text smeared the same
way makes no long run on the few rows of a rule, and only runs on the rows of a rule
already found are added, so nothing new appears in the prose.
"""

from __future__ import annotations

import cv2
import numpy as np

from .grid import RulingLines

SMEAR = 7  # pixels averaged along the rule: joins the dashes, not words into bars


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


def whole_rules(gray: np.ndarray, lines: RulingLines, dpi: float) -> RulingLines:
    """`lines` with the broken rules of a photo joined along their length, both ways."""
    horizontal = _joined(gray, lines.horizontal, dpi)
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
    return RulingLines(horizontal=horizontal, vertical=vertical, ink=lines.ink)
