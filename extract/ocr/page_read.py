"""One page of a scan or photo read: levelled, turned upright, its tables, lines and QR
ids read (the steps of `extract/formats/scan.py`, per page).

Per page: (photo) page edge → perspective → even light; deskew; QR; ruling lines → grid;
then three Tesseract jobs: the page without its ruling lines and prose cells (`-l vie
--psm 11`, words with confidences), every prose cell (`--psm 6`) and the digits-only
re-read of every other inked cell. Values are never decided here: each cell carries both
reads and their confidences, and `extract/interpret.py` decides (and flags) from them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np

from chitieu.record import Where

from ..document import Cell, FormIds, Table, TextLine
from ..settings import ScanSettings
from . import (
    bilevel,
    blur,
    cell_crops,
    cells,
    faint_rules,
    grey_read,
    grid,
    layout,
    qr,
    seals,
    word_box,
)
from ._exec import Word, ocr_pool
from .confidence import cell_confidence, digits_confidence
from .level import level_page, orient, upright
from .page_words import page_words
from .pages import PageImage
from .streaks import remove_streaks
from .word_lines import group_lines, join_words, nfc, word_finder

PROSE = re.compile(r"[^\W\d_]{3,}")  # a word of 3+ letters: the cell is text, not a number
# `Cell.digits` of a cell with ink in it where no digit could be read: not blank, not a number.
UNREADABLE = "?"
Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in the level page's pixels


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


def is_figure(page_text: str, page_conf: float, digits: str) -> bool:
    """Whether a number-shaped cell is read as a figure: unless the page OCR read words
    in it, and surely; its unsure letters over a figure the digits re-read made out
    ("“TIẾP" over "15", confidence 0.24) are noise, and the photo rule still applies."""
    return not PROSE.search(page_text) or (page_conf < 0.5 and bool(cells.NUMBER.match(digits)))


def surer_reading(
    page: tuple[str, float], alone: tuple[str, float], page_saw_it: bool
) -> tuple[str, float]:
    """A prose cell's text: its read alone (`--psm 6`), unless the page OCR read it too
    (a table rebuilt from words), was surer, and read words ("Cai k ¬ gng tự nguyện"
    alone, 0.0). Figures stay with the cell's read: a page OCR that saw "3" of a merged
    cell's "23" and "5" is sure of what it saw, not of the cell."""
    if page_saw_it and page[1] > alone[1] and PROSE.search(page[0]):
        return page
    return nfc(alone[0].strip()), alone[1]


def _page_number(words: list[Word], members: list[int], digits: str) -> str | None:
    """The page OCR's number in a cell, or None where the cell is words, not a figure."""
    ws = [words[j] for j in members]
    text = join_words(ws)
    return cells.clean_number(text) if is_figure(text, cell_confidence(ws, True), digits) else None


def _zero_apart(page_number: str, number: str) -> bool:
    """Whether two readings of a figure differ only by leading zeros ("08" and "8")."""
    return page_number != number and page_number.lstrip("0") == number.lstrip("0") != ""


def _without(gray: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
    """A copy of the page with `mask` wiped to paper (the page itself when None)."""
    if mask is None:
        return gray
    out = gray.copy()
    out[mask] = 255
    return out


def read_page(page: PageImage, settings: ScanSettings, work: Path, cell_batches: int) -> PageRead:
    """Level the page, read it; turn it upright first when it lies sideways or reads badly."""
    page = replace(page, gray=remove_streaks(page.gray))  # straight only before deskewing
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
) -> PageRead:
    """Read a level, upright page: QR, grid, page OCR and per-cell re-reads."""
    page = level
    work.mkdir(exist_ok=True)
    gray, dpi = level.gray, level.dpi
    prep = prep or _Prep()
    lines_masks = grid.ruling_lines(gray, dpi, fax=prep.fax)
    if level.photo:  # a faint rule's pieces, dashed by the camera's grain, joined
        lines_masks = faint_rules.whole_rules(gray, lines_masks, dpi)
    tables = grid.on_page(grid.find_tables(lines_masks, dpi), gray.shape)
    # A seal over the table is wiped for reading (not for the grid: grey rules go with it).
    sealed = seals.wipe_rings(gray, dpi)
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
        tables = grid.on_page(layout.tables_from_words(known_words, gray.shape[1]), gray.shape)
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
            kinds[key] = "prose" if cell_crops.is_prose_shaped(cell_ink, dpi) else "number"
            # A prose cell of a sharpened page is read as scanned.
            raw_crops[key] = (plain if kinds[key] == "prose" else clean)[y0:y1, x0:x1].copy()
            if kinds[key] == "prose":
                text_keys.append(key)
            else:
                number_keys.append(key)
                number_inks.append(cell_ink)

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
    for key, cell_ink in zip(number_keys, number_inks, strict=True):
        x0, y0, _x1, _y1 = box_of[key]
        crop, touched = cell_crops.prepare_crop(raw_crops[key], dpi)
        number_crops.append(crop)
        ys, xs = np.nonzero(cell_ink)
        # A seal's ring wiped where it crossed the figure may have cut a stroke.
        near = (x0 + xs.min() - 2, y0 + ys.min() - 2, x0 + xs.max() + 3, y0 + ys.max() + 3)
        if touched or sealed.scarred(near):
            edge_touching.add(len(number_crops) - 1)
    text_crops = [cell_crops.prepare_text_crop(raw_crops[key], dpi) for key in text_keys]
    digits_job = pool.submit(cells.read_digits, number_crops, cell_dir, settings, cell_batches)
    text_job = pool.submit(cells.read_text_cells, text_crops, cell_dir, settings, cell_batches)
    form_ids = qr.read_form_ids(gray, blurred=prep.sharpen)
    words = known_words if page_job is None else page_job.result()
    first_reads = digits_job.result()
    text_reads = dict(zip(text_keys, text_job.result(), strict=True))

    members_of = word_finder(words)
    digit_reads, stretched_of = _confirm_numbers(
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
    )
    out_tables, in_table = _assemble_tables(
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
    )
    text_lines = _text_lines(level, words, in_table)
    if not tables:
        warnings.append(f"Trang {page.page}: không tìm thấy bảng kẻ ô.")
    confs = [w.conf / 100.0 for w in words if w.text.strip()]
    return PageRead(
        lines=text_lines,
        tables=out_tables,
        form_ids=form_ids,
        warnings=warnings,
        mean_confidence=float(np.mean(confs)) if confs else 0.0,
    )


