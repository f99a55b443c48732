"""A page's ruled tables found and its seals wiped; the page made ready for the page
OCR (its rules wiped, a cell's middle kept); and, on a page without a ruled table, the
table rebuilt from where its words lie (`page_read.py`'s first steps).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np

from ..settings import ScanSettings
from . import bilevel, blur, faint_rules, grey_rules, grid, layout, low_res, seals, sender_line
from ._exec import Word, ocr_pool
from .page_words import page_words
from .pages import PageImage
from .rings import Ring
from .unread_marks import unread_figures


def wiped(gray: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
    """A copy of the page with `mask` wiped to paper (the page itself when None)."""
    if mask is None:
        return gray
    out = gray.copy()
    out[mask] = 255
    return out


@dataclass
class Ruling:
    """The page's ruled tables, their rules, and the page with its seals wiped for reading."""

    lines: grid.RulingLines
    tables: list[grid.GridTable]
    sealed: seals.Unsealed
    unsealed: np.ndarray  # the seals wiped (a fax's: softened for the OCR too)


def ruled_tables(level: PageImage, fax: bool, ruled: bool) -> Ruling:
    """The ruling lines and the ruled tables they make (none without `ruled`); a seal
    over the table is wiped for reading, not for the grid: grey rules go with it."""
    gray, dpi = level.gray, level.dpi
    lines_masks = grid.ruling_lines(gray, dpi, fax=fax)
    if level.photo:  # a faint rule's pieces, dashed by the camera's grain, joined
        lines_masks = faint_rules.whole_rules(gray, lines_masks, dpi)
    # The grid's ink mask is the one the seal finder would make again (the same page).
    sealed = seals.wipe_rings(gray, dpi, fax=fax, ink=lines_masks.ink, dotted=not level.photo)
    if not fax:  # a fax's star is as black as print: `cell_kinds.star_beside`
        lines_masks = without_seal_strokes(lines_masks, sealed.rings, dpi)
    tables = grid.on_page(grid.find_tables(lines_masks, dpi), gray.shape) if ruled else []
    if ruled and not level.photo and not fax:  # a scan's faint rules, joined
        tables, lines_masks = faint_rules.larger_grid(gray, lines_masks, tables, dpi)
        tables, lines_masks = grey_rules.with_grey_rules(gray, lines_masks, tables, dpi)
    tables = [t for t in tables if not sealed.encloses(t.box, dpi)]
    unsealed = sealed.gray
    if fax:  # a black-and-white page: grey edges for the OCR (not for the grid's lines)
        unsealed = bilevel.soften(bilevel.despeckle(unsealed, dpi), dpi)
    return Ruling(lines_masks, tables, sealed, unsealed)


def without_seal_strokes(
    lines: grid.RulingLines, rings: list[Ring], dpi: float
) -> grid.RulingLines:
    """The ruling lines less the short vertical runs lying wholly within a seal (its ring
    too) with no vertical run clear of the seals in line with them. Such a run was kept
    as a sub-column's rule, joining two row rules; alone inside a seal it is the star's
    point run on into a digit's stem below it (layouts-tune3 286: the "1" of "137" wiped
    with it as a rule, "37" read surely). A faint column rule broken under a seal has
    pieces clear of it in line. (Not called on a fax: its black star, kept as a rule,
    parts the header cell it stands in, and faxtune9 13736 lost a figure without it.)"""
    if not rings:
        return lines
    n, labels, stats, _c = cv2.connectedComponentsWithStats(lines.vertical, connectivity=8)
    slack = dpi / 30  # a skewed rule's drift along the table, a pixel or two of dilation

    def reach(i: int, r: Ring) -> tuple[float, float]:
        """The nearest and farthest of run i's box from the seal's centre."""
        x, y, w, h, _a = stats[i]
        near = np.hypot(min(max(r.cx, x), x + w) - r.cx, min(max(r.cy, y), y + h) - r.cy)
        far = max(np.hypot(a - r.cx, b - r.cy) for a in (x, x + w) for b in (y, y + h))
        return float(near), float(far)

    edge = [(r, r.r + r.width + slack) for r in rings]
    sealed = [i for i in range(1, n) if any(reach(i, r)[1] <= e for r, e in edge)]
    away = [j for j in range(1, n) if all(reach(j, r)[0] > e for r, e in edge)]

    def in_line(i: int) -> bool:
        x0, x1 = stats[i][0] - slack, stats[i][0] + stats[i][2] + slack
        return any(stats[j][0] <= x1 and stats[j][0] + stats[j][2] >= x0 for j in away)

    drop = [i for i in sealed if stats[i][3] < grid.SHORT_RULE * dpi and not in_line(i)]
    if not drop:
        return lines
    vertical = lines.vertical.copy()
    vertical[np.isin(labels, drop)] = 0
    return replace(lines, vertical=vertical)


