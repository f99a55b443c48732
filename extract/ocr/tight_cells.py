"""Figures typed tight against their cell's rules: whole, though their crop touches its edge.

A grid cell's interior is cut a few pixels inside its rules (`grid`, `max(3, dpi / 60)`).
A figure typed with no cell padding in a small row (11 pt, 150 dpi) reaches past that cut,
so its crop's ink touches the edge and every re-read of it is capped at half sure (a digit
may lie beyond). With the page OCR skipping a lone digit ("3", "8", unpadded), nothing
else reads it, and right figures went to review. Read on the page as scanned (its rules
in it), such a figure that stands apart from the rules, and from anything beyond its
cell, is whole: nothing of it lies beyond the cut.
"""

from __future__ import annotations

import cv2
import numpy as np

MIN_AREA = 4  # pixels: a mark smaller is a speck, no digit's part


def whole_in_cell(gray: np.ndarray, box: tuple[int, int, int, int], dpi: float) -> bool:
    """Whether every mark reaching into the cell's interior `box` ends short of the
    rules around it: the interior grown to the rules' middle and a pixel past, every
    mark inside it must touch none of its sides (a mark joined to a rule, or running on
    beyond it, does). Where not, the crop may have cut a digit: False."""
    grow = max(3, int(dpi / 60)) + 1  # the grid's inset, and a pixel past the rule's middle
    x0, y0, x1, y1 = box
    h, w = gray.shape[:2]
    gx0, gy0, gx1, gy1 = x0 - grow, y0 - grow, x1 + grow, y1 + grow
    if gx0 < 0 or gy0 < 0 or gx1 > w or gy1 > h or x1 - x0 < 4 or y1 - y0 < 4:
        return False
    crop = gray[gy0:gy1, gx0:gx1]
    ink = (crop < _core_cut(crop)).astype(np.uint8)
    _n, labels, stats, _c = cv2.connectedComponentsWithStats(ink, connectivity=8)
    ch, cw = ink.shape
    reaching = set(np.unique(labels[grow : ch - grow, grow : cw - grow]).tolist()) - {0}
    marks = 0
    for i in reaching:
        x, y, bw, bh, area = (int(v) for v in stats[i])
        if area < MIN_AREA:
            continue  # a speck
        if x == 0 or y == 0 or x + bw >= cw or y + bh >= ch:
            return False  # joined to a rule, or running on past it
        marks += 1
    return marks > 0


def _core_cut(crop: np.ndarray) -> float:
    """Halfway between the paper and the print's darkest: a blurred scan's grey halo
    (Otsu puts it on the ink side, as the paper is most of the crop) joins a digit to a
    rule three pixels off; a stroke that meets the rule is as dark as the print."""
    paper = float(np.median(crop))
    core = float(np.percentile(crop, 1))
    return (paper + core) / 2
