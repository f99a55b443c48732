"""A photo figure the page OCR read with a digit left out, outvoted by three models.

On a photo the page OCR (the Vietnamese model, the whole page at ~200 dpi) drops a thin
digit of a plain figure and is sure of what is left: "31" read "3" (conditions tune seed
552, a blurred landscape photo), while both binarised re-reads of the cell (psm 7 and
psm 13) read "31" and the digits model read its grey crop "31" at 0.95. `grey_read` and
`script_vote` outvote the page only when the word models also read the grey crop surely
(0.8), and on a blurred photo they read "31" at 0.72 (`vie`) and 0.70 (the script
model): the figure was flagged though five reads by three models agreed.

Here, only where the page OCR's number is the re-read's with digits left out (never a
digit the re-read lacks, nor another order), the cell's ink stands apart as at least as
many digits as the re-read has (`cell_crops.ink_digits`: the lost digit is there to
see), the cell's ink touches no edge and holds no lifted stamp: the grey crop read by
the digits model (sure, 0.8), the Vietnamese model and the script model (each 0.6, the
digits' `min_digits_confidence`), all three the re-read's number, outvote the page OCR
(`DigitsRead.outvoted`). Anything else leaves the figure as it was (flagged).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from concurrent.futures import Executor
from dataclasses import replace
from pathlib import Path

import numpy as np

from ..settings import ScanSettings
from . import cell_crops, cells, grey_read, script_vote
from .confidence import subsequence

DIGITS_SURE = grey_read.MIN_CONF  # the digits model's grey read
WORDS_SURE = 0.6  # each word model's grey read


def dropped(page_number: str | None, read: cells.DigitsRead) -> bool:
    """Whether a confirmed, not yet outvoted re-read is the page OCR's number with digits
    the page left out ("3" of "31"), and nothing else against it."""
    return (
        read.confirmed
        and not read.outvoted
        and read.other is None
        and bool(cells.NUMBER.match(read.text))
        and bool(cells.NUMBER.match(page_number or ""))
        and len(page_number or "") < len(read.text)
        and subsequence(page_number or "", read.text)
    )


def confirm(
    clean: np.ndarray,
    dpi: float,
    boxes: Sequence[tuple[int, int, int, int]],
    page_numbers: Sequence[str | None],
    checked: list[cells.DigitsRead],
    number_crops: Sequence[np.ndarray],
    left_out: Collection[int],
    pool: Executor,
    work: Path,
    settings: ScanSettings,
) -> list[cells.DigitsRead]:
    """`checked` (a photo's number cells, `boxes`) with each figure the page OCR read with
    digits dropped (`dropped`) that the three models read whole from its grey crop marked
    as outvoting the page OCR. `left_out`: cells whose ink runs into their edge or holds a
    stamp's lifted ink (no opinion here)."""
    todo = [
        i
        for i, r in enumerate(checked)
        if i not in left_out
        and dropped(page_numbers[i], r)
        and cell_crops.ink_digits(number_crops[i]) >= len(r.text)
    ]
    if not todo:
        return checked
    crops = script_vote.grey_crops(clean, dpi, boxes, todo)
    digits, vie, words = script_vote.model_reads(
        crops, pool, work, settings, ("digits", "vie", "script")
    )
    out = list(checked)
    for i, (a, ca), (b, cb), (c, cc) in zip(todo, digits, vie, words, strict=True):
        number = checked[i].text
        same = cells.clean_number(a) == cells.clean_number(b) == cells.clean_number(c) == number
        if same and ca >= DIGITS_SURE and min(cb, cc) >= WORDS_SURE:
            out[i] = replace(out[i], outvoted=True)
    return out
