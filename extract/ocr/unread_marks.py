"""Figures the page OCR did not see, for rebuilding a table from words.

Tesseract's sparse-text layout (`--psm 11`) skips much of what stands alone: a single
digit ("7", "0") or a short figure in a cell of its own, typed unpadded, small, in a
narrow or bold face. A table without ruling lines is rebuilt from the page's words, and a
row whose figure was skipped then has nothing in the figures' column: with most figures
unpadded, no column and no table at all. Here, ink that stands apart at the end of a line
of words where no word was read is read again digits-only; what reads as a figure marks
where a figure stands. These marks only place rows and columns: the cells they fall in
are read (and checked) like any other, and a mark is never a reading of its own.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from ..settings import ScanSettings
from . import cell_crops, cells, low_res
from ._exec import Word
from .layout import FIGURE, LETTERS

MAX_MARKS = 40  # a page has few; past this it is noise (a photo's grain, a desk)


def _groups(stats: list[np.ndarray], height: float) -> list[list[int]]:
    """Components side by side on one band, close together: the digits of one figure.

    Left to right, each joins the first group (in the order they were started) whose box
    overlaps its band and ends less than 0.6 of a line's height before it. A group that
    ends further back than that can take no later component (they start further right
    still): it leaves the groups looked at, so a photo's thousands of specks of grain or
    desk cost a pass over a narrow strip, not over every group on the page."""
    order = sorted(range(len(stats)), key=lambda i: stats[i][cv2.CC_STAT_LEFT])
    groups: list[list[int]] = []
    boxes: list[list[int]] = []  # each group's x0, x1, y0, y1
    open_: list[int] = []  # groups that a later component may still join, in order
    for i in order:
        x, y, w, h = (int(v) for v in stats[i][:4])
        open_ = [k for k in open_ if x - boxes[k][1] < 0.6 * height]
        for k in open_:
            gx0, gx1, gy0, gy1 = boxes[k]
            overlap = min(gy1, y + h) - max(gy0, y)
            if overlap > 0.5 * min(h, gy1 - gy0) and x - gx1 < 0.6 * height and x >= gx0:
                groups[k].append(i)
                boxes[k] = [gx0, max(gx1, x + w), min(gy0, y), max(gy1, y + h)]
                break
        else:
            groups.append([i])
            boxes.append([x, x + w, y, y + h])
            open_.append(len(groups) - 1)
    return groups


def _apart_after_words(box: tuple[int, int, int, int], words: list[Word], height: float) -> bool:
    """Whether a mark ends a line of words: a word with letters on its band to its left,
    the nearest word on the band well apart from it, none on it."""
    x0, y0, x1, y1 = box
    cy = (y0 + y1) / 2
    band = [w for w in words if w.top - 0.2 * height <= cy <= w.top + w.height + 0.2 * height]
    if any(w.left < x1 and w.left + w.width > x0 for w in band):
        return False
    left = [w for w in band if w.left + w.width <= x0]
    if not left or not any(LETTERS.search(w.text) for w in left):
        return False
    nearest = max(w.left + w.width for w in left)
    return x0 - nearest > 1.5 * height


def unread_figures(
    gray: np.ndarray,
    words: list[Word],
    dpi: float,
    settings: ScanSettings,
    work: Path,
    grey: bool = False,
) -> list[Word]:
    """Figures at the ends of lines of words that the page OCR left unread, as words
    (digits-only reads, for placing rows and columns; never a cell's reading). With
    `grey` (a low-resolution flatbed scan), a mark the digits-only read left blank is
    read from its grey crop by two models (`low_res.grey_numbers`): a blurred 150-dpi
    "08" read as nothing left its row merged with the next."""
    ws = [w for w in words if w.text.strip() and w.height > 3]
    lettered = [w.height for w in ws if LETTERS.search(w.text)]
    if not lettered:
        return []
    height = float(np.median(lettered))
    cut, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ink = (gray < cut).astype(np.uint8) * np.uint8(255)
    pad = max(2, int(0.1 * height))
    for w in ws:  # what was read is not looked at again
        ink[
            max(0, w.top - pad) : w.top + w.height + pad,
            max(0, w.left - pad) : w.left + w.width + pad,
        ] = 0
    n, _labels, stats, _c = cv2.connectedComponentsWithStats(ink, connectivity=8)
    digit_like = [
        stats[i]
        for i in range(1, n)
        if 0.35 * height <= stats[i][cv2.CC_STAT_HEIGHT] <= 1.2 * height
        and stats[i][cv2.CC_STAT_WIDTH] <= 1.6 * height
    ]
    boxes: list[tuple[int, int, int, int]] = []
    for g in _groups(digit_like, height):
        x0 = min(int(digit_like[j][0]) for j in g)
        y0 = min(int(digit_like[j][1]) for j in g)
        x1 = max(int(digit_like[j][0] + digit_like[j][2]) for j in g)
        y1 = max(int(digit_like[j][1] + digit_like[j][3]) for j in g)
        if (
            len(g) <= 8
            and x1 - x0 <= 6 * height
            and _apart_after_words((x0, y0, x1, y1), ws, height)
        ):
            boxes.append((x0, y0, x1, y1))
    if not boxes or len(boxes) > MAX_MARKS:
        return []
    m = max(2, int(0.3 * height))
    h, w = gray.shape[:2]
    crops = [
        cell_crops.prepare_crop(
            gray[max(0, y0 - m) : min(h, y1 + m), max(0, x0 - m) : min(w, x1 + m)], dpi
        )[0]
        for x0, y0, x1, y1 in boxes
    ]
    work.mkdir(parents=True, exist_ok=True)
    reads = cells.read_digits(crops, work, settings, 1)
    if grey:
        blank = [i for i, (text, _c) in enumerate(reads) if not text]
        raw = [
            gray[max(0, y0 - m) : min(h, y1 + m), max(0, x0 - m) : min(w, x1 + m)]
            for x0, y0, x1, y1 in (boxes[i] for i in blank)
        ]
        found = low_res.grey_numbers(raw, dpi, work / "grey", settings)
        for i, got in zip(blank, found, strict=True):
            reads[i] = got or reads[i]
    return [
        Word(text, x0, y0, x1 - x0, y1 - y0, 100.0 * conf)
        for (x0, y0, x1, y1), (text, conf) in zip(boxes, reads, strict=True)
        if text and FIGURE.match(text)
    ]
