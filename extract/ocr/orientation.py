"""Which way up a level page is: its text lines' ink above and below their middle band.

Printed Vietnamese puts far more ink above the x-height band than below it: capitals,
ascenders (b d h k l t) and most diacritics (á ầ ố ơ ư) stand above; only descenders
(g p q y) and the dot below (ạ ệ) hang under. Upside down the balance flips. Counting it
takes milliseconds on a page, where Tesseract's orientation detection takes a second or
more, and it reads a page whose letters Tesseract's OSD finds too few or too broken.
"""

from __future__ import annotations

import cv2
import numpy as np

from . import geometry, sender_line

WORK_DPI = 120.0  # enough for a diacritic to stay a few pixels tall
MIN_GAP = 0.035  # inches: the median gap between a vote's lines, at least (4 px)


def _text_mask(gray: np.ndarray, dpi: float) -> tuple[np.ndarray, float]:
    """Ink of letter-sized marks only (no rules, frames, stamps' rings, signatures), at
    about `WORK_DPI`; returns the mask and its dpi."""
    k = min(1.0, WORK_DPI / dpi)
    small = gray if k == 1.0 else cv2.resize(gray, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)
    wdpi = dpi * k
    _t, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    _n, labels, stats, _c = cv2.connectedComponentsWithStats(ink, connectivity=8)
    hgt, wid = stats[:, cv2.CC_STAT_HEIGHT], stats[:, cv2.CC_STAT_WIDTH]
    keep = (hgt <= 0.3 * wdpi) & (wid <= 0.6 * wdpi) & (stats[:, cv2.CC_STAT_AREA] >= 2)
    keep[0] = False
    mask = np.where(keep, 255, 0).astype(np.uint8)[labels]  # uint8 lookup
    # A fax's sender line runs across the sheet's top edge whichever way the page lies:
    # on a sparse page its letters, each a "line" across the quarter turn, outvoted the
    # page's few real lines. Nothing of a return's own print lies that close to the edge.
    m = int(sender_line.EDGE * wdpi)
    mask[:m], mask[-m:], mask[:, :m], mask[:, -m:] = 0, 0, 0, 0
    return mask, wdpi


def upright_score(gray: np.ndarray, dpi: float) -> tuple[float, int]:
    """(score, lines): score in -1..1, positive when the text stands upright, negative
    when it is upside down; `lines` is how many text lines it rests on.

    Each line is a run of rows with ink; its middle band is the rows holding at least
    half its densest row's ink; the line votes for the side (above or below that band)
    holding more ink. Runs much taller than the usual line are skipped: two lines run
    together (a wrapped label, blur) put a whole line below the first one's band. Votes
    rather than ink sums: on upright pages the sums leaned +0.09..+0.65, the votes
    +0.29..+0.89 (20 turned scans and faxes, 32 photo pages of the tuning half).
    """
    mask, wdpi = _text_mask(gray, dpi)
    return _vote(mask, wdpi)


def both_axes(
    gray: np.ndarray, dpi: float, columns_angle: float = 0.0
) -> tuple[tuple[float, int], tuple[float, int]]:
    """`upright_score` of the page as it lies and turned a quarter clockwise, from one
    text mask (the mask is turned, not the page: half the time).

    `columns_angle` levels the page's columns (`geometry.column_angle`) for the quarter
    turn's vote: a page lying sideways was levelled by its rows, which are not its
    text's lines, and can be degrees off; its lines, slanted down the page, merge and
    mix their ink above and below the middle band, and the few letters across (a fax's
    sender line, a signature) then outvote them: a layouts page 2 whose rows run down
    the page stood unturned, another upside down. Each axis votes levelled along it."""
    mask, wdpi = _text_mask(gray, dpi)
    cols = mask if abs(columns_angle) < 0.05 else geometry.rotate(mask, columns_angle, fill=0)
    # Turned a quarter clockwise, the mask's rows are its columns as they lie, in order.
    return _vote(mask, wdpi), _vote_rows(_ink_per_line(cols, 0), wdpi)


def _ink_per_line(mask: np.ndarray, axis: int) -> np.ndarray:
    """Ink pixels of a 0/255 mask per column (`axis` 0) or row (1), summed by OpenCV
    (numpy's sum over a boolean page is 20x slower)."""
    return (cv2.reduce(mask, axis, cv2.REDUCE_SUM, dtype=cv2.CV_32S).ravel() // 255).astype(
        np.float64
    )


def _vote(mask: np.ndarray, wdpi: float) -> tuple[float, int]:
    """The lines' vote on a text mask (see `upright_score`)."""
    return _vote_rows(_ink_per_line(mask, 1), wdpi)


def _vote_rows(rows: np.ndarray, wdpi: float) -> tuple[float, int]:
    """The lines' vote on a text mask's ink per row."""
    if not rows.any():
        return 0.0, 0
    floor = max(1.0, 0.02 * float(rows.max()))
    on = rows >= floor
    edges = np.flatnonzero(np.diff(np.concatenate([[0], on.astype(np.int8), [0]])))
    # Lines lie apart; a sparse page's few words, counted across their lines, are
    # letters a pixel or two apart: a fax page 2's table (upright, 27 "lines" across
    # the quarter turn, 2 px apart) was turned a quarter. Lines voted 5 px apart or more
    # on every page the vote turned right (tuning half, 316 pages), letters 1-3.
    gaps = edges[2::2] - edges[1:-1:2]
    if gaps.size and float(np.median(gaps)) < MIN_GAP * wdpi:
        return 0.0, 0
    min_height = max(3, int(0.04 * wdpi))
    runs = [(a, b) for a, b in zip(edges[::2], edges[1::2], strict=True) if b - a >= min_height]
    if not runs:
        return 0.0, 0
    tall = 1.6 * float(np.median([b - a for a, b in runs]))
    votes: list[float] = []
    for a, b in runs:
        if b - a > tall:
            continue
        prof = rows[a:b]
        core = np.flatnonzero(prof >= 0.5 * prof.max())
        above, below = float(prof[: core[0]].sum()), float(prof[core[-1] + 1 :].sum())
        if above != below:
            votes.append(1.0 if above > below else -1.0)
    return (float(np.mean(votes)) if votes else 0.0), len(votes)
