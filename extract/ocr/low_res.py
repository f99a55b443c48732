"""A low-resolution flatbed scan's unsure figures read grey, at two digit heights.

A 150-dpi scan, blurred and JPEG'd, is where the page OCR most often reads nothing in a
number cell, and its binarised re-reads alone are then seldom sure: the digits model,
with its whitelist, reads a plain "56" as nothing from the crop it is given, and surely
as "56" from the same crop 1.5 times larger (Tesseract's LSTM is erratic with the
height of such thick, soft print: "08" read at one height and not at another). Each
such figure is read from its grey crop (no threshold: nothing is invented by a cut) by
the digits model and by the Vietnamese model, at ~300 dpi and enlarged 1.5 times (a
digit some 50 px tall) with a smooth, cubic, enlargement: a figure both models read
alike and surely at one height, that no sure read at the other height contradicts and
that the binarised reads do not contradict, is confirmed. Photos (read grey already,
`grey_read`, from a page enlarged to 200 dpi) and faxes (their own reads) are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np

from ..settings import ScanSettings
from . import cells, grey_read
from .confidence import subsequence

LOW_DPI = 180.0  # a flatbed scan under this (150 dpi) is low-resolution
SCALES = (1.0, 1.5)  # the grey crop at ~300 dpi, then 1.5 times larger


def _sure(read: tuple[str, float]) -> str | None:
    """A grey read's number when it is one and sure enough, else None."""
    text, conf = cells.clean_number(read[0]), read[1]
    return text if cells.NUMBER.match(text) and conf >= grey_read.MIN_CONF else None


def grey_numbers(
    raw_crops: Sequence[np.ndarray], dpi: float, work: Path, settings: ScanSettings
) -> list[tuple[str, float] | None]:
    """Each crop's number (and its least confidence) when both models read its grey crop
    alike and surely at one of SCALES and no sure grey read says another number; None
    otherwise. Reads in this thread (callers already run on the Tesseract pool)."""
    work.mkdir(parents=True, exist_ok=True)
    reads: list[list[tuple[str, float]]] = []
    for n, k in enumerate(SCALES):
        crops = [
            grey_read.grey_crop(
                crop
                if k == 1.0
                else cv2.resize(crop, None, fx=k, fy=k, interpolation=cv2.INTER_CUBIC),
                dpi,
            )
            for crop in raw_crops
        ]
        scale_dir = work / f"s{n}"
        scale_dir.mkdir(exist_ok=True)
        reads.append(cells.read_grey(crops, scale_dir, settings, True))
        reads.append(cells.read_grey(crops, scale_dir, settings, False))
    out: list[tuple[str, float] | None] = []
    for j in range(len(raw_crops)):
        sure = [_sure(r[j]) for r in reads]  # digits, words at each scale in turn
        agreed = {a for a, b in zip(sure[::2], sure[1::2], strict=True) if a and a == b}
        if len(agreed) != 1 or {s for s in sure if s} != agreed:
            out.append(None)
            continue
        number = agreed.pop()
        out.append((number, min(r[j][1] for r, s in zip(reads, sure, strict=True) if s == number)))
    return out


def confirm(
    clean: np.ndarray,
    dpi: float,
    boxes: Sequence[tuple[int, int, int, int]],
    page_numbers: Sequence[str | None],
    checked: list[cells.DigitsRead],
    pool: Executor,
    work: Path,
    settings: ScanSettings,
) -> list[cells.DigitsRead]:
    """`checked` with each figure of a low-resolution page (`dpi` under LOW_DPI) that is
    neither confirmed nor the page OCR's reading, and not words, confirmed when its grey
    crop reads as one number (`grey_numbers`) whose digits the binarised reads do not
    contradict."""
    if dpi >= LOW_DPI:
        return checked
    todo = [
        i
        for i, r in enumerate(checked)
        if page_numbers[i] is not None
        and not r.confirmed
        and not (r.text and page_numbers[i] == r.text)
    ]
    if not todo:
        return checked
    raw = [clean[y0:y1, x0:x1] for x0, y0, x1, y1 in (boxes[i] for i in todo)]
    found = pool.submit(grey_numbers, raw, dpi, work, settings).result()
    out = list(checked)
    for i, got in zip(todo, found, strict=True):
        read = checked[i]  # the binarised reads: nothing, or the number's digits in order
        if got is None or not all(
            not t or subsequence(t, got[0]) for t in (read.text, read.other or "")
        ):
            continue
        out[i] = replace(read, text=got[0], confidence=got[1], other=None, confirmed=True)
    return out
