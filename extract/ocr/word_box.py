"""A photo's figure re-read where the page OCR saw it, when the cell's re-reads disagree.

The digits-only re-read takes the whole cell: on a photo a stamp's ring crossing the cell
beside "31", or its lettering under "137", comes into the crop and the read fails ("-1"),
while the page OCR read the figure surely. The figure is read once more from the page
OCR's word box alone (a margin around it): when that read agrees with the page OCR's,
two readers agree, as when the page OCR agrees with the cell's re-read; otherwise
nothing changes and the photo rule flags the figure.
"""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import replace
from pathlib import Path

import numpy as np

from ..settings import ScanSettings
from . import cell_crops, cells
from ._exec import Word
from .word_lines import join_words

MIN_PAGE_CONF = 60.0  # the page OCR's least sure word of the figure, 0..100


def _word_crop(
    clean: np.ndarray, ws: list[Word], box: tuple[int, int, int, int]
) -> tuple[int, int, int, int]:
    """The words' box with a quarter of their height around, inside the cell."""
    height = max(w.height for w in ws)
    m = max(2, height // 4)
    x0 = max(box[0], min(w.left for w in ws) - m)
    y0 = max(box[1], min(w.top for w in ws) - m)
    x1 = min(box[2], max(w.left + w.width for w in ws) + m)
    y1 = min(box[3], max(w.top + w.height for w in ws) + m)
    return x0, y0, x1, y1


def confirm(
    clean: np.ndarray,
    dpi: float,
    words: list[Word],
    members: list[list[int]],
    boxes: list[tuple[int, int, int, int]],
    checked: list[cells.DigitsRead],
    pool: Executor,
    work: Path,
    settings: ScanSettings,
    batches: int,
) -> list[cells.DigitsRead]:
    """`checked` (one read per number cell, `members`: the page words in each cell, `boxes`:
    the cells) with the figures the page OCR read surely and differently re-read from
    its words' box; those the re-read then agrees with are confirmed."""
    todo: list[tuple[int, str]] = []
    crops: list[np.ndarray] = []
    for i, (found, box) in enumerate(zip(members, boxes, strict=True)):
        ws = [words[j] for j in found]
        number = cells.clean_number(join_words(ws))
        if not ws or not cells.NUMBER.match(number) or number == checked[i].text:
            continue
        if min(w.conf for w in ws) < MIN_PAGE_CONF:
            continue
        x0, y0, x1, y1 = _word_crop(clean, ws, box)
        if x1 - x0 < 4 or y1 - y0 < 4:
            continue
        crop, _touched = cell_crops.prepare_crop(clean[y0:y1, x0:x1], dpi)
        todo.append((i, number))
        crops.append(crop)
    if not crops:
        return checked
    reads = pool.submit(cells.read_digits, crops, work, settings, batches).result()
    out = list(checked)
    for (i, number), (text, conf) in zip(todo, reads, strict=True):
        if text != number:
            continue
        # Neither of the cell's re-reads read the page's number, and one read another of
        # as many digits (psm 13's "56" and psm 7's "06" where the page and its word box
        # read "96"): a digit the modes see apart, one reading against another, not a
        # confirmation (`cells.DigitsRead.contested`). Where one of them did read it
        # ("36" by psm 7, "56" by psm 13 and the page), the page's side has three.
        rival = _rival(out[i], number)
        out[i] = replace(
            out[i],
            text=text,
            confidence=conf,
            other=rival,
            confirmed=True,
            contested=rival is not None,
        )
    return out


def _rival(read: cells.DigitsRead, number: str) -> str | None:
    """A number the cell's re-reads made out, as many digits long as `number`, but
    another, while neither re-read is `number` (a leading zero more or fewer is the same
    number; a sign is a mark, "-1" for the "31" a ring's arc crossed, not a reading)."""
    reads = (read.text, read.other or "")
    if any(r.lstrip("0") == number.lstrip("0") for r in reads if r.isdigit()):
        return None
    return next((r for r in reads if r.isdigit() and len(r) == len(number)), None)
