"""One page of a scan or photo read: levelled, turned upright, its tables, lines and QR
ids read (the steps of `extract/formats/scan.py`, per page).

Per page: (photo) page edge → perspective → even light; deskew; QR; ruling lines → grid;
then three Tesseract jobs: the page without its ruling lines and prose cells (`-l vie
--psm 11`, words with confidences), every prose cell (`--psm 6`) and the digits-only
re-read of every other inked cell. Values are never decided here: each cell carries both
reads and their confidences, and `extract/interpret.py` decides (and flags) from them.
The second opinions on figures are `figure_reads.py`; the cells put together, `table_read.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np

from ..document import FormIds, Table, TextLine
from ..settings import ScanSettings
from . import (
    bilevel,
    blur,
    cell_crops,
    cells,
    faint_rules,
    glyphs,
    grid,
    layout,
    qr,
    seal_figures,
    seals,
    sender_line,
)
from ._exec import Word, ocr_pool
from .figure_reads import Box, confirm_numbers, reads_as_figure, unwiped_disagree
from .level import STAMP_LIFT, level_page, orient, upright
from .page_words import page_words
from .pages import PageImage
from .streaks import streaks_removed
from .table_read import assemble_tables, text_lines
from .unread_marks import unread_figures
from .word_lines import word_finder


@dataclass(frozen=True)
class _Prep:
    """How the page came, for its reading: black and white (a fax), or blurred."""

    fax: bool = False
    sharpen: bool = False


@dataclass
class PageRead:
    """What one page gave: its lines, tables, form ids and warnings."""

    lines: list[TextLine]
    tables: list[Table]
    form_ids: FormIds | None
    warnings: list[str]
    mean_confidence: float = 1.0  # of the page OCR's words: low on an upside-down page


def _without(gray: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
    """A copy of the page with `mask` wiped to paper (the page itself when None)."""
    if mask is None:
        return gray
    out = gray.copy()
    out[mask] = 255
    return out


def _under_stamp(level: PageImage, cell: Box, ink: Box | None = None) -> bool:
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


def _figures_without(
    members_of: Callable[[Box], list[int]], words: set[int], boxes: set[Box]
) -> Callable[[Box], list[int]]:
    """`members_of` with `words` left out of the number cells (`boxes`)."""

    def members(box: Box) -> list[int]:
        found = members_of(box)
        return [i for i in found if i not in words] if box in boxes else found

    return members


def read_page(page: PageImage, settings: ScanSettings, work: Path, cell_batches: int) -> PageRead:
    """Level the page, read it; turn it upright first when it lies sideways or reads badly."""
    gray, streaked = streaks_removed(page.gray)  # straight only before deskewing
    page = replace(page, gray=gray, streaked=streaked)
    fax = bilevel.is_bilevel(page.gray)  # its rules may be dashes, its print staircases
    if not fax and (two_levels := bilevel.as_sent(page.gray)) is not None:
        page, fax = replace(page, gray=two_levels), True  # a fax a PDF stored as a JPEG
    # A blurred scan's page OCR misses figures: it reads a sharpened copy (measured on the
    # page as it came; photos have their own light and focus steps).
    blurred = not fax and blur.is_blurred(page.gray)
    level, warnings = level_page(page, settings)
    level, how = orient(level, settings, work, warnings)
    prep = _Prep(fax=fax, sharpen=blurred and not level.photo)
    result = _read_level(level, warnings, settings, work / "a", cell_batches, prep)
    # A page read badly may still lie the wrong way, unless OSD already looked at it; one
    # without a table only when its way up was not known (OSD costs seconds).
    if how != "osd" and (result.mean_confidence < 0.6 or (not how and not result.tables)):
        turned = upright(level, settings, work, warnings)
        if turned is not level:
            result = _read_level(turned, warnings, settings, work / "b", cell_batches, prep)
    return result


def _read_level(
    level: PageImage,
    warnings: list[str],
    settings: ScanSettings,
    work: Path,
    cell_batches: int,
    prep: _Prep | None = None,
    ruled: bool = True,
) -> PageRead:
    """Read a level, upright page: QR, grid, page OCR and per-cell re-reads (without
    `ruled`, as a page with no ruled table: its table rebuilt from words)."""
    page = level
    work.mkdir(exist_ok=True)
    gray, dpi = level.gray, level.dpi
    prep = prep or _Prep()
    lines_masks = grid.ruling_lines(gray, dpi, fax=prep.fax)
    if level.photo:  # a faint rule's pieces, dashed by the camera's grain, joined
        lines_masks = faint_rules.whole_rules(gray, lines_masks, dpi)
    tables = grid.on_page(grid.find_tables(lines_masks, dpi), gray.shape) if ruled else []
    if ruled and not level.photo and not prep.fax:  # a scan's faint rules, joined
        tables, lines_masks = faint_rules.larger_grid(gray, lines_masks, tables, dpi)
    # A seal over the table is wiped for reading (not for the grid: grey rules go with it).
    sealed = seals.wipe_rings(gray, dpi, fax=prep.fax)
    tables = [t for t in tables if not sealed.encloses(t.box, dpi)]
    unsealed = sealed.gray
    if prep.fax:  # a black-and-white page: grey edges for the OCR (not for the grid's lines)
        unsealed = bilevel.soften(bilevel.despeckle(unsealed, dpi), dpi)

    # Page OCR on the page without ruling lines (grid lines confuse Tesseract).
    clean = unsealed.copy()
    clean[lines_masks.both > 0] = 255
    # Softened, a fax's rule has a grey edge beyond its mask: the page OCR read "120_".
    # Wiped for the page OCR only (a cell's crop drops what is left of its rules).
    rule_edges = cv2.dilate(lines_masks.both, bilevel.edge_kernel(dpi)) > 0 if prep.fax else None
    # Well inside a cell, a "line" is a stamp's arc or a digit's stroke, not a rule: wiping
    # it would cut the digit ("89" read "39"). The middle of each cell keeps its pixels.
    m = max(4, int(dpi / 20))
    for table in tables:
        for gc in table.cells:
            x0, y0, x1, y1 = gc.box
            if x1 - x0 > 2 * m and y1 - y0 > 2 * m:
                clean[y0 + m : y1 - m, x0 + m : x1 - m] = unsealed[y0 + m : y1 - m, x0 + m : x1 - m]
                if rule_edges is not None:
                    rule_edges[y0 + m : y1 - m, x0 + m : x1 - m] = False
    grid.wipe_between_cells(clean, tables)
    known_words: list[Word] | None = None

    if not tables:  # no ruled table: read the page first, rebuild the table from its words
        known_words = (
            ocr_pool(settings.workers)
            .submit(
                page_words,
                blur.sharpen(clean) if prep.sharpen else _without(clean, rule_edges),
                dpi,
                settings,
                work / f"whole_{page.page:04d}.pgm",
                True,
            )
            .result()
        )
        # Figures the page OCR skipped (a lone "7") still place their rows and column.
        marks = (
            ocr_pool(settings.workers)
            .submit(unread_figures, clean, known_words, dpi, settings, work / "marks")
            .result()
        )
        rules = grid.rules_across(lines_masks, dpi)
        table_words = known_words + marks
        if not level.photo:  # a sheet's edge: a fax's sender line, no column of figures
            table_words = sender_line.off_edge(table_words, gray.shape, dpi)
        tables = grid.on_page(
            layout.tables_from_words(table_words, gray.shape[1], rules), gray.shape
        )
        for w in layout.rule_pieces(known_words):  # a broken rule: not in the cells' reads
            clean[w.top : w.top + w.height, w.left : w.left + w.width] = 255
        if tables:
            warnings.append(
                f"Trang {page.page}: bảng không có đủ đường kẻ, hàng và cột được dựng lại"
                " theo vị trí chữ."
            )

    # A blurred scan's figures are read (page OCR and re-reads) sharpened, its prose cells
    # as scanned.
    plain = clean
    if prep.sharpen:
        plain, clean = clean.copy(), blur.sharpen(clean)
    _t, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ink = ((clean < _t) * 255).astype(np.uint8)
    # Each inked cell is read alone: prose cells by the Vietnamese model, the others digits-only.
    kinds: dict[tuple[int, int], str] = {}
    box_of = {(t_index, id(gc)): gc.box for t_index, t in enumerate(tables) for gc in t.cells}
    raw_crops: dict[tuple[int, int], np.ndarray] = {}  # inked cells as the loop left them
    number_inks: list[np.ndarray] = []
    number_keys: list[tuple[int, int]] = []
    text_keys: list[tuple[int, int]] = []
    among_seal: set[tuple[int, int]] = set()  # figures told apart from a seal's marks
    for t_index, table in enumerate(tables):
        for gc in table.cells:
            key = (t_index, id(gc))
            x0, y0, x1, y1 = gc.box
            cell_ink = ink[y0:y1, x0:x1]
            if x1 - x0 >= 4 and y1 - y0 >= 4:  # without a grey stamp's ring or star
                crop = clean[y0:y1, x0:x1]
                cut = cell_crops.print_threshold(crop)
                cell_ink = cell_ink & ((crop < cut) * 255).astype(np.uint8)
                if cut < _t:  # a stamp: gone for the page OCR and the re-read too
                    crop[crop >= cut] = 255
                if plain is not clean:  # and for the prose read, as scanned
                    as_scanned = plain[y0:y1, x0:x1]
                    plain_cut = cell_crops.print_threshold(as_scanned)
                    if plain_cut < _t:
                        as_scanned[as_scanned >= plain_cut] = 255
            if x1 - x0 < 4 or y1 - y0 < 4 or not cell_crops.has_ink(cell_ink, dpi):
                kinds[key] = "blank"
                continue
            # A black seal's letters in the cell do not make a figure prose ("05" with
            # "nAN Nhạ"); on a grey page they are gone by their grey.
            shape_ink = cell_ink
            if prep.fax and sealed.rings:
                shape_ink = cell_ink.copy()
                shape_ink[sealed.lettering(gc.box)] = 0
                if not cell_crops.has_ink(shape_ink, dpi):
                    shape_ink = cell_ink  # all of it in the band: judged as it is
            kinds[key] = "prose" if cell_crops.is_prose_shaped(shape_ink, dpi) else "number"
            # A prose cell of a sharpened page is read as scanned.
            raw_crops[key] = (plain if kinds[key] == "prose" else clean)[y0:y1, x0:x1].copy()
            if kinds[key] == "prose" and prep.fax and sealed.rings:  # a figure among a seal's marks
                apart = seal_figures.figure_apart(cell_ink, gc.box, sealed.rings, dpi)
                if apart is not None and not cell_crops.is_prose_shaped(apart[0], dpi):
                    kinds[key] = "number"
                    among_seal.add(key)  # the re-reads alone are not sure (see below)
                    raw_crops[key] = clean[y0:y1, x0:x1].copy()
                    raw_crops[key][~apart[1]] = 255
                    cell_ink = apart[0]  # the seal's wipe is judged next to the figure
            if kinds[key] == "prose":
                text_keys.append(key)
            else:
                number_keys.append(key)
                number_inks.append(cell_ink)

    if tables and not number_keys and known_words is None:
        # Ruled tables without a figure in them are what is left of a grid whose rules
        # did not come out (faint, under a stamp): the figures lie outside them.
        return _read_level(level, warnings, settings, work / "w", cell_batches, prep, False)

    # The page OCR skips prose cells (each is read alone below) but keeps number cells:
    # its reading of a number is the second opinion on the digits-only re-read.
    for t_index, table in enumerate(tables):
        for gc in table.cells:
            if kinds[(t_index, id(gc))] == "prose":
                x0, y0, x1, y1 = gc.box
                clean[y0:y1, x0:x1] = 255
    cell_dir = work / f"cells_{page.page:04d}"
    cell_dir.mkdir()
    # The reads queue on the process's Tesseract workers (one per core); the cells are
    # prepared and zbar runs here meanwhile. The page OCR goes first: it is the longest.
    pool = ocr_pool(settings.workers)
    page_job = (
        None
        if known_words is not None
        else pool.submit(
            page_words,
            _without(clean, rule_edges),
            dpi,
            settings,
            work / f"page_{page.page:04d}.pgm",
        )
    )
    number_crops: list[np.ndarray] = []
    edge_touching: set[int] = set()  # crops whose ink runs into the cell edge
    stamped_over: set[tuple[int, int]] = set()  # figures a lifted stamp may have cut
    scarred: list[tuple[int, int]] = []  # figures a seal's wipe cut next to
    for key, cell_ink in zip(number_keys, number_inks, strict=True):
        x0, y0, _x1, _y1 = box_of[key]
        crop, touched = cell_crops.prepare_crop(raw_crops[key], dpi)
        number_crops.append(crop)
        ys, xs = np.nonzero(cell_ink)
        # A seal's ring wiped where it crossed the figure may have cut a stroke.
        near = (x0 + xs.min() - 2, y0 + ys.min() - 2, x0 + xs.max() + 3, y0 + ys.max() + 3)
        # A stamp's lifted ink in the cell: the re-reads alone are not sure; where it
        # could have hidden a digit, nor is the page OCR (it saw the same page).
        if touched or sealed.scarred(near) or _under_stamp(level, box_of[key]) or key in among_seal:
            edge_touching.add(len(number_crops) - 1)
        if _under_stamp(level, box_of[key], near):
            stamped_over.add(key)
        if sealed.scarred(near):
            if prep.fax:  # a black seal wiped off a fax cut the print as black as it, and
                stamped_over.add(key)  # the page OCR read the same cut page: never sure
            else:  # a grey seal's wipe may have cut print: read again unwiped
                scarred.append(key)
    text_crops = [cell_crops.prepare_text_crop(raw_crops[key], dpi) for key in text_keys]
    digits_job = pool.submit(cells.read_digits, number_crops, cell_dir, settings, cell_batches)
    text_job = pool.submit(cells.read_text_cells, text_crops, cell_dir, settings, cell_batches)
    form_ids = qr.read_form_ids(gray, blurred=prep.sharpen)
    words = known_words if page_job is None else page_job.result()
    first_reads = digits_job.result()
    text_reads = dict(zip(text_keys, text_job.result(), strict=True))

    # A figure wider than a number's shape (thousands dots, a wide face: "12.500") went
    # to the prose reader; what reads as a figure there is a number cell after all, read
    # digits-only too: one reading alone is never sure ("500" for "12.500").
    members_of = word_finder(words)
    moved = [k for k in text_keys if reads_as_figure(text_reads[k][0])]
    if moved:
        more = [cell_crops.prepare_crop(raw_crops[k], dpi) for k in moved]
        (cell_dir / "moved").mkdir()
        first_reads += pool.submit(
            cells.read_digits, [c for c, _ in more], cell_dir / "moved", settings, 1
        ).result()
        for key, (crop, touched) in zip(moved, more, strict=True):
            kinds[key] = "number"
            if touched or sealed.scarred(box_of[key]):
                edge_touching.add(len(number_crops))
            number_keys.append(key)
            number_crops.append(crop)
            # Where the page OCR never saw the cell (wiped as prose), its prose reading
            # stands for the page OCR's: a second opinion by another model.
            text, conf = text_reads.pop(key)
            x0, y0, x1, y1 = box_of[key]
            if not members_of(box_of[key]):
                words = [
                    *words,
                    Word(text.strip(), x0 + 1, y0 + 1, x1 - x0 - 2, y1 - y0 - 2, 100 * conf),
                ]
        members_of = word_finder(words)

    if prep.fax and sealed.rings:  # a black seal's letters beside a figure: not its cell's
        number_boxes = {box_of[key] for key in number_keys}
        members_of = _figures_without(members_of, sealed.lettering_words(words), number_boxes)
    digit_reads, stretched_of = confirm_numbers(
        level,
        clean,
        words,
        members_of,
        number_keys,
        box_of,
        number_crops,
        first_reads,
        edge_touching,
        pool,
        cell_dir,
        settings,
        cell_batches,
        fax=prep.fax,
    )
    # A seal's wipe may have cut a figure, and the page OCR read the same wiped page.
    stamped_over |= unwiped_disagree(
        gray, dpi, scarred, box_of, digit_reads, pool, cell_dir, settings
    )
    out_tables, in_table = assemble_tables(
        level,
        tables,
        words,
        members_of,
        kinds,
        text_reads,
        digit_reads,
        stretched_of,
        fax=prep.fax,
        unsure=settings.min_digits_confidence,
        stamped_over=stamped_over,
        ink_digits={
            key: cell_crops.ink_digits(crop)
            for key, crop in zip(number_keys, number_crops, strict=True)
        },
    )
    # A flagged figure whose digits the page's sure figures print alike is confirmed.
    glyphs.confirm_page(
        out_tables,
        tables,
        number_keys,
        number_crops,
        digit_reads,
        stretched_of,
        stamped_over | {k for k in number_keys if _under_stamp(level, box_of[k])},
        {number_keys[i] for i in edge_touching},
        settings.min_digits_confidence,
        fax=prep.fax,
    )
    outside = text_lines(level, words, in_table)
    if not tables:
        warnings.append(f"Trang {page.page}: không tìm thấy bảng kẻ ô.")
    confs = [w.conf / 100.0 for w in words if w.text.strip()]
    return PageRead(
        lines=outside,
        tables=out_tables,
        form_ids=form_ids,
        warnings=warnings,
        mean_confidence=float(np.mean(confs)) if confs else 0.0,
    )
