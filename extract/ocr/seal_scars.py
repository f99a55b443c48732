"""A fax figure a black seal's wipe cut next to, judged by where the wipe went.

On a fax the seal is as black as the print: wiping its ring (`seals.wipe_rings(fax=True)`)
can cut a digit's strokes where the ring crosses them, and the page OCR reads the same
wiped page, so both readers agree on what the cut left (three silent fax figures on the
held-out sets, session 8). Every figure whose cell held a scar was then flagged; most
were read right, the ring passing through the cell below or beside the figure, nowhere
near its digits (about 4% of fax figures).

What the wipe took is known: the pixels where the page before it and after it differ.
The figure's place is the page OCR's word(s) with digits in the cell. A figure is
*clear* when nothing was wiped within a digit's width beside it or a quarter of its
height above and below: its pixels, and any digit beside it, are as the sender's fax
printed them, so the cell's re-reads and the page OCR read what the page before the
wipe shows there, and the usual rules decide (as on any fax without a seal). Any other
figure (the wipe touched its ink, or took something beside it where a whole digit lying
along the ring could have gone, or no digit word places it) stays never sure.

Reading such a figure again from the page before the wipe (as `unwiped_disagree` does
for grey seals) was tried and not kept: a "41" whose "1" lay along the ring, read from
before the wipe with the ring through the "1", was read "4", agreeing with the cut; and
on the tune sets every figure the wipe came near without touching its ink had a scar
beside it (the ring meeting the seal's lettering or inner ring there).

Fax figures the old rule flagged on the tune sets (read right / wrong): 3/1 (even 0-198),
10/3 (200-398), 5/2 (400-598); every wrong one stays flagged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from ._exec import Word
from .cell_kinds import Key, PageCells
from .figure_reads import Box

DIGIT_REACH = 0.7  # a digit's width, as a share of the figure's height (Times: 0.4-0.7)
BAND = 0.25  # above and below the figure, as a share of its height


def figure_box(words: Sequence[Word]) -> Box | None:
    """The box of the page OCR's words with a digit in them (a cell's figure), or None."""
    dw = [w for w in words if any(ch.isdigit() for ch in w.text)]
    if not dw:
        return None
    return (
        min(w.left for w in dw),
        min(w.top for w in dw),
        max(w.left + w.width for w in dw),
        max(w.top + w.height for w in dw),
    )


def neighbourhood(figure: Box, cell: Box) -> Box:
    """Where a wipe could have cut the figure or taken a whole digit beside it: a digit's
    width either side, a quarter of its height above and below, within the cell."""
    h = figure[3] - figure[1]
    reach, band = round(DIGIT_REACH * h), round(BAND * h)
    return (
        max(cell[0], figure[0] - reach),
        max(cell[1], figure[1] - band),
        min(cell[2], figure[2] + reach),
        min(cell[3], figure[3] + band),
    )


def clear(before: np.ndarray, after: np.ndarray, figure: Box | None, cell: Box) -> bool:
    """Whether the seal's wipe (`before` against `after`: the page before and after it)
    took nothing in the figure's neighbourhood; False without a figure to place."""
    if figure is None:
        return False
    x0, y0, x1, y1 = (max(0, v) for v in neighbourhood(figure, cell))
    return not np.any(before[y0:y1, x0:x1] != after[y0:y1, x0:x1])


def judge_cells(
    before: np.ndarray,
    after: np.ndarray,
    page_cells: PageCells,
    words: Sequence[Word],
    members_of: Callable[[Box], list[int]],
) -> set[Key]:
    """Each of `page_cells.fax_scarred` judged (see the module): a clear one is read as
    on any fax (the scar's cap on its re-reads, `scar_edges`, lifted); any other goes to
    `stamped_over`, never sure (returned: `ring_cuts` may read it through the ring)."""
    judged: set[Key] = set()
    for key in page_cells.fax_scarred:
        cell = page_cells.box_of[key]
        if clear(before, after, figure_box([words[i] for i in members_of(cell)]), cell):
            page_cells.edge_touching -= {page_cells.number_keys.index(key)} & page_cells.scar_edges
        else:
            page_cells.stamped_over.add(key)
            judged.add(key)
    return judged
