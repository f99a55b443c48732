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


def _continuing(runs: np.ndarray, found: np.ndarray) -> np.ndarray:
    """The runs on the rows of a rule already found (anywhere across the page), three
    rows either side: a band that thin holds no smeared text."""
    ruled = cv2.dilate(
        (cv2.reduce(found, 1, cv2.REDUCE_MAX) > 0).astype(np.uint8), np.ones((7, 1), np.uint8)
    )
    runs[ruled.ravel() == 0] = 0
    return runs


def _joined(gray: np.ndarray, found: np.ndarray, dpi: float) -> np.ndarray:
    """`found` (horizontal rules) with their broken pieces joined."""
    added = _continuing(_thin_runs(gray, dpi), found)
    if not added.any():
        return found
    added = cv2.dilate(added, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    return cv2.bitwise_or(found, added)


def whole_rules(gray: np.ndarray, lines: RulingLines, dpi: float) -> RulingLines:
    """`lines` with the broken rules of a photo joined along their length, both ways."""
    horizontal = _joined(gray, lines.horizontal, dpi)
    vertical = _joined(np.ascontiguousarray(gray.T), np.ascontiguousarray(lines.vertical.T), dpi).T
    return RulingLines(
        horizontal=horizontal, vertical=np.ascontiguousarray(vertical), ink=lines.ink
    )