def _confirm_numbers(
    level: PageImage,
    clean: np.ndarray,
    words: list[Word],
    members_of: Callable[[Box], list[int]],
    number_keys: list[tuple[int, int]],
    box_of: dict[tuple[int, int], Box],
    number_crops: list[np.ndarray],
    first_reads: list[tuple[str, float]],
    edge_touching: set[int],
    pool: ThreadPoolExecutor,
    cell_dir: Path,
    settings: ScanSettings,
    cell_batches: int,
) -> tuple[dict[tuple[int, int], cells.DigitsRead], dict[tuple[int, int], str]]:
    """Each number cell's digits, as sure as the readings that agree make them: the page
    OCR against the digits-only re-read, then a cross-check, a thinner cut, (photos) the
    word box and the grey crop, and a stretched read where the ink is wider than the
    digits read (what that read found, by cell)."""
    dpi = level.dpi
    # Cross-check the digits of every number cell the page OCR did not read the same way.
    doubtful = [
        i
        for i, key in enumerate(number_keys)
        if cells.clean_number(join_words([words[j] for j in members_of(box_of[key])]))
        != first_reads[i][0]
        or not first_reads[i][0]
    ]
    checked = pool.submit(
        cells.cross_check, number_crops, first_reads, doubtful, cell_dir, settings
    ).result()
    # Still unsure (and a figure, not a word, by the page OCR): read once more from a crop
    # cut nearer the print's core (a blurred figure at a low resolution comes out bold).
    unsure = [
        i
        for i in doubtful
        if not checked[i].confirmed
        and not PROSE.search(join_words([words[j] for j in members_of(box_of[number_keys[i]])]))
    ]
    if unsure:
        thin = [
            cell_crops.prepare_crop(clean[y0:y1, x0:x1], dpi, thin=True)[0]
            for x0, y0, x1, y1 in (box_of[number_keys[i]] for i in unsure)
        ]
        checked = pool.submit(
            cells.confirm_thin, thin, checked, unsure, cell_dir, settings
        ).result()
    if level.photo:  # a figure the page OCR read surely, re-read from its words' box
        checked = word_box.confirm(
            clean,
            dpi,
            words,
            [members_of(box_of[key]) for key in number_keys],
            [box_of[key] for key in number_keys],
            checked,
            pool,
            cell_dir,
            settings,
            cell_batches,
        )
        # A blurred bold figure binarised fills its counters: read grey by two models.
        checked = grey_read.confirm(
            clean,
            dpi,
            [box_of[key] for key in number_keys],
            [
                _page_number(words, members_of(box_of[key]), r.text)
                for key, r in zip(number_keys, checked, strict=True)
            ],
            checked,
            pool,
            cell_dir,
            settings,
        )
    for i in edge_touching:  # a digit may have been cut off with the edge: not sure alone
        checked[i] = replace(checked[i], confidence=min(checked[i].confidence, 0.5))
    # More ink than the digits read: the LSTM merges a repeated digit ("11" read "1" on
    # both readings). Read again stretched across, where the two digits stand apart.
    # Either reading (the re-read's, or the second one the page OCR may side with).
    wide = [
        i
        for i, r in enumerate(checked)
        if any(cell_crops.wider_than_read(number_crops[i], t) for t in (r.text, r.other or ""))
    ]
    stretched = pool.submit(
        cells.read_stretched, [number_crops[i] for i in wide], cell_dir, settings
    ).result()
    stretched_of = {number_keys[i]: t for i, t in zip(wide, stretched, strict=True)}
    digit_reads = dict(zip(number_keys, checked, strict=True))
    return digit_reads, stretched_of


