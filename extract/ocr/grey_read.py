"""A photo's blurred bold figure, or a fax's, read from its grey pixels by two models.

Binarised, a blurred bold "56" fills its counters: the digits-only reads give "" and "6",
the page OCR nothing, and the figure is flagged though plain to see. The LSTM models read
grey well: the cell's grey crop is read by the digits model (`eng`, digits only) and by
the Vietnamese model (no whitelist), two models trained apart. Only when both read the
same number, surely, and the binarised reads said nothing else (nothing, or the same
number with digits dropped) does it count as confirmed; the page OCR's own reading is
still weighed after this (`confidence.digits_confidence`).

The page OCR reads the whole page at 200 dpi with the Vietnamese model, and on a photo it
drops or swaps digits of a figure plain to see ("2" for "23", "18" for "19", "102)" for
"12"): sure of its misreading, it had the figure flagged though both binarised re-reads
of the cell agreed. When both models then read the cell's grey crop as the re-reads did,
four reads by two models outvote the page's one (`DigitsRead.outvoted`).

A fax is black and white; `bilevel.soften` gives its page grey edges, and binarised again
for the digits-only reads its staircased print loses a "1" or a whole figure ("15" read
"1" by both psm 7 and psm 13, "56" read ""). Its softened grey crop read by both models
was right every time both were sure (284 of 358 fax figures of the tune seeds, none wrong).
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

MIN_CONF = 0.8  # each grey read's least sure word
PAPER_FROM = 0.5  # of the way from the print's Otsu cut to the paper's median: paper
PLAIN = 250  # paper whose 95% is at least this light (stretched) has no grain to take out


def grey_crop(gray_crop: np.ndarray, dpi: float, plain_paper: bool = False) -> np.ndarray:
    """The cell at ~300 dpi, its grey levels stretched to black and white, 20 px of paper
    around: no threshold, the model sees the strokes' shading. With `plain_paper`, the
    paper's grain is white (`paper_whitened`)."""
    gray_crop = cell_crops.at_300_dpi(gray_crop, dpi)
    norm = cv2.normalize(gray_crop, None, 0, 255, cv2.NORM_MINMAX)
    if plain_paper:
        norm = paper_whitened(norm)
    b = cell_crops.CROP_BORDER
    return cv2.copyMakeBorder(norm, b, b, b, b, cv2.BORDER_CONSTANT, value=255)


def paper_whitened(crop: np.ndarray) -> np.ndarray:
    """`crop` with its paper white and its print's shading kept: what lies lighter than
    halfway from the print's Otsu cut to the paper's median is paper. Stretched to black
    and white, a tinted, noisy JPEG scan's paper grain (a flatbed scan at JPEG q < 50)
    stood as dark as a stroke's edge; both models read a plain "23" unsure (0.24, and
    "SI)" at 0.0), and the figure stayed flagged against the page OCR's "20"."""
    cut, _ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    paper, ink = crop[crop > cut], crop[crop <= cut]
    if not paper.size or not ink.size or np.percentile(paper, 5) >= PLAIN:
        return crop  # plain already: a stroke's lighter edge is all that lies there
    core = float(np.percentile(ink, 5))
    white = cut + PAPER_FROM * (float(np.median(paper)) - cut)
    out = (crop.astype(np.float32) - core) * (255.0 / max(white - core, 1.0))
    return np.clip(out, 0, 255).astype(np.uint8)


def _agrees(found: str, read: cells.DigitsRead) -> bool:
    """The binarised reads said nothing against `found`: empty, or its digits in order."""
    return all(not t or subsequence(t, found) for t in (read.text, read.other or ""))


def confirm(
    clean: np.ndarray,
    dpi: float,
    boxes: Sequence[tuple[int, int, int, int]],
    page_numbers: Sequence[str | None],
    checked: list[cells.DigitsRead],
    pool: Executor,
    work: Path,
    settings: ScanSettings,
    fax: bool = False,
    fill: bool = True,
    unseen: Collection[int] = (),
    flatbed: bool = False,
) -> list[cells.DigitsRead]:
    """`checked` (one read per number cell in `boxes`; `page_numbers`: the page OCR's
    reading of each, None where the cell holds words) with each figure, neither confirmed
    nor the page OCR's, that both models read alike from its grey crop confirmed; and each
    confirmed figure the page OCR read as another number, that both models read alike,
    marked as outvoting the page OCR. With `fax`, a confirmed figure
    that both models and the page OCR read with more digits, the confirmed ones among them
    in order, takes their number: both binarised reads dropped the same digit ("15" read
    "1" by psm 7 and psm 13 from a fax's staircased print). Without `fill` (a flatbed
    scan), only the page OCR's other number is weighed. Each figure of `unseen` (cells
    whose re-reads alone are not sure) that the page OCR read nothing in and both re-reads
    confirmed is `seconded` by both models reading it alike: the page OCR's agreement.
    A `flatbed` scan's crops are read with their paper white (`paper_whitened`)."""
    todo = [
        i
        for i, r in enumerate(checked)
        if page_numbers[i] is not None
        and not (r.text and page_numbers[i] == r.text)
        and (
            (fill and not r.confirmed)
            or (r.confirmed and any(ch.isdigit() for ch in page_numbers[i] or ""))
            or (r.confirmed and i in unseen and page_numbers[i] == "")
        )
    ]
    if not todo:
        return checked
    # On a flatbed scan the paper's grain is left out: it is no stroke's shading. (A
    # photo's paper is levelled already, and whitened its blurred bold figures read
    # worse; a fax's softened crop is two levels and a blur.)
    subset = [
        grey_crop(clean[y0:y1, x0:x1], dpi, plain_paper=flatbed)
        for x0, y0, x1, y1 in (boxes[i] for i in todo)
    ]
    digits = pool.submit(cells.read_grey, subset, work, settings, True).result()
    words = pool.submit(cells.read_grey, subset, work, settings, False).result()
    out = list(checked)
    for i, (a, ca), (b, cb) in zip(todo, digits, words, strict=True):
        a, b = cells.clean_number(a), cells.clean_number(b)
        if fax:  # the Vietnamese model's "I4" for a fax's staircased "14"
            b = cells.ones_restored(b)
        sure = a == b and bool(cells.NUMBER.match(a)) and min(ca, cb) >= MIN_CONF
        if checked[i].confirmed and not page_numbers[i]:  # the page OCR read nothing
            if sure and a == checked[i].text:
                out[i] = replace(out[i], seconded=min(ca, cb))
        elif checked[i].confirmed:  # the page OCR read another number: outvoted, or not
            if sure and a == checked[i].text:
                out[i] = replace(out[i], outvoted=True)
            elif sure and fax and a == page_numbers[i] and _agrees(a, checked[i]):
                out[i] = replace(out[i], text=a, confidence=min(ca, cb), other=None)
        elif sure and _agrees(a, checked[i]):
            out[i] = replace(out[i], text=a, confidence=min(ca, cb), other=None, confirmed=True)
    return out
