"""A fax figure a seal's ring crosses, read through the ring by its geometry.

On a fax the seal prints as black as the figures. Its wipe (`seals.wipe_rings(fax=True)`)
keeps every ring pixel that some ink meets, so a ring crossing or touching a digit stays
as stubs on it ("137" with a tick on its "7", "120" with an arc's piece), and a figure
the wipe came near is never sure (`seal_scars`): the page OCR read the same stubs.

The ring's geometry is known (its fitted circle and stroke width, `rings.Ring`). Within
the figure's neighbourhood the ring's band (its stroke, a pixel of the fax's ragged edge
each side) is taken out whole, and where a stroke of print crossed the band it is put
back: a digit's stroke continues across the band (ink meets it from inside and from
outside within a band's width along the ring), the ring's own does not. A piece of ink
that meets the band from one side only is a stroke that ends in the band or runs along
it there (a "7"'s bar along the ring, a "1" lying in it): what the band hides of it is
not known, and the figure stays unsure. Otherwise the figure is read twice from that
image, by the digits model on its binarised crop and by the Vietnamese model on its
grey crop, and it is sure only when both read the page OCR's number (its words with
digits in the cell, its 1s read as letters made 1s). A figure of print exactly as wide
as the ring and lying in it all along (a "1" stem centred in the band over its whole
height) would go unseen by all three; a ring's local slope and curvature make that a
fraction of a degree's alignment, and its serifs cross the band.

A stroke that ends in the band, meeting it end-on from one side (no longer along the ring
than the band is wide), hides at most its own continuation within the band. Where the
ring crosses the figure's neighbourhood on a slant (`SLANT`: 30-60 degrees off the
horizontal) that continuation cannot be a digit's bar or stem (horizontal, vertical, or
a "7"'s or "4"'s steep stroke: they leave a band this wide within a few pixels), so the
figure is read with the band left out there. Two such ends on one side of the ring
within a digit's height of each other may be one stroke running in the band between
them (a "0"'s side, a bowl's arc: "120" read "126"), and the figure stays unsure. A
figure read this way is sure only when the cell's own re-read (the wiped page) reads the
number too: three readers on two images that differ only within the band.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from ..settings import ScanSettings
from . import bilevel, cell_crops, cells, grey_read, seal_scars
from ._exec import Word
from .cell_kinds import Key, PageCells
from .figure_reads import Box
from .rings import Ring
from .seals import Unsealed
from .word_lines import join_words

EDGE = 1.0  # px beyond the ring's measured stroke on each side: a fax's ragged edge
SHIFT = 2.0  # px: the ring's radius refitted locally (a seal is not a perfect circle)
SPECK = 4  # px: a piece this small touching the band is the ring's own rag, not print
MIN_CONF = 0.6  # each read of the figure through the ring
SLANT = (30.0, 60.0)  # degrees off the horizontal: a ring along no digit's bar or stem


def through_ring(
    gray: np.ndarray, rings: Sequence[Ring], box: Box, ends: float | None = None
) -> np.ndarray | None:
    """The page's pixels in `box` (a figure's neighbourhood) with every ring's band taken
    out and the strokes crossing it put back; None where a stroke meets a band from one
    side only (see the module). `gray`: the black-and-white page before any wipe.
    `ends`: the figure's height, to let strokes end in a slanting band (see the module)."""
    x0, y0, x1, y1 = box
    sub = gray[y0:y1, x0:x1].copy()
    if sub.size == 0:
        return None
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    for ring in rings:
        ink = sub < 128
        d = np.hypot(xx - ring.cx, yy - ring.cy)
        half = ring.width / 2 + EDGE
        if not (ink & (np.abs(d - ring.r) <= half + SHIFT)).any():
            continue
        r = _local_radius(ink, d, ring)
        band = np.abs(d - r) <= half
        along = r * np.arctan2(yy - ring.cy, xx - ring.cx)  # px along the ring
        keep = _crossings(ink & ~band, band, d, r, along, 2 * half + 1, ends)
        if keep is None:
            return None
        sub[band & ~keep] = 255
    return sub


def _local_radius(ink: np.ndarray, d: np.ndarray, ring: Ring) -> float:
    """The radius within `SHIFT` of the ring's whose stroke-wide band holds the most ink
    here (the fitted circle is the whole seal's; its print wanders a pixel or two)."""
    shifts = np.arange(-SHIFT, SHIFT + 0.01, 0.5)
    counts = [int((ink & (np.abs(d - ring.r - s) <= ring.width / 2 + 0.5)).sum()) for s in shifts]
    return float(ring.r + shifts[int(np.argmax(counts))])


