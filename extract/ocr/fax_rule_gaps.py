"""A fax's row rules joined across the stretches its threshold lost.

A hairline sent black and white can vanish for a column or two and come back on the same
row further on: the grid then merges that column's rows into one cell ("19 20") and can
part the table from its labels, so every figure goes missing. Two long pieces of rule on
the same row with a gap no wider than a column between them are one rule; a word's
underline or a heading's rule is short, and pieces on different rows are never joined.
"""

from __future__ import annotations

import cv2
import numpy as np

PIECE = 0.5  # inches: a piece this long is a rule, not an underline
GAP = 2.5  # inches: the widest column a lost stretch may cross
DRIFT = 2  # pixels between the pieces' middle rows: the same rule


def joined_rows(horizontal: np.ndarray, dpi: float) -> np.ndarray:
    """`horizontal` (a fax's row rules, 255 = line) with pieces of one rule joined."""
    n, _labels, stats, _c = cv2.connectedComponentsWithStats(horizontal, connectivity=8)
    pieces = [
        (int(y + h // 2), int(x), int(x + w), int(h))
        for x, y, w, h, _a in stats[1:n]
        if w >= PIECE * dpi and h <= dpi * 0.1
    ]
    pieces.sort(key=lambda p: (p[1], p[0]))
    out = horizontal
    for i, (ya, _xa0, xa1, ha) in enumerate(pieces):
        after = [p for p in pieces[i + 1 :] if abs(p[0] - ya) <= DRIFT and p[1] > xa1]
        if not after:
            continue
        yb, xb0, _xb1, hb = min(after, key=lambda p: p[1])
        if xb0 - xa1 > GAP * dpi:
            continue
        if out is horizontal:
            out = horizontal.copy()
        half = max(1, min(ha, hb) // 2)
        y = (ya + yb) // 2
        out[max(0, y - half) : y + half + 1, xa1 : xb0 + 1] = 255
    return out