def page_without_rules(
    ruling: Ruling, dpi: float, fax: bool
) -> tuple[np.ndarray, np.ndarray | None]:
    """The page for the page OCR, its ruling lines wiped (grid lines confuse Tesseract),
    and on a fax the rules' grey edges beyond their masks (wiped later, for the page OCR
    only)."""
    unsealed, lines_masks = ruling.unsealed, ruling.lines
    clean = unsealed.copy()
    clean[lines_masks.both > 0] = 255
    # Softened, a fax's rule has a grey edge beyond its mask: the page OCR read "120_".
    # Wiped for the page OCR only (a cell's crop drops what is left of its rules).
    rule_edges = cv2.dilate(lines_masks.both, bilevel.edge_kernel(dpi)) > 0 if fax else None
    # Well inside a cell, a "line" is a stamp's arc or a digit's stroke, not a rule: wiping
    # it would cut the digit ("89" read "39"). The middle of each cell keeps its pixels.
    m = max(4, int(dpi / 20))
    for table in ruling.tables:
        for gc in table.cells:
            x0, y0, x1, y1 = gc.box
            if x1 - x0 > 2 * m and y1 - y0 > 2 * m:
                clean[y0 + m : y1 - m, x0 + m : x1 - m] = unsealed[y0 + m : y1 - m, x0 + m : x1 - m]
                if rule_edges is not None:
                    rule_edges[y0 + m : y1 - m, x0 + m : x1 - m] = False
    grid.wipe_between_cells(clean, ruling.tables)
    return clean, rule_edges


def tables_from_words(
    level: PageImage,
    ruling: Ruling,
    clean: np.ndarray,
    rule_edges: np.ndarray | None,
    sharpen: bool,
    settings: ScanSettings,
    work: Path,
    warnings: list[str],
    fax: bool = False,
) -> tuple[list[grid.GridTable], list[Word]]:
    """A page without a ruled table: the page read first, its table rebuilt from where
    its words lie (a broken rule's pieces wiped from `clean`, not in the cells' reads).
    A low-resolution flatbed scan's unread figures are read grey too (`low_res`)."""
    gray, dpi = level.gray, level.dpi
    known_words = (
        ocr_pool(settings.workers)
        .submit(
            page_words,
            blur.sharpen(clean) if sharpen else wiped(clean, rule_edges),
            dpi,
            settings,
            work / f"whole_{level.page:04d}.pgm",
            True,
        )
        .result()
    )
    # Figures the page OCR skipped (a lone "7") still place their rows and column.
    marks = (
        ocr_pool(settings.workers)
        .submit(
            unread_figures,
            clean,
            known_words,
            dpi,
            settings,
            work / "marks",
            grey=not (fax or level.photo) and dpi < low_res.LOW_DPI,
        )
        .result()
    )
    rules = grid.rules_across(ruling.lines, dpi)
    table_words = known_words + marks
    if not level.photo:  # a sheet's edge: a fax's sender line, no column of figures
        table_words = sender_line.off_edge(table_words, gray, dpi)
    tables = grid.on_page(layout.tables_from_words(table_words, gray.shape[1], rules), gray.shape)
    for w in layout.rule_pieces(known_words):  # a broken rule: not in the cells' reads
        clean[w.top : w.top + w.height, w.left : w.left + w.width] = 255
    if tables:
        warnings.append(
            f"Trang {level.page}: bảng không có đủ đường kẻ, hàng và cột được dựng lại"
            " theo vị trí chữ."
        )
    return tables, known_words
