"""A fax's figure read at several cuts of its softened grey: the number most agree on.

A fax is thresholded once, by the sending machine, at whatever level it was set to: a
light threshold breaks a digit's thin strokes (a "2" without its top arc read "48", the
diagonal of a "4", the flag of a "1": "11" read "1"), a dark one thickens them. The page
is given grey edges back (`bilevel.soften`), and each number crop is cut again by Otsu,
which on a softened staircase lands where the thin strokes fall apart once more. The
crop is cut here at a ladder of darker levels, each a repair of the broken strokes that
keeps the counters open a little less: what one cut loses another keeps, and a wrong
read at one cut is rarely the same wrong read at most of them. Only a number most cuts
read whole, the others nothing or part of it, counts, and only where neither the cell's
first re-read nor the page OCR saw a digit it lacks (nor the second re-read, unless the
page OCR read the number as the cuts did); it is as sure as those cuts' middle
confidence. Anything else leaves the cell as it was (flagged where it was flagged).

A streak's fill takes a stroke running along the streak (`streaks.streaks_removed`): a
figure where it may have is cut with that ink put back (see `confirm`).
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np

from ..settings import ScanSettings
from . import bilevel, cell_crops, cells
from .confidence import subsequence

UNREADABLE = "?"  # as `figure_reads.UNREADABLE`: ink no digit could be read from, flagged

# Grey levels of the softened crop (paper 255, print 0): the fax's own black is cut at
# about 128; these keep a stroke's soft edge too, as a darker threshold would have.
# On the tune sets' fax figures each single cut read 87-91% right, Otsu's 89%.
CUTS = (160, 176, 192, 208)
MOST = 3  # cuts reading the number whole


def _agreed(reads: Sequence[tuple[str, float]]) -> tuple[str, float] | None:
    """The number most cuts (`MOST`) read whole, while the others read nothing or part of
    it (a cut that dropped a digit, as psm 7 does), and how sure they were (the middle of
    the whole reads' confidences); None when any cut read something else."""
    numbers = [t for t, _c in reads if cells.NUMBER.match(t)]
    if not numbers:
        return None
    best = max(set(numbers), key=lambda t: (numbers.count(t), len(t)))
    if numbers.count(best) < MOST or any(t and not subsequence(t, best) for t, _c in reads):
        return None
    return best, float(np.median([c for t, c in reads if t == best]))


def _against(number: str, others: Sequence[str | None]) -> bool:
    """Whether an earlier reading saw a digit the agreed number lacks, or read its digits
    in another order: "8" is not against "28" (a digit dropped), "48" is (a "4")."""
    return any(t and not subsequence(t, number) for t in others)


def _lost_to_streak(
    streaked: np.ndarray | None, clean: np.ndarray, box: tuple[int, int, int, int]
) -> bool:
    """Whether a streak's fill may have taken print of the cell's figure (`streaks`):
    fill within a digit's reach (half the figure's height) of the figure's ink box. A
    streak filled beside other ink of the cell (a faxed seal's dots, a rule's stub), away
    from the figure, took none of it; a cell whose figure is not found is judged by its
    fill anywhere in it, as before."""
    if streaked is None:
        return False
    x0, y0, x1, y1 = box
    m = 2  # the cell's rules: a streak crossing one has ink on both sides anyway
    fill = streaked[y0 + m : y1 - m, x0 + m : x1 - m] >= 128
    if int(np.count_nonzero(fill)) < 2:
        return False
    figure = _figure_box(clean[y0 + m : y1 - m, x0 + m : x1 - m])
    if figure is None:
        return True
    fx0, fy0, fx1, fy1 = figure
    reach = (fy1 - fy0) // 2 + 2
    near = fill[max(0, fy0 - reach) : fy1 + reach, max(0, fx0 - reach) : fx1 + reach]
    return int(np.count_nonzero(near)) >= 2


TALL = 0.5  # a mark of the figure is at least this share of the tallest mark's height


def _figure_box(cell: np.ndarray) -> tuple[int, int, int, int] | None:
    """The box (x0, y0, x1, y1) of a softened cell crop's figure: its print's marks
    (darker than the fax's cut) at least `TALL` of the tallest one's height, the crop's
    edge (a rule's remnant) not touched; None without such a mark."""
    ink = (cell < 128).astype(np.uint8)
    n, _labels, stats, _c = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h, w = ink.shape
    marks = [
        (x, y, x + cw, y + ch)
        for x, y, cw, ch, _a in stats[1:n]
        if x > 0 and y > 0 and x + cw < w and y + ch < h
    ]
    if not marks:
        return None
    tallest = max(b[3] - b[1] for b in marks)
    tall = [b for b in marks if b[3] - b[1] >= TALL * tallest]
    return (
        min(b[0] for b in tall),
        min(b[1] for b in tall),
        max(b[2] for b in tall),
        max(b[3] for b in tall),
    )


def _put_back(clean: np.ndarray, streaked: np.ndarray, dpi: float) -> np.ndarray:
    """The softened crop with the print a streak's fill may have taken put back."""
    return np.minimum(clean, bilevel.soften(255 - streaked, dpi))


def confirm(
    clean: np.ndarray,
    dpi: float,
    boxes: Sequence[tuple[int, int, int, int]],
    page_numbers: Sequence[str | None],
    checked: list[cells.DigitsRead],
    pool: Executor,
    work: Path,
    settings: ScanSettings,
    streaked: np.ndarray | None = None,
) -> list[cells.DigitsRead]:
    """`checked` (one read per number cell of a fax in `boxes`; `page_numbers`: the page
    OCR's reading of each, its 1s restored, None where the cell holds words) with each
    figure the page OCR did not already read alike, that the cuts agree on (`_agreed`)
    and no earlier reading contradicts, set to that number, confirmed.

    A figure a streak crossed (`streaked`: where its fill may have taken print) is cut
    with that print put back: every earlier reading, and the page OCR, saw it cut, so
    only the page OCR's digits (a part of the number) still count against what the
    cuts agree on. Where they agree on nothing and one of them read a digit the kept
    reading lacks, the figure is unreadable (its reading stays for review): a stroke
    along a streak gone, "28" may pass as "8" with every reader agreeing."""
    crossed = {i for i, box in enumerate(boxes) if _lost_to_streak(streaked, clean, box)}
    # Not a figure the page OCR read alike, nor one two re-reads confirmed surely: the
    # cuts would add nothing that could change how it comes out.
    todo = [
        i
        for i, r in enumerate(checked)
        if page_numbers[i] is not None
        and (
            i in crossed
            or (
                not (r.text and page_numbers[i] == r.text)
                and not (r.confirmed and r.confidence >= settings.min_digits_confidence)
            )
        )
    ]
    if not todo:
        return checked
    crops = []
    for i in todo:
        x0, y0, x1, y1 = boxes[i]
        cell = clean[y0:y1, x0:x1]
        if i in crossed and streaked is not None:
            cell = _put_back(cell, streaked[y0:y1, x0:x1], dpi)
        crops += [cell_crops.prepare_crop(cell, dpi, cut=float(cut))[0] for cut in CUTS]
    work.mkdir(exist_ok=True)
    reads = pool.submit(cells.read_digits, crops, work, settings, 1).result()
    out = list(checked)
    n = len(CUTS)
    for k, i in enumerate(todo):
        ladder = reads[k * n : (k + 1) * n]
        agreed = _agreed(ladder)
        page = "".join(ch for ch in page_numbers[i] or "" if ch.isdigit())
        if i in crossed:
            if agreed is None or _against(agreed[0], [page]):
                if any(
                    cells.NUMBER.match(t) and not subsequence(t, checked[i].text)
                    for t, _c in ladder
                ):
                    out[i] = replace(checked[i], text=UNREADABLE, confidence=0.0)
                continue
            number, conf = agreed
        else:
            if agreed is None:
                continue
            number, conf = agreed
            # The second reading (psm 13, the thin cut) is outvoted only where the page
            # OCR, another model on the whole page, read the cuts' number as it is ("05":
            # "8").
            second = None if page_numbers[i] == number else checked[i].other
            if _against(number, [checked[i].text, second, page]):
                continue
        if checked[i].text == number:
            conf = max(conf, checked[i].confidence)
        out[i] = replace(checked[i], text=number, confidence=conf, other=None, confirmed=True)
    return out
