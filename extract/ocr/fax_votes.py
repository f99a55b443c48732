"""A fax figure both models read whole, that no reading contradicts: confirmed.

A fax's thin strokes (the tops of a bold "0", "8" or "9" at 150 dpi, a "5"'s flag) break
or vanish at the sender's threshold, and the readers of a cell then disagree in small
ways: one drops a digit ("89" read "8" by psm 13, "9" by the page OCR), another reads
it whole but not quite surely (0.6-0.8). `grey_read` confirms a figure only where the
digits model and the Vietnamese model both read its grey crop surely (0.8 each), and
`fax_cuts` only where three of four cuts read it whole: such a figure was flagged
though every reading was the figure or a part of it.

Here the two models are the two independent readers: the Vietnamese model (the page OCR,
or its read of the cell's softened grey crop) and the digits model (the cell's first
binarised re-read, or its read of the grey crop). A number each model read whole, once
at least, fairly surely (`VIE_SURE`, `ENG_SURE`), while every other reading of the cell
is empty or that number with digits left out (`subsequence`: a digit dropped, never one
seen that it lacks nor two in another order), is confirmed at the lower of the two
confidences. A page OCR that read only part of it is outvoted (it dropped a digit). Any
reading against it leaves the cell as it was (flagged where it was flagged). Figures a
seal's wipe or a stamp may have cut are capped after this (`figure_reads`), as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import replace
from pathlib import Path

import numpy as np

from ..settings import ScanSettings
from . import cells, grey_read
from .confidence import subsequence

VIE_SURE = 0.75  # the Vietnamese model's least sure word, on the page or the grey crop
ENG_SURE = 0.6  # the digits model's read (its cut or the grey crop): `min_digits_confidence`
UNREADABLE = "?"  # as `figure_reads.UNREADABLE`: a streaked figure `fax_cuts` gave up on


def _digits(text: str | None) -> str:
    """A reading's digits in order ("q9" → "9"); a "?" or nothing is no reading."""
    return "".join(ch for ch in text or "" if ch.isdigit())


def voted(
    vie: Sequence[tuple[str, float]], eng: Sequence[tuple[str, float]], others: Sequence[str]
) -> tuple[str, float] | None:
    """The number both models read whole (a `vie` and an `eng` reading, each sure
    enough), and how sure (the lower of the two), where no reading (`vie`, `eng`,
    `others`) saw a digit it lacks; None otherwise."""
    whole_vie = {t: c for t, c in vie if cells.NUMBER.match(t) and c >= VIE_SURE}
    whole_eng = {t: c for t, c in eng if cells.NUMBER.match(t) and c >= ENG_SURE}
    both = set(whole_vie) & set(whole_eng)
    if len(both) != 1:
        return None
    (number,) = both
    readings = [t for t, _c in (*vie, *eng)] + list(others)
    if any(not subsequence(_digits(t), number) for t in readings):
        return None
    best_vie = max(c for t, c in vie if t == number)
    best_eng = max(c for t, c in eng if t == number)
    return number, min(best_vie, best_eng)


def confirm(
    clean: np.ndarray,
    dpi: float,
    boxes: Sequence[tuple[int, int, int, int]],
    page_reads: Sequence[tuple[str | None, float]],
    first_reads: Sequence[tuple[str, float]],
    checked: list[cells.DigitsRead],
    pool: Executor,
    work: Path,
    settings: ScanSettings,
) -> list[cells.DigitsRead]:
    """`checked` (one read per number cell of a fax in `boxes`, `clean` softened) with
    each figure not yet sure that both models read whole and no reading contradicts
    (`voted`) confirmed. `page_reads`: the page OCR's number in each cell (1s restored,
    None where it read words) and its confidence; `first_reads`: each cell's first
    digits-only re-read."""
    todo = [
        i
        for i, r in enumerate(checked)
        if page_reads[i][0] is not None
        and r.text != UNREADABLE
        and not (r.text and page_reads[i][0] == r.text)
        and not (r.confirmed and r.confidence >= settings.min_digits_confidence)
        and not r.outvoted
    ]
    if not todo:
        return checked
    crops = [
        grey_read.grey_crop(clean[y0:y1, x0:x1], dpi) for x0, y0, x1, y1 in (boxes[i] for i in todo)
    ]
    work.mkdir(exist_ok=True)
    eng_grey = pool.submit(cells.read_grey, crops, work, settings, True).result()
    vie_grey = pool.submit(cells.read_grey, crops, work, settings, False).result()
    out = list(checked)
    for i, (d, dc), (w, wc) in zip(todo, eng_grey, vie_grey, strict=True):
        page, page_conf = page_reads[i]
        r = checked[i]
        vie = [(page or "", page_conf), (cells.ones_restored(cells.clean_number(w)), wc)]
        eng = [first_reads[i], (cells.clean_number(d), dc)]
        kept = [r.text, r.other or ""]
        found = voted(vie, eng, kept)
        if found is None:
            continue
        number, conf = found
        out[i] = replace(
            r,
            text=number,
            confidence=conf,
            other=None,
            confirmed=True,
            outvoted=bool(page) and page != number,
        )
    return out
