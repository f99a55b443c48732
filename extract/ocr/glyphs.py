"""A flagged figure confirmed by the page's own digit shapes.

About half the figures the readers leave unsure are read right: the page OCR and the
re-reads disagree, or agree unsurely ("137" flagged, read 137). The page itself holds a
second opinion: the figures it reads surely (the page OCR and the cell's re-read agree)
show how each digit 0-9 is printed on THIS page, in its typeface and with its scan, fax
or photo damage. A flagged figure's digits, cut apart as its ink stands
(`cell_crops.digit_spans`), are each compared with those templates (normalised
correlation, a few pixels of shift allowed, scaled by the figure's height). The figure is
confirmed only when every digit matches one digit clearly better than every other, its
ink shows as many digits as the value has, and the value is one a reader proposed.
A digit no sure figure shows has no template: it cannot be confirmed (the figure stays
flagged). Only digit-reading doubts are judged: a figure another rule made unreadable
(`figure_reads.UNREADABLE`: ink wider than the digits read, a stamp over it) stays as it
is; one whose crop touched its cell's edge or a seal's wipe gives no template and is not
confirmed at fewer digits than a reader saw in it.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from chitieu.record import Where

from ..document import Table
from . import cell_crops, cells, grid
from .confidence import DASH_BEFORE_DIGITS
from .figure_reads import UNREADABLE

HEIGHT = 32  # a glyph's figure height once scaled
WIDTH = 40  # the canvas a glyph is centred on (a digit is at most ~0.9 of its height wide)
SHIFT = 2  # pixels a glyph may stand off its template, each way
# A digit is read by its templates when its best digit's correlation is at least MIN_SCORE
# and beats every other digit's by MARGIN (chosen on the even tune seeds, see README).
MIN_SCORE = 0.90
MARGIN = 0.10
TEMPLATES_PER_DIGIT = 6  # the first sure samples of each digit (enough; keeps it cheap)


@dataclass
class Figure:
    """One number cell as the page read it: its prepared crop, the value it stands at,
    every reader's proposal, and whether it is sure."""

    crop: np.ndarray
    value: str
    proposals: set[str]
    sure: bool  # the page OCR and the re-read agree, surely: a template
    unsure: bool  # flagged for a digit-reading doubt only: may be confirmed
    cut: bool = False  # its crop ran into the cell's edge or a seal's wipe: no template
    where: Where | None = None
    seen: int = 0  # digits the page OCR saw in the cell, among words too
    stretched: int = 0  # digits the stretched re-read saw


def glyphs(crop: np.ndarray) -> list[np.ndarray]:
    """The figure's digits as its ink stands them apart, each scaled by the figure's
    height (not its own: a broken digit stays small) onto a blurred canvas."""
    spans = cell_crops.digit_spans(crop)
    if not spans:
        return []
    ink = crop[:, spans[0][0] : spans[-1][1]] < 128
    rows = np.flatnonzero(ink.any(axis=1))
    top, height = rows[0], rows[-1] - rows[0] + 1
    k = HEIGHT / height
    out = []
    for a, b in spans:
        g = (crop[top : top + height, a:b] < 128).astype(np.float32)
        w = min(WIDTH, max(1, round((b - a) * k)))
        g = cv2.resize(g, (w, HEIGHT), interpolation=cv2.INTER_AREA)
        canvas = np.zeros((HEIGHT + 2 * SHIFT, WIDTH + 2 * SHIFT), np.float32)
        x = SHIFT + (WIDTH - w) // 2
        canvas[SHIFT : SHIFT + HEIGHT, x : x + w] = g
        out.append(cv2.GaussianBlur(canvas, (3, 3), 0))
    return out


def templates(figures: list[Figure]) -> dict[str, list[np.ndarray]]:
    """Each digit's shapes as the page's sure figures print them (a figure whose ink
    does not stand apart into as many digits as its value has gives none)."""
    out: dict[str, list[np.ndarray]] = {}
    for f in figures:
        if not f.sure:
            continue
        gs = glyphs(f.crop)
        if len(gs) != len(f.value):
            continue
        for ch, g in zip(f.value, gs, strict=True):
            shapes = out.setdefault(ch, [])
            if len(shapes) < TEMPLATES_PER_DIGIT:
                shapes.append(g[SHIFT:-SHIFT, SHIFT:-SHIFT])
    return out


def scores(glyph: np.ndarray, shapes: dict[str, list[np.ndarray]]) -> dict[str, float]:
    """Each digit's best correlation with the glyph (shifted up to SHIFT pixels)."""
    out = {}
    for ch, ts in shapes.items():
        out[ch] = max(float(cv2.matchTemplate(glyph, t, cv2.TM_CCOEFF_NORMED).max()) for t in ts)
    return out


