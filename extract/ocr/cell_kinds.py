"""The inked cells of a page's ruled tables, sorted for reading: blank, prose (read by
the Vietnamese model) or number (read digits-only), each with its crop, and which
figures a lifted stamp or a wiped seal may have cut (`page_read.py`'s cell steps).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np

from . import cell_crops, seal_figures, seals, tight_cells
from .figure_reads import Box
from .grid import GridTable
from .level import STAMP_LIFT
from .pages import PageImage
from .rings import Ring

Key = tuple[int, int]  # (table index, id of its grid cell)


@dataclass
class PageCells:
    """Every cell of the page's tables by kind, with what its reads need.

    `number_crops` and what follows are filled by `prepare_numbers` (and grow when a
    figure the prose reader read moves to the number cells)."""

    kinds: dict[Key, str]
    box_of: dict[Key, Box]
    raw_crops: dict[Key, np.ndarray]  # inked cells as the sorting left them
    number_keys: list[Key]
    number_inks: list[np.ndarray]
    text_keys: list[Key]
    number_crops: list[np.ndarray] = field(default_factory=list)
    edge_touching: set[int] = field(default_factory=set)  # crops whose ink runs into the edge
    stamped_over: set[Key] = field(default_factory=set)  # figures a lifted stamp may have cut
    scarred: list[Key] = field(default_factory=list)  # figures a seal's wipe cut next to
    ring_crossed: list[Key] = field(default_factory=list)  # a grey seal's ring runs through
    among_seal: set[Key] = field(default_factory=set)  # figures told apart from a seal's marks
    # Fax figures a black seal's wipe cut next to, judged once the page OCR has placed
    # them (`seal_scars`), and the crops among `edge_touching` for that scar alone.
    fax_scarred: list[Key] = field(default_factory=list)
    scar_edges: set[int] = field(default_factory=set)
    # Crops among `edge_touching` for a lifted stamp's ink in the cell alone (not over
    # the figure's digits): their print alone may stand for the page OCR (`stamp_reads`).
    lifted: set[int] = field(default_factory=set)


def under_stamp(level: PageImage, cell: Box, ink: Box | None = None) -> bool:
    """Whether a red stamp's ink, lifted to paper, may have taken print from the cell.

    With `ink` (the figure's print): whether it could have hidden a whole digit beside
    or among the digits read, a stroke's width of columns lifted over the print's full
    height within a digit's width of it. A solid star over the "1" of "17" leaves "7",
    a ring's arc along the "1" of "01" leaves "0", read alike by the page OCR and every
    re-read (what is left is plain print). Only ink the lift took darker than the
    stamp's own counts (`PageImage.stamp_hid`): print under the stamp is kept, and a
    star beside "14" hides no digit. Without: any lifted ink in the cell (a stroke may
    be cut). Half lifted counts: the ring's edges are blurred."""
    if level.stamped is None:
        return False
    m = max(2, int(level.dpi / 50))  # the cell's rules may carry a colour fringe
    stroke = level.dpi / 60  # a printed stroke's width at the page's resolution
    if ink is None:
        inner = level.stamped[cell[1] + m : cell[3] - m, cell[0] + m : cell[2] - m]
        return int(np.count_nonzero(inner >= STAMP_LIFT // 2)) >= 3 * stroke * stroke
    height = ink[3] - ink[1]
    x0, y0 = max(cell[0] + m, ink[0] - int(0.6 * height)), max(cell[1] + m, ink[1])
    x1, y1 = min(cell[2] - m, ink[2] + int(0.6 * height)), min(cell[3] - m, ink[3])
    if x1 <= x0 or y1 - y0 < 4:
        return False
    hid = level.stamped if level.stamp_hid is None else level.stamp_hid
    cover = (hid[y0:y1, x0:x1] >= STAMP_LIFT // 2).mean(axis=0)
    return int(np.count_nonzero(cover >= 0.8)) >= max(2.0, stroke)


def sort_cells(
    tables: list[GridTable],
    gray: np.ndarray,
    clean: np.ndarray,
    plain: np.ndarray,
    dpi: float,
    sealed: seals.Unsealed,
    fax: bool,
) -> PageCells:
    """Each inked cell is read alone: prose cells by the Vietnamese model, the others
    digits-only; a grey stamp's ring or star in a cell is wiped from `clean` (and from
    `plain`, the prose cells' unsharpened copy) for the page OCR and the re-reads."""
    page_cut, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ink = (clean < page_cut).astype(np.uint8) * np.uint8(255)  # no int64 page in between
    cells = PageCells(
        kinds={},
        box_of={(t_index, id(gc)): gc.box for t_index, t in enumerate(tables) for gc in t.cells},
        raw_crops={},
        number_keys=[],
        number_inks=[],
        text_keys=[],
    )
    for t_index, table in enumerate(tables):
        for gc in table.cells:
            key = (t_index, id(gc))
            x0, y0, x1, y1 = gc.box
            cell_ink = ink[y0:y1, x0:x1]
            if x1 - x0 >= 4 and y1 - y0 >= 4:  # without a grey stamp's ring or star
                crop = clean[y0:y1, x0:x1]
                cut = cell_crops.print_threshold(crop)
                cell_ink = cell_ink & ((crop < cut).astype(np.uint8) * np.uint8(255))
                if cut < page_cut:  # a stamp: gone for the page OCR and the re-read too
                    crop[crop >= cut] = 255
                if plain is not clean:  # and for the prose read, as scanned
                    as_scanned = plain[y0:y1, x0:x1]
                    plain_cut = cell_crops.print_threshold(as_scanned)
                    if plain_cut < page_cut:
                        as_scanned[as_scanned >= plain_cut] = 255
            if x1 - x0 < 4 or y1 - y0 < 4 or not cell_crops.has_ink(cell_ink, dpi):
                cells.kinds[key] = "blank"
                continue
            kind = _kind(cell_ink, gc.box, dpi, sealed, fax)
            cells.kinds[key] = kind
            # A prose cell of a sharpened page is read as scanned.
            cells.raw_crops[key] = (plain if kind == "prose" else clean)[y0:y1, x0:x1].copy()
            if kind == "prose" and fax and sealed.rings:  # a figure among a seal's marks
                apart = seal_figures.figure_apart(cell_ink, gc.box, sealed.rings, dpi)
                if apart is not None and not cell_crops.is_prose_shaped(apart[0], dpi):
                    kind = cells.kinds[key] = "number"
                    cells.among_seal.add(key)  # its re-reads alone are not sure
                    cells.raw_crops[key] = np.where(apart[1], clean[y0:y1, x0:x1], 255).astype(
                        np.uint8
                    )
                    cell_ink = apart[0]  # a seal's wipe is judged next to the figure
            if kind == "prose":
                cells.text_keys.append(key)
            else:
                cells.number_keys.append(key)
                cells.number_inks.append(cell_ink)
    return cells


def _kind(cell_ink: np.ndarray, box: Box, dpi: float, sealed: seals.Unsealed, fax: bool) -> str:
    """ "prose" or "number", by the shape of the cell's ink. A black seal's letters in the
    cell do not make a figure prose ("05" with "nAN Nhạ"); on a grey page they are gone
    by their grey."""
    shape_ink = cell_ink
    if fax and sealed.rings:
        shape_ink = cell_ink.copy()
        shape_ink[sealed.lettering(box)] = 0
        if not cell_crops.has_ink(shape_ink, dpi):
            shape_ink = cell_ink  # all of it in the band: judged as it is
    return "prose" if cell_crops.is_prose_shaped(shape_ink, dpi) else "number"


def ring_crosses(rings: Sequence[Ring], box: Box) -> bool:
    """Whether a seal's ring runs through the figure's ink box, on a page whose seal is
    as grey as the scan made it (no colour to lift it by). The wipe keeps the ring's ink
    wherever print meets it, so an arc along a digit stays as a stroke of it, read alike
    by the page OCR and every re-read: "15" with the arc beside its "1" read "45",
    sure. Such a figure is read again with the ring's band taken out."""
    x0, y0, x1, y1 = box
    for ring in rings:
        near_x = min(max(ring.cx, x0), x1)
        near_y = min(max(ring.cy, y0), y1)
        nearest = float(np.hypot(near_x - ring.cx, near_y - ring.cy))
        farthest = max(
            float(np.hypot(x - ring.cx, y - ring.cy)) for x in (x0, x1) for y in (y0, y1)
        )
        if nearest <= ring.r + ring.width and farthest >= ring.r - ring.width:
            return True
    return False


def within_seal(rings: Sequence[Ring], box: Box) -> bool:
    """Whether any of `box` lies within a seal's outer ring: where the seal's marks the
    wipe keeps (a dotted inner ring, its lettering) may lie over a figure."""
    x0, y0, x1, y1 = box
    return any(
        np.hypot(min(max(r.cx, x0), x1) - r.cx, min(max(r.cy, y0), y1) - r.cy) <= r.r for r in rings
    )


STAR_R = 0.35  # a seal's solid star reaches this share of its outer ring's radius


def star_beside(rings: Sequence[Ring], figure: Box, dpi: float, body: float = STAR_R) -> bool:
    """Whether a seal's star stands on the figure's line (its centre within half a digit
    of the line) and reaches within half a digit of its ink: on a fax the star is as
    black as print, and a digit under it ("1" of "15") is wiped with it; every reader
    then reads the digits left, alike. A star above or below the line hides no digit.
    `body`: how far from its centre (a share of the ring's radius) the star hides print:
    all of it on a fax; on a photo, whose star is a shade lighter than print at its edge,
    only its middle (its centre on the figure: the "7" of "74" lost, read "4")."""
    x0, y0, x1, y1 = figure
    digit = min(y1 - y0, dpi / 6)  # the ink's height, a 12 pt digit's at most (a seal's
    # remains may have joined the figure's ink)
    for r in rings:
        dx = max(x0 - r.cx, r.cx - x1, 0.0)
        dy = max(y0 - r.cy, r.cy - y1, 0.0)
        if dy <= digit / 2 and dx - body * r.r <= digit / 2:
            return True
    return False


def prepare_numbers(level: PageImage, cells: PageCells, sealed: seals.Unsealed, fax: bool) -> None:
    """The number cells' crops for the digits-only re-read, and which figures a stamp's
    lift or a seal's wipe may have cut: those re-reads alone are not sure."""
    dpi = level.dpi
    for key, cell_ink in zip(cells.number_keys, cells.number_inks, strict=True):
        x0, y0, _x1, _y1 = cells.box_of[key]
        crop, touched = cell_crops.prepare_crop(cells.raw_crops[key], dpi)
        # A figure typed tight against its rules touches the crop's edge, yet is whole.
        touched = touched and not tight_cells.whole_in_cell(level.gray, cells.box_of[key], dpi)
        # A fax digit gone faint beside the black ones: the crop, and its re-reads, lost
        # it; the page OCR, which saw the same page, may have too (and the crop's ink
        # shows the digits left: `glyphs` must not confirm them).
        if fax and cell_crops.faint_digit_beside(cells.raw_crops[key], dpi):
            touched = True
            cells.stamped_over.add(key)
        cells.number_crops.append(crop)
        ys, xs = np.nonzero(cell_ink)
        # A seal's ring wiped where it crossed the figure may have cut a stroke.
        near = (x0 + xs.min() - 2, y0 + ys.min() - 2, x0 + xs.max() + 3, y0 + ys.max() + 3)
        # A stamp's lifted ink in the cell: the re-reads alone are not sure; where it
        # could have hidden a digit, nor is the page OCR (it saw the same page).
        among_seal = key in cells.among_seal  # the page OCR, which saw the seal, must agree
        scar, lifted = sealed.scarred(near), under_stamp(level, cells.box_of[key])
        if touched or scar or lifted or among_seal:
            cells.edge_touching.add(len(cells.number_crops) - 1)
            if fax and scar and not (touched or lifted or among_seal):
                cells.scar_edges.add(len(cells.number_crops) - 1)
        if (
            under_stamp(level, cells.box_of[key], near)
            or (fax and star_beside(sealed.rings, near, dpi))
            or (level.photo and star_beside(sealed.rings, near, dpi, body=0.0))
        ):
            cells.stamped_over.add(key)
        if not fax and level.stamped is None and ring_crosses(sealed.rings, near):
            cells.ring_crossed.append(key)  # `figure_reads.band_out_disagree`
        elif lifted and not (touched or scar or among_seal):
            cells.lifted.add(len(cells.number_crops) - 1)
        if scar:
            if fax:  # a black seal wiped off a fax cut the print as black as it, and the
                cells.fax_scarred.append(key)  # page OCR read the same page: `seal_scars`
            else:  # a grey seal's wipe may have cut print: read again unwiped
                cells.scarred.append(key)
