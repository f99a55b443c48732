"""How far a page's text lines still slope, measured from its words' boxes.

A photo's perspective step levels the page's edges, not its lines: a page curled on the
desk leaves its rows running downhill. A table rebuilt from words reads its rows level
(`layout.tables_from_words`) after shearing its words back by this slope.
"""

from __future__ import annotations

import numpy as np

from ._exec import Word

MIN_CHAIN = 4  # words in a run of neighbours whose slope counts
MIN_SPAN = 6.0  # its length, in word heights: a pair's slope is as noisy as its letters
MIN_CHAINS = 3


def _next_words(words: list[Word], height: float) -> np.ndarray:
    """Each word's next word on its line (its nearest right neighbour, close and about
    level), or -1; a word is the next of one word at most."""
    left = np.array([w.left for w in words], dtype=np.float32)
    right = left + np.array([w.width for w in words], dtype=np.float32)
    h = np.array([w.height for w in words], dtype=np.float32)
    cy = np.array([w.top for w in words], dtype=np.float32) + h / 2
    gap = left[None, :] - right[:, None]  # from word i's end to word j's start
    near = (
        (gap >= -0.1 * height)
        & (gap <= 1.2 * height)
        & (np.abs(cy[None, :] - cy[:, None]) <= 0.5 * height)
        & (h[None, :] <= 1.5 * height)
        & (h[:, None] <= 1.5 * height)
    )
    np.fill_diagonal(near, False)
    gap = np.where(near, gap, np.inf)
    nxt = np.argmin(gap, axis=1)
    nxt[~np.isfinite(gap[np.arange(len(words)), nxt])] = -1
    taken: dict[int, int] = {}
    for i in np.argsort(gap[np.arange(len(words)), np.maximum(nxt, 0)]):
        j = int(nxt[i])
        if j >= 0 and j in taken:
            nxt[i] = -1  # the word is already another's next, closer
        elif j >= 0:
            taken[j] = int(i)
    return nxt


def line_slope(words: list[Word], height: float) -> float:
    """How far the text lines drop per pixel across (dy/dx): the median slope of the runs
    of neighbouring words long enough to tell (a pair's slope is all its letters'
    heights). 0.0 with too few runs."""
    if len(words) < MIN_CHAIN * MIN_CHAINS:
        return 0.0
    nxt = _next_words(words, height).tolist()
    cx = [w.left + w.width / 2 for w in words]
    cy = [w.top + w.height / 2 for w in words]
    heads = set(range(len(words))) - set(nxt)
    slopes: list[float] = []
    for i in heads:
        chain = [i]
        while nxt[chain[-1]] >= 0 and len(chain) <= len(words):
            chain.append(nxt[chain[-1]])
        if len(chain) < MIN_CHAIN or cx[chain[-1]] - cx[i] < MIN_SPAN * height:
            continue
        xs = np.array([cx[k] for k in chain])
        ys = np.array([cy[k] for k in chain])
        xs -= xs.mean()
        slopes.append(float((xs * (ys - ys.mean())).sum() / (xs * xs).sum()))
    return float(np.median(slopes)) if len(slopes) >= MIN_CHAINS else 0.0


def shifted(box: tuple[int, int, int, int], dy: float) -> tuple[int, int, int, int]:
    """A box moved down by `dy` (up when negative)."""
    x0, y0, x1, y1 = box
    return (x0, round(y0 + dy), x1, round(y1 + dy))
