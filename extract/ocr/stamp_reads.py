"""A photo's figure under a lifted stamp, read again from its print alone.

On a photo a red stamp is lifted to paper by its colour (`stamp_ink`), and print under
it is kept; but the lift leaves a ghost: the stamp's blurred edges half lifted (a faint
outline of its ring, star and letters) and its body lifted brighter than the tinted
paper around it. A figure in such a cell is not sure on its digits re-reads alone (a
stroke may have gone with the stamp), so it needs the page OCR's agreement; and the page
OCR, reading the ghost's edges beside the digits, read "956" for "56", "102)" for "12",
or nothing at all, and the two models reading the cell's grey crop (`grey_read`) read
the ghost too. Those figures were flagged though plain to see.

Here the cell's print is kept alone: the marks the digits re-read's crop keeps (Otsu's
cut, specks and marks off the figure's line dropped), each with its own grey and a
pixel's rim, all else white; the ghost's faint outline is lighter than the cut and its
bright body is paper. Two models read it (digits-only `eng`, and `vie` without a
whitelist); when both read, surely, the number the binarised re-reads confirmed, it
stands for the page OCR's agreement: where the page OCR read nothing, or read the same
digits with more beside them (the ghost's edge read as a digit or a bracket). A page OCR
reading other digits still flags the figure, and so does a stamp that may have hidden a
digit (`cell_kinds.under_stamp` with the figure's ink: never sure).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from concurrent.futures import Executor
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np

from ..settings import ScanSettings
from . import cell_crops, cells
from .confidence import subsequence

MIN_CONF = 0.8  # each print-only read's least sure word (as `grey_read`)
PRINT_CORE = 0.2  # percentile of the cell: its figure's darkest ink
PRINT_CUT = 0.5  # of the way from that core to the paper (the cell's median)


def print_only(gray_crop: np.ndarray, dpi: float) -> np.ndarray:
    """The cell's print at ~300 dpi with its grey, stretched to black, on white. The cut
    lies halfway from the print's core to the paper: Otsu's would part the paper from
    the ghost's brighter body, or keep its outline with the print."""
    core, paper = np.percentile(gray_crop, (PRINT_CORE, 50))
    cut = float(core + PRINT_CUT * (paper - core))
    crop, _touched = cell_crops.prepare_crop(gray_crop, dpi, cut=cut, shaded=True)
    return cv2.normalize(crop, None, 0, 255, cv2.NORM_MINMAX)


def _ghost_read(page_number: str | None, number: str) -> bool:
    """Whether the page OCR's reading leaves the figure open to the print-only reads: it
    read nothing, or the same digits with more beside them (the ghost's edges)."""
    if page_number is None:  # words, not a figure
        return False
    seen = "".join(ch for ch in page_number if ch.isdigit())
    return not page_number or (page_number != number and subsequence(number, seen))


def confirm(
    clean: np.ndarray,
    dpi: float,
    boxes: Sequence[tuple[int, int, int, int]],
    page_numbers: Sequence[str | None],
    checked: list[cells.DigitsRead],
    lifted: Collection[int],
    pool: Executor,
    work: Path,
    settings: ScanSettings,
) -> tuple[list[cells.DigitsRead], set[int]]:
    """`checked` with each figure of `lifted` (cells unsure only for a lifted stamp's
    ink in them) that the re-reads confirmed and both models read alike from its print
    alone made as sure as the page OCR's agreement would; and those figures' indices
    (their stamp no longer caps them)."""
    todo = [
        i
        for i in sorted(lifted)
        if cells.NUMBER.match(checked[i].text)
        and (checked[i].confirmed or subsequence(checked[i].other or "", checked[i].text))
        and _ghost_read(page_numbers[i], checked[i].text)
    ]
    if not todo:
        return checked, set()
    crops = [print_only(clean[y0:y1, x0:x1], dpi) for x0, y0, x1, y1 in (boxes[i] for i in todo)]
    work.mkdir(exist_ok=True)
    digits = pool.submit(cells.read_grey, crops, work, settings, True).result()
    words = pool.submit(cells.read_grey, crops, work, settings, False).result()
    out, sure = list(checked), set()
    for i, (a, ca), (b, cb) in zip(todo, digits, words, strict=True):
        a, b = cells.clean_number(a), cells.clean_number(b)
        if a == b == checked[i].text and min(ca, cb) >= MIN_CONF:
            conf = min(ca, cb)
            out[i] = replace(
                out[i],
                confidence=max(out[i].confidence, conf),
                seconded=max(out[i].seconded, conf),
                outvoted=bool(page_numbers[i]),
            )
            sure.add(i)
    return out, sure
