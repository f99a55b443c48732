"""A fax figure typed with a leading zero ("07"), its "0" read as a mark: shown a zero.

Returns are typed zero-padded; on a standard fax the thin "0" of "07" breaks or thickens
and the page OCR reads it as a letter or a sign ("q7", "q07", "@7"), while the digits
re-read reads "07". Both say 7, but the cell's text holds a mark, so the value is
flagged (`values`: "ô «q7» không phải một số rõ ràng"). The mark may as well be a "9"
("97", a "q" is a 9's shape): the printed value's range proves nothing. So the zero is
checked by its shape in the cell's prepared crop: the leftmost digit's ink is one
closed ring whose hole is in the middle of the digit's height (from its upper third to
its lower third), not a "9"'s hole in its upper half above a tail, nor a "6"'s below a
stem. Only then does the cell's text become the re-read's digits, which the re-read read
surely and confirmed (psm 13 alike), the page's own digits its tail.
"""

from __future__ import annotations

import cv2
import numpy as np

from ..document import Table
from . import cell_crops, cells, grid

SURE = 0.8  # the re-read's confidence in "0X" at least (its psm-13 read the same)
HOLE_TOP = 0.35  # a zero's hole starts above this fraction of the digit's height
HOLE_BOTTOM = 0.65  # and ends below this one (a "9"'s ends near the middle)


def zero_first(crop: np.ndarray) -> bool:
    """Whether a prepared crop's leftmost digit (`cell_crops.digit_spans`) is a "0" by
    its shape: one closed ring of ink whose single hole spans the digit's middle third."""
    spans = cell_crops.digit_spans(crop)
    if len(spans) < 2:
        return False
    a, b = spans[0]
    ink = crop[:, a:b] < 128
    rows = np.flatnonzero(ink.any(axis=1))
    if not len(rows):
        return False
    top, bottom = int(rows[0]), int(rows[-1]) + 1
    glyph = ink[top:bottom]
    height = bottom - top
    n, labels = cv2.connectedComponents((~glyph).astype(np.uint8), connectivity=4)
    border = set(np.unique(np.concatenate((labels[0], labels[-1], labels[:, 0], labels[:, -1]))))
    holes = [k for k in range(1, n) if k not in border]
    sizes = {k: int(np.count_nonzero(labels == k)) for k in holes}
    holes = [k for k in holes if sizes[k] >= 4]  # a speck of paper in a stroke: no hole
    if len(holes) != 1:
        return False
    ys = np.flatnonzero((labels == holes[0]).any(axis=1))
    return ys[0] < HOLE_TOP * height and ys[-1] + 1 > HOLE_BOTTOM * height


def shown(text: str, digits: str, confidence: float) -> bool:
    """Whether a cell's page text ("q7", "q07", "@7") is the re-read's "0X" with its zero
    read as a mark: one mark, then the re-read's digits after its zero (or all of them)."""
    if len(digits) < 2 or digits[0] != "0" or not cells.NUMBER.match(digits):
        return False
    if confidence < SURE:
        return False
    t = text.strip()
    if len(t) < 2 or t[0].isdigit() or t[0].isspace():
        return False
    return t[1:] in (digits, digits[1:])


def confirm_page(
    out_tables: list[Table],
    tables: list[grid.GridTable],
    keys: list[tuple[int, int]],
    crops: list[np.ndarray],
    read_confirmed: set[tuple[int, int]],
    kept_out: set[tuple[int, int]],
) -> None:
    """Each fax cell whose page text is its sure, confirmed (`read_confirmed`) re-read's
    "0X" with the zero read as a mark (`shown`), and whose crop shows a zero first
    (`zero_first`), given the re-read's digits as its text. Cells under a stamp or cut
    by a seal's wipe or the cell's edge (`kept_out`) stay as they are."""
    at = {(t, id(gc)): (gc.row, gc.col) for t, table in enumerate(tables) for gc in table.cells}
    for key, crop in zip(keys, crops, strict=True):
        if key in kept_out or key not in read_confirmed:
            continue
        row, col = at[key]
        cell = out_tables[key[0]].cells[row][col]
        if cell is None or not cell.digits:
            continue
        if shown(cell.text, cell.digits, cell.digits_confidence or 0.0) and zero_first(crop):
            cell.text = cell.digits