def _assemble_tables(
    level: PageImage,
    tables: list[grid.GridTable],
    words: list[Word],
    members_of: Callable[[Box], list[int]],
    kinds: dict[tuple[int, int], str],
    text_reads: dict[tuple[int, int], tuple[str, float]],
    digit_reads: dict[tuple[int, int], cells.DigitsRead],
    stretched_of: dict[tuple[int, int], str],
    fax: bool = False,
    unsure: float = 0.0,
) -> tuple[list[Table], list[bool]]:
    """The tables as read, each cell with its text, digits and confidences; and which
    of the page OCR's words were inside a table."""
    page = level
    in_table = [False] * len(words)
    out_tables: list[Table] = []
    for t_index, table in enumerate(tables):
        grid_cells: list[list[Cell | None]] = [[None] * table.n_cols for _ in range(table.n_rows)]
        for gc in table.cells:
            key = (t_index, id(gc))
            members = members_of(gc.box)
            for i in members:
                in_table[i] = True
            cell_words = [words[i] for i in members]
            text = join_words(cell_words)
            kind = kinds[key]
            conf = cell_confidence(cell_words, kind != "blank")
            if kind == "prose" and text_reads[key][0].strip():
                text, conf = surer_reading((text, conf), text_reads[key], bool(cell_words))
                if level.photo and cells.NUMBER.match(cells.clean_number(text)):
                    conf = min(conf, 0.5)  # a figure from a photo with no digits re-read
            cell = Cell(
                text=text,
                row=gc.row,
                col=gc.col,
                rowspan=gc.rowspan,
                colspan=gc.colspan,
                where=Where(
                    page=page.page,
                    cell=f"R{gc.row + 1}C{gc.col + 1}",
                    bbox=level.to_points(gc.box),
                    table=t_index,
                ),
                confidence=round(conf, 4),
            )
            if kind == "blank":
                cell.text, cell.digits, cell.digits_confidence = "", "", 1.0
            elif kind == "prose" and not cell.text:  # ink that no reader made out
                cell.digits, cell.digits_confidence = UNREADABLE, 0.0
            elif kind == "number" and is_figure(text, conf, digit_reads[key].text):
                read = digit_reads[key]
                if read.text:
                    number, d_conf = digits_confidence(text, conf, read, level.photo)
                    cell.digits, cell.digits_confidence = number, round(d_conf, 4)
                    # Stretched, more digits were read: one was lost, whoever agrees ("01"
                    # for "1" is no loss; a stamp widening a crop reads no more digits).
                    if len(stretched_of.get(key, "").lstrip("0")) > len(number.lstrip("0")):
                        cell.digits, cell.digits_confidence = UNREADABLE, 0.0  # page's stays
                    elif fax and d_conf < unsure and _zero_apart(cells.clean_number(text), number):
                        # "08" by the page, "8" re-read and unsure: a fax's thin "6" with its
                        # top broken off reads "0" (alike as numbers, not as read).
                        cell.digits, cell.digits_confidence = UNREADABLE, 0.0
                else:  # ink, but no digit could be read: never let it pass as blank
                    cell.digits, cell.digits_confidence = UNREADABLE, 0.0
            for r in range(gc.row, gc.row + gc.rowspan):
                for c in range(gc.col, gc.col + gc.colspan):
                    grid_cells[r][c] = cell
        out_tables.append(Table(cells=grid_cells, page=page.page, index=t_index))
    return out_tables, in_table


def _text_lines(level: PageImage, words: list[Word], in_table: list[bool]) -> list[TextLine]:
    """The page OCR's words outside the tables, as lines with their place and confidence."""
    page = level
    text_lines: list[TextLine] = []
    for ln in group_lines([w for w, t in zip(words, in_table, strict=True) if not t]):
        box = (
            min(w.left for w in ln),
            min(w.top for w in ln),
            max(w.left + w.width for w in ln),
            max(w.top + w.height for w in ln),
        )
        text_lines.append(
            TextLine(
                text=nfc(" ".join(w.text for w in ln)),
                page=page.page,
                bbox=level.to_points(box),
                confidence=round(float(np.mean([w.conf for w in ln])) / 100.0, 4),
            )
        )
    return text_lines
