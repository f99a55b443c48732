"""A fax figure typed with a leading zero ("05") left unsure: its zero shown by its ring,
its other digit read alone by two models.

Returns are typed zero-padded; on a standard fax the "0X" comes out bold, its zero often
joined to the digit after it, and the readers fail on the pair: the page OCR reads
nothing or a mark for the zero, and the digits model at 300 dpi reads nothing of it, or
the zero alone ("05" read "0", confirmed by psm 13, but unsure), while it reads either
glyph alone surely. So the zero is found by its shape in the cell's prepared crop: the
leftmost glyph is a closed ring, its hole across the middle third of the figure's height
(`leading_zeros`' test, here found by the hole, so a zero joined to the next digit is
found too), with no more than a stroke of ink left of the hole (it is the leftmost
glyph's hole, not the second digit's). What lies right of the ring is the figure's other
digit, read alone by the digits model and by the Vietnamese model, at 300 dpi and at half
that (a standard fax's own resolution, where the digits model reads bold print the 300-dpi
crop hides from it). The digit counts only when both models read it, surely (0.8, as
`grey_read`), at one of the two sizes, and no read at either size saw another digit.
The figure is then "0" and that digit, where the re-read's own digits begin with the zero
and every reading of the cell (the page OCR's digits, the re-read, its second reading,
the stretched read) is "0X" with digits left out, never a digit it lacks; a page OCR
that read the zero as another digit ("93" for "03") is overruled by the ring's shape,
which is no "9"'s (`leading_zeros`: its counter spans the middle third).
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from pathlib import Path

import cv2
import numpy as np

from ..document import Table
from ..settings import ScanSettings
from . import cell_crops, cells, doubts, grid, leading_zeros
from .confidence import subsequence
from .grey_read import MIN_CONF

STROKE = 0.3  # ink left of the zero's hole, at most, as a share of the figure's height
# A zero's counter is about as wide in its upper third as in its lower one (faxed zeros
# on the tune sets: 0.59 and up); a "4"'s triangle narrows to its apex (0.2-0.3 in the
# serif and sans faces returns are typed in), and may span the middle third too.
EVEN = 0.5
SIZES = (1.0, 0.5)  # the tail read at 300 dpi and at half (a standard fax's resolution)
RULE = "fax: zero and its digit read apart"


def zero_cut(crop: np.ndarray) -> int | None:
    """The column of a prepared crop where its leftmost glyph, a zero, ends: right of its
    hole by the width of its left stroke; None where the leftmost glyph is no zero ring
    (`leading_zeros.HOLE_TOP`/`HOLE_BOTTOM`: its hole spans the middle third)."""
    ink = crop < 128
    rows = np.flatnonzero(ink.any(axis=1))
    if not len(rows):
        return None
    top, height = int(rows[0]), int(rows[-1]) + 1 - int(rows[0])
    left = int(np.flatnonzero(ink.any(axis=0))[0])
    n, labels, stats, _c = cv2.connectedComponentsWithStats((~ink).astype(np.uint8), connectivity=4)
    h, w = ink.shape
    holes = [
        (int(x), int(y), int(cw), int(ch), k)
        for k, (x, y, cw, ch, area) in enumerate(stats[1:n], start=1)
        if x > 0 and y > 0 and x + cw < w and y + ch < h and area >= 4
    ]
    if not holes:
        return None
    hx, hy, hw, hh, k = min(holes)  # the leftmost hole
    stroke = hx - left
    if stroke > STROKE * height:
        return None  # more than a stroke left of it: the second digit's hole
    if not (
        hy - top < leading_zeros.HOLE_TOP * height
        and hy + hh - top > leading_zeros.HOLE_BOTTOM * height
    ):
        return None
    widths = (labels[hy : hy + hh] == k).sum(axis=1).astype(float)
    third = max(1, hh // 3)
    upper, lower = float(widths[:third].mean()), float(widths[-third:].mean())
    if min(upper, lower) < EVEN * max(upper, lower):
        return None  # a counter narrowing to one end: a "4"'s triangle
    cut = hx + hw + stroke
    if any(x < cut for x, _y, _w, _h, j in holes if j != k):
        return None  # a second hole within the zero: an "8", not a "0"
    return cut


def tail(crop: np.ndarray, cut: int) -> np.ndarray | None:
    """The crop right of the zero, with paper where the zero was; None with no ink."""
    rest = crop[:, cut:]
    if not (rest < 128).any():
        return None
    b = cell_crops.CROP_BORDER
    return cv2.copyMakeBorder(rest, 0, 0, b, 0, cv2.BORDER_CONSTANT, value=255)


def read_digit(reads: Sequence[tuple[str, float]]) -> tuple[str, float] | None:
    """The digit of a tail's reads (digits model then Vietnamese model, at each size):
    both models sure of one digit at one size at least, and no read saw another digit."""
    seen = {d for t, _c in reads for d in t if d.isdigit()}
    for eng, vie in zip(reads[::2], reads[1::2], strict=True):
        (d, dc), (v, vc) = (
            (cells.clean_number(eng[0]), eng[1]),
            (cells.clean_number(vie[0]), vie[1]),
        )
        if len(d) == 1 and d.isdigit() and d == v and min(dc, vc) >= MIN_CONF and seen == {d}:
            return d, min(dc, vc)
    return None


def readings(
    cell_text: str, read: cells.DigitsRead, stretched: str | None, number: str
) -> list[str]:
    """Every reading of the cell, as digits: the page OCR's (its 1s restored), the
    re-read, its second reading, the stretched read. A page OCR that read another digit
    where the ring stands, and the figure's digit after it ("93" for "03": a broken
    zero's ring read as a "9"'s loop), read the zero: the ring's shape is no "9"'s."""
    page = "".join(ch for ch in cells.ones_restored(cells.clean_number(cell_text)) if ch.isdigit())
    if len(page) == len(number) and page[1:] == number[1:]:
        page = number
    texts = [page, read.text, read.other or "", stretched or ""]
    return ["".join(ch for ch in t if ch.isdigit()) for t in texts]


def confirm_page(
    out_tables: list[Table],
    tables: list[grid.GridTable],
    keys: list[tuple[int, int]],
    crops: list[np.ndarray],
    digit_reads: dict[tuple[int, int], cells.DigitsRead],
    stretched_of: dict[tuple[int, int], str],
    kept_out: set[tuple[int, int]],
    pool: Executor,
    work: Path,
    settings: ScanSettings,
) -> None:
    """Each fax cell left unsure (under `min_digits_confidence`) whose re-read begins with
    a zero, whose crop shows a zero ring first (`zero_cut`) and one digit after it that
    both models read alike (`read_digit`), and whose readings all fit "0" and that digit,
    given that figure, as sure as the digit's reads. Cells under a stamp or cut by a
    seal's wipe or the cell's edge (`kept_out`), and figures a rule made unreadable,
    stay as they are."""
    at = {(t, id(gc)): (gc.row, gc.col) for t, table in enumerate(tables) for gc in table.cells}
    todo: list[tuple[tuple[int, int], np.ndarray]] = []
    for key, crop in zip(keys, crops, strict=True):
        if key in kept_out:
            continue
        row, col = at[key]
        cell = out_tables[key[0]].cells[row][col]
        if cell is None or not cell.digits or not cells.NUMBER.match(cell.digits):
            continue
        if not cell.digits.startswith("0") or len(cell.digits) > 2:
            continue
        if (cell.digits_confidence or 0.0) >= settings.min_digits_confidence:
            continue
        cut = zero_cut(crop)
        rest = None if cut is None else tail(crop, cut)
        if rest is not None and not cell_crops.wider_than_read(rest, "0"):
            todo.append((key, rest))
    if not todo:
        return
    sized = [
        r if k == 1.0 else cv2.resize(r, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)
        for k in SIZES
        for _key, r in todo
    ]
    work.mkdir(exist_ok=True)
    eng = pool.submit(cells.read_grey, sized, work, settings, True).result()
    vie = pool.submit(cells.read_grey, sized, work, settings, False).result()
    n = len(todo)
    for i, (key, _rest) in enumerate(todo):
        reads = [r for s in range(len(SIZES)) for r in (eng[s * n + i], vie[s * n + i])]
        found = read_digit(reads)
        if found is None:
            continue
        number = "0" + found[0]
        row, col = at[key]
        cell = out_tables[key[0]].cells[row][col]
        assert cell is not None
        seen = readings(cell.text, digit_reads[key], stretched_of.get(key), number)
        if any(not subsequence(t, number) for t in seen):
            continue
        cell.text, cell.digits = number, number
        cell.digits_confidence = round(found[1], 4)
        doubts.note(cell, RULE)
