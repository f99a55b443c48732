"""How far a page's text lines still slope, measured from its words' boxes.

A photo's perspective step levels the page's edges, not its lines: a page curled on the
desk leaves its rows running downhill. A table rebuilt from words reads its rows level
(`layout.tables_from_words`) after shearing its words back by this slope.
"""

from __future__ import annotations

import numpy as np

from ._exec import Word


def line_slope(words: list[Word], height: float) -> float:
    """How far the text lines drop per pixel across (dy/dx), from each word and the next
    word of its line: a curled photo's rows run downhill past the deskew. 0.0 with too
    few neighbours to tell."""
    if len(words) < 8:
        return 0.0
    left = np.array([w.left for w in words], dtype=np.float32)
    right = left + np.array([w.width for w in words], dtype=np.float32)
    h = np.array([w.height for w in words], dtype=np.float32)
    cx = (left + right) / 2
    cy = np.array([w.top for w in words], dtype=np.float32) + h / 2
    gap = left[None, :] - right[:, None]  # from word i's end to word j's start
    near = (
        (gap >= 0)
        & (gap <= 1.2 * height)
        & (np.abs(cy[None, :] - cy[:, None]) <= 0.9 * height)
        & (np.abs(h[None, :] - h[:, None]) <= 0.35 * height)
        & (h[:, None] <= 1.5 * height)
    )
    gap = np.where(near, gap, np.inf)
    nxt = np.argmin(gap, axis=1)
    has = np.isfinite(gap[np.arange(len(words)), nxt])
    if has.sum() < 8:
        return 0.0
    i = np.flatnonzero(has)
    j = nxt[i]
    return float(np.median((cy[j] - cy[i]) / np.maximum(cx[j] - cx[i], 1.0)))


def shifted(box: tuple[int, int, int, int], dy: float) -> tuple[int, int, int, int]:
    """A box moved down by `dy` (up when negative)."""
    x0, y0, x1, y1 = box
    return (x0, round(y0 + dy), x1, round(y1 + dy))
