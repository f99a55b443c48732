"""A fax figure read with a "3" whose top stroke stands apart from the rest: never sure.

A "5"'s short upright, from its flag down to its bowl, is a thin stroke; at the fax
sender's threshold it can vanish. What is left is a flag above a bowl, and both readers
(the page OCR and the digits re-read, on the same page) see the bowl and the top stroke
of a "3": a fax "56" was read "36" by both, surely (silent). A whole "3" is one mark; its
top stroke apart from the ink below, with white between, is a stroke lost, and whether
it was a "3" or a "5" is not for the shapes to say. Such a figure read with a 3 is
flagged (`table_read`); the page OCR's reading stays, for review. A "5" read "5" often
shows its flag apart too (the joint of its upright and bowl broken): 3 right figures in
30 faxes of faxtune2 and faxtune3 were flagged when 5s were, so they are not; other
digits whose top breaks off (a thin "0"'s arc) read the same either way.
"""

from __future__ import annotations

import cv2
import numpy as np

from . import cell_crops

AMBIGUOUS = "3"  # what a "5" that lost its upright reads as
TOP_PART = 0.45  # the stroke apart lies above this much of the figure's height
MIN_AREA = 20  # px at ~300 dpi: less is a speck (`prepare_crop` drops most)
# A flag is a bar a digit's half wide: at least this much of the figure's height across
# (the "56" read "36": 0.46), and wider than tall by half. A "3" broken at its top arc's
# start leaves the arc's end apart, a blob (0.19-0.22 on faxtune and faxtune2): no doubt.
FLAG_WIDTH = 0.3


def tops_apart(crop: np.ndarray) -> list[tuple[int, int]]:
    """The column spans of top strokes standing apart in a prepared crop: a flag-shaped
    mark (`FLAG_WIDTH`) near the ink's top, in its upper part, with a taller mark under
    it, whose ink in the flag's columns begins below it (white between) and spans half
    its width at least."""
    ink = (crop < 128).astype(np.uint8)
    n, labels, stats, _c = cv2.connectedComponentsWithStats(ink, connectivity=8)
    rows = np.flatnonzero(ink.any(axis=1))
    if n < 3 or not len(rows):
        return []
    top, height = int(rows[0]), int(rows[-1] - rows[0] + 1)
    spans: list[tuple[int, int]] = []
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        if area < MIN_AREA or y - top > 0.15 * height or y + h > top + TOP_PART * height:
            continue
        if w < FLAG_WIDTH * height or w < 1.5 * h:
            continue
        for j in range(1, n):
            if j == i or stats[j][3] < 0.45 * height:
                continue
            under = labels[:, x : x + w] == j
            cols = under.any(axis=0)
            if cols.sum() < 0.5 * w:
                continue
            if int(np.flatnonzero(under.any(axis=1))[0]) >= y + h:
                spans.append((x, x + w))
                break
    return spans


def stem_lost(crop: np.ndarray, number: str) -> bool:
    """Whether a fax figure read `number` (from its prepared crop) may be a "5" read for
    a "3": a top stroke stands apart over a digit read 3 (over any digit, where the
    digits' columns cannot be told apart)."""
    if not any(d in AMBIGUOUS for d in number):
        return False
    tops = tops_apart(crop)
    if not tops:
        return False
    spans = cell_crops.digit_spans(crop)
    digits = [d for d in number if d.isdigit()]
    if len(spans) != len(digits):
        return True
    return any(
        d in AMBIGUOUS and min(b, x1) - max(a, x0) > 0
        for d, (a, b) in zip(digits, spans, strict=True)
        for x0, x1 in tops
    )