def _crossings(
    kept: np.ndarray,
    band: np.ndarray,
    d: np.ndarray,
    r: float,
    along: np.ndarray,
    reach: float,
    ends: float | None = None,
) -> np.ndarray | None:
    """Where in `band` a stroke crosses it (a bool mask), or None when a piece of `kept`
    ink meets the band from one side with nothing meeting it from the other within
    `reach` along the ring (unless it ends there, `_ends_in_band`)."""
    _n, labels, stats, _c = cv2.connectedComponentsWithStats(kept.astype(np.uint8), connectivity=8)
    big = stats[:, cv2.CC_STAT_AREA] >= SPECK
    big[0] = False
    touch = cv2.dilate(band.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    met = big[labels] & touch
    sides: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    for outside in (True, False):  # each run of ink meeting the band, by where along it
        runs, run_of = cv2.connectedComponents((met & ((d > r) == outside)).astype(np.uint8))
        for i in range(1, runs):
            at = along[run_of == i]
            sides[outside].append((float(at.min()), float(at.max())))
    keep = np.zeros(band.shape, dtype=bool)
    unpaired: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    for outside in (True, False):
        for lo, hi in sides[outside]:
            gap, a, b = min(
                ((max(a - hi, lo - b, 0.0), a, b) for a, b in sides[not outside]),
                default=(np.inf, lo, hi),
            )
            if gap > reach:
                unpaired[outside].append((lo, hi))
                continue
            # The stroke's way across: from where it meets one side to the other.
            keep |= band & (along >= min(lo, a) - 1) & (along <= max(hi, b) + 1)
    if any(unpaired.values()) and (ends is None or not _ends_in_band(unpaired, r, reach, ends)):
        return None
    return keep


def _ends_in_band(
    unpaired: dict[bool, list[tuple[float, float]]], r: float, reach: float, height: float
) -> bool:
    """Whether every stroke meeting the band from one side only ends in it: it meets the
    band end-on (no longer along it than `reach`), where the ring runs on a slant
    (`SLANT`), and no other such end on its side lies within a digit's `height` (a stroke
    may run in the band between the two)."""
    for runs in unpaired.values():
        for i, (lo, hi) in enumerate(runs):
            if hi - lo > reach:
                return False
            tilt = abs(np.degrees((lo + hi) / 2 / r)) % 180  # the radius's, off horizontal
            if not SLANT[0] <= min(tilt, 180 - tilt) <= SLANT[1]:
                return False
            if any(max(a - hi, lo - b) <= height for j, (a, b) in enumerate(runs) if j != i):
                return False
    return True


@dataclass(frozen=True)
class Candidate:
    """A fax figure the seal's wipe came near: its crop index, the page OCR's number in
    its cell, and its neighbourhood with the ring taken out (`through_ring`)."""

    index: int
    page_number: str
    image: np.ndarray
    reread: str | None = None  # strokes end in the band: the cell's re-read must agree


def read_through(
    candidates: Sequence[Candidate], dpi: float, work: Path, settings: ScanSettings
) -> dict[int, tuple[str, float, np.ndarray]]:
    """The candidates read through the ring: by crop index, (number, confidence, the
    prepared crop) of each that both readers read as the page OCR's number, surely."""
    if not candidates:
        return {}
    work.mkdir(exist_ok=True)
    soft = [bilevel.soften(c.image, dpi) for c in candidates]
    crops = [cell_crops.prepare_crop(s, dpi)[0] for s in soft]
    digits = cells.read_digits(crops, work, settings, 1)
    words = cells.read_grey([grey_read.grey_crop(s, dpi) for s in soft], work, settings, False)
    sure: dict[int, tuple[str, float, np.ndarray]] = {}
    for c, crop, (a, ca), (b, cb) in zip(candidates, crops, digits, words, strict=True):
        b = cells.ones_restored(cells.clean_number(b))
        if (
            a == b == c.page_number
            and cells.NUMBER.match(a)
            and min(ca, cb) >= MIN_CONF
            and cell_crops.ink_digits(crop) <= len(a)
            and c.reread in (None, a)
        ):
            sure[c.index] = (a, ca, crop)
    return sure


def confirm(
    before: np.ndarray,
    sealed: Unsealed,
    page_cells: PageCells,
    words: Sequence[Word],
    members_of: Callable[[Box], list[int]],
    first_reads: list[tuple[str, float]],
    judged: set[Key],
    dpi: float,
    work: Path,
    settings: ScanSettings,
) -> None:
    """Each fax figure of `judged` (the seal's wipe came near it: never sure, `seal_scars`)
    read through the ring: where both readers read the page OCR's number (and, where a
    stroke ends in the band, the cell's re-read too), its crop and first read become that
    image's and it is judged as any fax figure (taken out of
    `stamped_over`, the scar's cap on its re-reads lifted). `before`: the page before the
    wipe; `members_of` gives the page OCR's words in a box (a seal's lettering is not the
    figure's, `Unsealed.lettering_words`)."""
    lettering = sealed.lettering_words(list(words))
    found: list[Candidate] = []
    for key in judged:
        cell = page_cells.box_of[key]
        figure_words = [words[i] for i in members_of(cell) if i not in lettering]
        figure = seal_scars.figure_box(figure_words)
        if figure is None:
            continue
        index = page_cells.number_keys.index(key)
        around = seal_scars.neighbourhood(figure, cell)
        image, reread = through_ring(before, sealed.rings, around), None
        if image is None:  # strokes may end in a slanting band: three readers must agree
            image = through_ring(before, sealed.rings, around, figure[3] - figure[1])
            reread = cells.ones_restored(cells.clean_number(first_reads[index][0]))
        if image is None:
            continue
        page = cells.ones_restored(cells.clean_number(join_words(figure_words)))
        found.append(Candidate(index, page, image, reread))
    for index, (number, conf, crop) in read_through(found, dpi, work, settings).items():
        key = page_cells.number_keys[index]
        page_cells.number_crops[index] = crop
        first_reads[index] = (number, conf)
        page_cells.stamped_over.discard(key)
        page_cells.edge_touching -= {index} & page_cells.scar_edges