def digit_of(glyph: np.ndarray, shapes: dict[str, list[np.ndarray]]) -> str | None:
    """The digit the glyph clearly is by the page's templates, or None (no opinion)."""
    s = scores(glyph, shapes)
    if len(s) < 2:
        return None
    ranked = sorted(s.items(), key=lambda kv: -kv[1])
    (best, top), (_second, runner) = ranked[0], ranked[1]
    if top >= MIN_SCORE and top - runner >= MARGIN:
        return best
    return None


def read_by_shapes(crop: np.ndarray, shapes: dict[str, list[np.ndarray]]) -> str | None:
    """The figure as the page's templates read it, digit by digit; None where a digit
    has no clear template."""
    gs = glyphs(crop)
    if not gs:
        return None
    digits = [digit_of(g, shapes) for g in gs]
    if any(d is None for d in digits):
        return None
    return "".join(digits)  # type: ignore[arg-type]


def confirmed(figures: list[Figure]) -> dict[int, str]:
    """The unsure figures (by index) the page's own digit shapes confirm, with the value
    confirmed: one a reader proposed, with as many digits as the ink stands apart."""
    shapes = templates(figures)
    if len(shapes) < 2:
        return {}
    out = {}
    for i, f in enumerate(figures):
        if not f.unsure:
            continue
        read = read_by_shapes(f.crop, shapes)
        if read is None or read not in f.proposals or not cells.NUMBER.match(read):
            continue
        # A cut crop may have lost a digit: its ink count is not the figure's, and a
        # reader that saw more digits contradicts it ("137" by the page OCR, "1" cut).
        if f.cut and max(f.seen, *(len(p) for p in f.proposals)) > len(read):
            continue
        # Stretched, a digit more was read: the crop the shapes read lost it as the page
        # OCR did (a fax's "7" whose thin stem came as dots: "137" read "13" by both, the
        # 7's bar too small to stand as a digit).
        if f.stretched > len(read):
            continue
        out[i] = read
    return out


def confirm_page(
    out_tables: list[Table],
    tables: list[grid.GridTable],
    keys: list[tuple[int, int]],
    crops: list[np.ndarray],
    digit_reads: dict[tuple[int, int], cells.DigitsRead],
    stretched_of: dict[tuple[int, int], str],
    stamped: set[tuple[int, int]],
    cut: set[tuple[int, int]],
    accept: float,
    fax: bool = False,
) -> list[Figure]:
    """Confirm the page's unsure figures that its own digit shapes read as a reader did:
    their digits then stand at that value with confidence `accept`. Unsure is a figure
    whose readers disagree or are unsure, or that was made unreadable for its digits
    (more ink than digits read, a stretched read with more digits, a fax's leading zero,
    no digit re-read). A stamp's lifted ink over a figure (`stamped`) may have hidden a
    digit: those stay as they are; a crop whose ink ran into its cell's edge or a seal's
    wipe (`cut`) gives no template, and is not confirmed at fewer digits than a reader
    saw (it may have lost one); no figure is confirmed at fewer digits than its
    stretched re-read saw. Returns the page's figures as judged."""
    at = {(t, id(gc)): (gc.row, gc.col) for t, table in enumerate(tables) for gc in table.cells}
    restore = cells.ones_restored if fax else str
    figures, cells_of = [], []
    for key, crop in zip(keys, crops, strict=True):
        row, col = at[key]
        cell = out_tables[key[0]].cells[row][col]
        if cell is None or not cell.digits:
            continue  # blank, or words (`figure_reads.is_figure`)
        page = restore(cells.clean_number(cell.text))
        conf = cell.digits_confidence or 0.0
        read = digit_reads[key]
        proposals = {page, cell.digits, read.text, read.other or "", stretched_of.get(key, "")}
        proposals = {p for p in proposals if cells.NUMBER.match(p)}
        sure = key not in stamped | cut and page == cell.digits and conf >= accept
        unsure = key not in stamped and not (page == cell.digits and conf >= accept)
        unsure = unsure and (cell.digits == UNREADABLE or conf < accept)
        # A dash the page OCR saw joined to the digits' front may be a digit's remains
        # the templates cannot read: the foot of a "1" a fax's streak took ("-2" for
        # "12"). It stays as it is. (A letter there may be the digit itself misread,
        # "1Ị" for "11", which the templates do read.)
        unsure = unsure and not DASH_BEFORE_DIGITS.match(cell.text)
        seen = sum(ch.isdigit() for ch in cell.text)
        stretched = sum(ch.isdigit() for ch in stretched_of.get(key, ""))
        figure = Figure(
            crop, cell.digits, proposals, sure, unsure, key in cut, cell.where, seen, stretched
        )
        figures.append(figure)
        cells_of.append(cell)
    for i, value in confirmed(figures).items():
        cells_of[i].digits, cells_of[i].digits_confidence = value, accept
    return figures
