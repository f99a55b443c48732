"""A figure the page OCR misread in a face its model knows badly, outvoted by a third
model.

The page OCR is the Vietnamese model (`vie`), and it reads digits of faces other than
Times-like ones worse than the digits model does: DejaVu Sans "89" read "839" on the page
and "39" from the cell's grey crop, both surely, while the digits-only re-reads (psm 7 and
psm 13) and the digits model's grey read all said "89" (typefaces tune seed 202). The
figure went to review although three reads by one model and the digits' plain shape
agreed: the page OCR's sure other number is a reason to doubt, and `grey_read` outvotes
it only when `vie` reads the grey crop as the re-reads do, which it cannot where its own
shapes for the face are wrong.

Debian's `tesseract-ocr-script-viet` ships a second model for Vietnamese (`Vietnamese`,
the script model, trained apart from `vie` on other fonts). Where the page OCR's number
stands against a confirmed re-read and `grey_read` did not outvote it, the cell's grey
crop is read by the digits model and by the script model: both reading the re-read's
number surely outvote the page OCR (`DigitsRead.outvoted`), as `grey_read`'s two models
do. Anything else leaves the figure as it was (flagged).
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import replace
from pathlib import Path

import numpy as np

from ..settings import ScanSettings
from . import cell_crops, cells, grey_read

MIN_CONF = grey_read.MIN_CONF  # each grey read's least sure word


def disputed(page_numbers: Sequence[str | None], checked: Sequence[cells.DigitsRead]) -> list[int]:
    """The figures whose re-reads confirmed a number (psm 7 and psm 13 alike) that the
    page OCR read as another number, not yet outvoted."""
    return [
        i
        for i, r in enumerate(checked)
        if r.confirmed
        and not r.outvoted
        and cells.NUMBER.match(r.text)
        and cells.NUMBER.match(page_numbers[i] or "")
        and page_numbers[i] != r.text
    ]


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
    """`checked` with each disputed figure (`disputed`) that the digits model and the
    script model both read from its grey crop as the re-reads did, surely, marked as
    outvoting the page OCR."""
    todo = disputed(page_numbers, checked)
    if not todo:
        return checked
    crops = grey_crops(clean, dpi, boxes, todo)
    digits, words = model_reads(crops, pool, work, settings, ("digits", "script"))
    out = list(checked)
    for i, (a, ca), (b, cb) in zip(todo, digits, words, strict=True):
        a, b = cells.clean_number(a), cells.clean_number(b)
        if a == b == checked[i].text and min(ca, cb) >= MIN_CONF:
            out[i] = replace(out[i], outvoted=True)
    return out


def read_prose(
    crops: Sequence[np.ndarray], pool: Executor, work: Path, settings: ScanSettings
) -> list[tuple[str, float]]:
    """Prose cells' grey crops (`cell_crops.prepare_text_crop`) read by the script model
    as one line: a figure the Vietnamese model misread as prose ("7.i0D" for "7.125")."""
    if not crops:
        return []
    work.mkdir(exist_ok=True)
    script = replace(settings, language=settings.script_language)
    return pool.submit(cells.read_grey, list(crops), work, script, False).result()


def grey_crops(
    clean: np.ndarray, dpi: float, boxes: Sequence[tuple[int, int, int, int]], todo: list[int]
) -> list[np.ndarray]:
    """The grey crops of the cells `todo` as the model votes read them: a monospaced
    zero's dot or bar taken out (`cell_crops.plain_zeros_grey`)."""
    return [
        cell_crops.plain_zeros_grey(grey_read.grey_crop(clean[y0:y1, x0:x1], dpi))
        for x0, y0, x1, y1 in (boxes[i] for i in todo)
    ]


def model_reads(
    crops: list[np.ndarray],
    pool: Executor,
    work: Path,
    settings: ScanSettings,
    models: Sequence[str],
) -> list[list[tuple[str, float]]]:
    """`crops` read by each of `models`, in order: "digits" (the digits model),
    "vie" (the page OCR's Vietnamese model), "script" (Debian's second Vietnamese model)."""
    work.mkdir(exist_ok=True)
    script = replace(settings, language=settings.script_language)
    how = {"digits": (settings, True), "vie": (settings, False), "script": (script, False)}
    return [pool.submit(cells.read_grey, crops, work, *how[m]).result() for m in models]
