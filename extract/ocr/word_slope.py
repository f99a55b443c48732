"""How far a page's text lines still slope, measured from its words' boxes.

A photo's perspective step levels the page's edges, not its lines: a page curled on the
desk leaves its rows running downhill. A table rebuilt from words reads its rows level
(`layout.tables_from_words`) after shearing its words back by this slope.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._exec import Word

MIN_CHAIN = 4  # words in a run of neighbours whose slope counts
MIN_SPAN = 6.0  # its length, in word heights: a pair's slope is as noisy as its letters
MIN_CHAINS = 3
MIN_FAN_RUNS = 6  # runs to fit a slope that changes down the page


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


def _runs(words: list[Word], height: float) -> np.ndarray:
    """The runs of neighbouring words long enough to tell a slope: one row each of
    (mean x, mean y, span across, slope dy/dx)."""
    if len(words) < MIN_CHAIN * MIN_CHAINS:
        return np.zeros((0, 4))
    nxt = _next_words(words, height).tolist()
    cx = [w.left + w.width / 2 for w in words]
    cy = [w.top + w.height / 2 for w in words]
    heads = set(range(len(words))) - set(nxt)
    out: list[tuple[float, float, float, float]] = []
    for i in sorted(heads):
        chain = [i]
        while nxt[chain[-1]] >= 0 and len(chain) <= len(words):
            chain.append(nxt[chain[-1]])
        if len(chain) < MIN_CHAIN or cx[chain[-1]] - cx[i] < MIN_SPAN * height:
            continue
        xs = np.array([cx[k] for k in chain])
        ys = np.array([cy[k] for k in chain])
        dx = xs - xs.mean()
        slope = float((dx * (ys - ys.mean())).sum() / (dx * dx).sum())
        out.append((float(xs.mean()), float(ys.mean()), float(np.ptp(xs)), slope))
    return np.array(out).reshape(-1, 4)


def line_slope(words: list[Word], height: float) -> float:
    """How far the text lines drop per pixel across (dy/dx): the median slope of the runs
    of neighbouring words long enough to tell (a pair's slope is all its letters'
    heights). 0.0 with too few runs."""
    runs = _runs(words, height)
    return float(np.median(runs[:, 3])) if len(runs) >= MIN_CHAINS else 0.0


@dataclass(frozen=True)
class Fan:
    """Text lines whose slope may change down the page. A page photographed at an angle
    that the perspective step could not undo (its edge out of the picture) keeps its
    lines fanning out from a far vanishing point: near the top they run level, near the
    bottom downhill, and no one slope reads every row level (a row's label fell on
    another row's line). The line through height `y` at the page's middle `mid` drops
    `a + b * y` per pixel across; `b` = 0 is one slope for the page."""

    a: float
    b: float = 0.0
    mid: float = 0.0

    def level(self, x: float, y: float) -> float:
        """The height at the page's middle of the line through (x, y)."""
        return (y - self.a * (x - self.mid)) / (1 + self.b * (x - self.mid))

    def drop(self, x: float, y: float) -> float:
        """How far the line through height `y` at the middle lies lower at `x`."""
        return (self.a + self.b * y) * (x - self.mid)

    def steepest(self, y0: float, y1: float) -> float:
        """The largest |slope| of the lines between heights `y0` and `y1`."""
        return max(abs(self.a + self.b * y0), abs(self.a + self.b * y1))


def line_fan(words: list[Word], height: float, page_width: int) -> Fan:
    """The page's lines as a `Fan`: one slope (the runs' median, as `line_slope`) unless
    the runs' slopes change down the page by more than a word's height across it, in a
    straight line of their heights (a weighted fit, the runs that do not fit it left
    out, two thirds of the runs kept)."""
    mid = page_width / 2
    runs = _runs(words, height)
    one = Fan(float(np.median(runs[:, 3])) if len(runs) >= MIN_CHAINS else 0.0, 0.0, mid)
    if len(runs) < MIN_FAN_RUNS:
        return one
    x, y, span, slope = runs.T
    y = y - slope * (x - mid)  # each run's height at the middle
    weight = span  # a run's slope is as sure as it is long (its error ~ 1 / span)
    keep = np.ones(len(runs), dtype=bool)
    for _ in range(3):
        a_mat = np.stack([np.ones(int(keep.sum())), y[keep]], axis=1) * weight[keep, None]
        (a, b), *_ = np.linalg.lstsq(a_mat, slope[keep] * weight[keep], rcond=None)
        off = np.abs(slope - (a + b * y)) * span  # pixels off the fit along each run
        keep = off <= max(0.3 * height, 3 * float(np.median(off)))
    if 3 * keep.sum() < 2 * len(runs) or keep.sum() < MIN_FAN_RUNS:
        return one
    reach = float(np.ptp(y[keep]))
    if abs(b) * reach * page_width < height:
        return one
    return Fan(float(a), float(b), mid)


def shifted(box: tuple[int, int, int, int], dy: float) -> tuple[int, int, int, int]:
    """A box moved down by `dy` (up when negative)."""
    x0, y0, x1, y1 = box
    return (x0, round(y0 + dy), x1, round(y1 + dy))
