"""One page of a scan or photo read: levelled, turned upright, its tables, lines and QR
ids read (the steps of `extract/formats/scan.py`, per page).

Per page: (photo) page edge → perspective → even light; deskew; QR; ruling lines → grid;
then three Tesseract jobs: the page without its ruling lines and prose cells (`-l vie
--psm 11`, words with confidences), every prose cell (`--psm 6`) and the digits-only
re-read of every other inked cell. Values are never decided here: each cell carries both
reads and their confidences, and `extract/interpret.py` decides (and flags) from them.
The reads themselves are `cell_reads.py`; the second opinions on figures,
`figure_reads.py`; the cells put together, `table_read.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ..document import FormIds, Table, TextLine
from ..settings import ScanSettings
from . import (
    bilevel,
    blur,
    cell_crops,
    cell_kinds,
    cells,
    glyphs,
    grid,
    leading_zeros,
    lost_stems,
    ruled_page,
    seals,
    zero_tails,
)
from .cell_reads import CellReads, read_cells
from .figure_reads import (
    Box,
    band_out_disagree,
    confirm_numbers,
)
from .figure_rows import FIGURE, YEAR
from .level import level_page, orient, upright
from .pages import PageImage
from .streaks import streaks_removed
from .table_read import assemble_tables, text_lines
from .unwiped_reads import unwiped_disagree
from .word_lines import join_words


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
    if not fax and (two_levels := bilevel.faxed(page.gray, page.dpi)) is not None:
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
    work.mkdir(exist_ok=True)
    prep = prep or _Prep()
    ruling = ruled_page.ruled_tables(level, prep.fax, ruled)
    clean, rule_edges = ruled_page.page_without_rules(ruling, level.dpi, prep.fax)
    tables, known_words = ruling.tables, None
    if not tables:  # no ruled table: read the page first, rebuild the table from its words
        tables, known_words = ruled_page.tables_from_words(
            level, ruling, clean, rule_edges, prep.sharpen, settings, work, warnings, prep.fax
        )
    # A blurred scan's figures are read (page OCR and re-reads) sharpened, its prose cells
    # as scanned.
    plain = clean
    if prep.sharpen:
        plain, clean = clean.copy(), blur.sharpen(clean)
    page_cells = cell_kinds.sort_cells(
        tables, level.gray, clean, plain, level.dpi, ruling.sealed, prep.fax
    )
    if tables and known_words is None and not _figure_columns(tables, page_cells.number_keys):
        # Ruled tables without a figure column are what is left of a grid whose rules did
        # not come out (faint, under a stamp): the figures lie outside them, or share a
        # cell with their labels where the column rules between them were lost.
        return _read_level(level, warnings, settings, work / "w", cell_batches, prep, False)
    _wipe_prose_cells(clean, tables, page_cells.kinds)
    reads = read_cells(
        level,
        page_cells,
        ruling.sealed,
        clean,
        rule_edges,
        known_words,
        prep.fax,
        prep.sharpen,
        settings,
        work,
        cell_batches,
    )
    if (
        tables
        and known_words is None
        and (
            not _figures_read(tables, page_cells, reads)
            or _rows_merged(tables, page_cells, reads)
            or _figures_outside(tables, page_cells, reads)
        )
    ):
        # Number cells beside the first column that no reader found a digit in ("người"
        # cells sorted as figures): the figures stand outside the grid, whose last column's
        # rules did not come out (a photo's faint right frame). Or a figure cell holding
        # a figure on each of its lines: the rules between the rows did not come out. Or
        # a figure just under or over the grid, in its figures' column: the rules of the
        # rows it stands in did not come out (a fax's rules in dashes).
        return _read_level(level, warnings, settings, work / "w", cell_batches, prep, False)
    out_tables, in_table = _tables_put_together(
        level, tables, clean, page_cells, reads, ruling.sealed, prep, settings, cell_batches
    )
    outside = text_lines(level, reads.words, in_table)
    if not tables:
        warnings.append(f"Trang {level.page}: không tìm thấy bảng kẻ ô.")
    confs = [w.conf / 100.0 for w in reads.words if w.text.strip()]
    return PageRead(
        lines=outside,
        tables=out_tables,
        form_ids=reads.form_ids,
        warnings=warnings,
        mean_confidence=float(np.mean(confs)) if confs else 0.0,
    )


def _figure_columns(tables: list[grid.GridTable], number_keys: list[cell_kinds.Key]) -> bool:
    """Whether a figure stands in a column of its own. A table's first column holds row
    numbers (STT) or labels, never a return's figures: a fax whose column rules the
    binarising dropped kept its outer frame, "STT | label and figures | notes", and its
    only number cells were the row numbers."""
    column_of = _columns(tables)
    return any(column_of.get(key, 1) > 0 for key in number_keys)


def _columns(tables: list[grid.GridTable]) -> dict[cell_kinds.Key, int]:
    """Each grid cell's column, by its key (table index, id of the cell)."""
    return {(t, id(gc)): gc.col for t, table in enumerate(tables) for gc in table.cells}


def _beside_first_column(
    tables: list[grid.GridTable], page_cells: cell_kinds.PageCells, reads: CellReads
) -> Iterator[tuple[int, list[str]]]:
    """The number cells beside their table's first column (where a return's figures
    stand): each one's index among `number_keys`, and the page OCR's words in it."""
    column_of = _columns(tables)
    for i, key in enumerate(page_cells.number_keys):
        if column_of.get(key, 1) > 0:
            yield i, [reads.words[j].text for j in reads.members_of(page_cells.box_of[key])]


def _figures_read(
    tables: list[grid.GridTable], page_cells: cell_kinds.PageCells, reads: CellReads
) -> bool:
    """Whether any reader found a digit in a number cell beside the first column."""
    return any(
        any(ch.isdigit() for ch in reads.first_reads[i][0] + "".join(words))
        for i, words in _beside_first_column(tables, page_cells, reads)
    )


def _rows_merged(
    tables: list[grid.GridTable], page_cells: cell_kinds.PageCells, reads: CellReads
) -> bool:
    """Whether a number cell beside the first column holds two figures or more, each on
    a line of its own ink: rows whose rules between them a photo's light or a faint print
    lost, read as one ("00 09 20 00 1.307" under "1 2 3 4 5"). A figure wrapped with its
    words, "15 (nam 10," over "nữ 5)", is not all figures."""
    for i, words in _beside_first_column(tables, page_cells, reads):
        figures = " ".join(words).split()
        many = len(figures) >= 2 and all(FIGURE.match(f) for f in figures)
        if many and _ink_lines(page_cells.number_crops[i] < 128) == len(figures):
            return True
    return False


REACH_ROWS = 4  # word heights beyond a grid's top or bottom where its lost rows may lie


def _figures_outside(
    tables: list[grid.GridTable], page_cells: cell_kinds.PageCells, reads: CellReads
) -> bool:
    """Whether a figure the page OCR read stands outside every grid, just under or over
    one (within `REACH_ROWS` word heights), across from that grid's figures with no word
    beside it there: rows of the table whose rules did not come out (a fax's dashed
    rules; faxtune8 seed 12398's grid ended after its third row, "17" and "45" below it
    unread). Not a year of the title's prose, nor a speck read as "2,"."""
    words = [w for w in reads.words if w.text.strip()]
    if not words:
        return False
    height = float(np.median([w.height for w in words]))
    inside = {i for t in tables for i in reads.members_of(t.box)}
    spans: dict[int, list[tuple[int, int]]] = {}
    for i, _words in _beside_first_column(tables, page_cells, reads):
        key = page_cells.number_keys[i]
        box = page_cells.box_of[key]
        spans.setdefault(key[0], []).append((box[0] - int(height), box[2] + int(height)))

    def across(x: float, columns: list[tuple[int, int]]) -> bool:
        return any(a <= x <= b for a, b in columns)

    for i, w in enumerate(reads.words):
        figure = _as_figure(w.text)
        if i in inside or figure is None or YEAR.match(figure) or w.height < 0.6 * height:
            continue
        for t, columns in spans.items():
            top, bottom = tables[t].box[1], tables[t].box[3]
            near = bottom <= w.top <= bottom + REACH_ROWS * height or (
                top - REACH_ROWS * height <= w.top + w.height <= top
            )
            if not (near and across(w.center[0], columns)):
                continue
            alone = not any(
                o is not w
                and abs(o.center[1] - w.center[1]) <= 0.5 * height
                and across(o.center[0], columns)
                and _as_figure(o.text) is None
                for o in words
            )
            if alone:
                return True
    return False


def _as_figure(text: str) -> str | None:
    """A page word as a figure, its 1s read as letters restored ("I7" → "17"); None when
    it is no figure."""
    number = cells.ones_restored(cells.clean_number(text))
    return number if FIGURE.match(number) else None


def _ink_lines(ink: np.ndarray) -> int:
    """How many lines of print a crop's ink stands in: bands of inked rows parted by blank
    ones, each at least half as tall as the tallest (a speck or a dot is no line)."""
    rows = np.concatenate(([False], (ink > 0).any(axis=1), [False]))
    edges = np.flatnonzero(rows[1:] != rows[:-1])
    heights = edges[1::2] - edges[::2]
    return int(np.count_nonzero(heights >= 0.5 * heights.max())) if len(heights) else 0


def _wipe_prose_cells(
    clean: np.ndarray, tables: list[grid.GridTable], kinds: dict[tuple[int, int], str]
) -> None:
    """The page OCR skips prose cells (each is read alone) but keeps number cells: its
    reading of a number is the second opinion on the digits-only re-read."""
    for t_index, table in enumerate(tables):
        for gc in table.cells:
            if kinds[(t_index, id(gc))] == "prose":
                x0, y0, x1, y1 = gc.box
                clean[y0:y1, x0:x1] = 255


def _tables_put_together(
    level: PageImage,
    tables: list[grid.GridTable],
    clean: np.ndarray,
    page_cells: cell_kinds.PageCells,
    reads: CellReads,
    sealed: seals.Unsealed,
    prep: _Prep,
    settings: ScanSettings,
    cell_batches: int,
) -> tuple[list[Table], set[int]]:
    """Each figure decided between its reads (second opinions where they disagree), the
    cells put together into tables, and flagged figures confirmed by the page's sure
    figures printed alike."""
    members_of = reads.members_of
    number_keys, box_of = page_cells.number_keys, page_cells.box_of
    if prep.fax and sealed.rings:  # a black seal's letters beside a figure: not its cell's
        number_boxes = {box_of[key] for key in number_keys}
        members_of = _figures_without(members_of, sealed.lettering_words(reads.words), number_boxes)
    digit_reads, stretched_of = confirm_numbers(
        level,
        clean,
        reads.words,
        members_of,
        number_keys,
        box_of,
        page_cells.number_crops,
        reads.first_reads,
        page_cells.edge_touching,
        reads.pool,
        reads.cell_dir,
        settings,
        cell_batches,
        fax=prep.fax,
        lifted=page_cells.lifted,
    )
    # A seal's wipe may have cut a figure, and the page OCR read the same wiped page.
    stamped_over = page_cells.stamped_over | unwiped_disagree(
        level.gray,
        level.dpi,
        page_cells.scarred,
        box_of,
        digit_reads,
        sealed.rings,
        reads.pool,
        reads.cell_dir,
        settings,
        print_darker=not (prep.sharpen or level.photo),
    )
    # A grey seal's ring along a digit, kept by the wipe as a stroke of it ("15" read "45").
    page_agrees = {
        key
        for key in page_cells.ring_crossed
        if cells.clean_number(join_words([reads.words[i] for i in members_of(box_of[key])]))
        == digit_reads[key].text
    }
    stamped_over |= band_out_disagree(
        level.gray,
        level.dpi,
        page_cells.ring_crossed,
        sealed.rings,
        box_of,
        digit_reads,
        reads.pool,
        reads.cell_dir,
        settings,
        page_agrees,
    )
    # A fax "5" whose upright was lost reads "3" on every read (`lost_stems`).
    stem_lost = (
        {
            key
            for key, crop in zip(number_keys, page_cells.number_crops, strict=True)
            if any(
                lost_stems.stem_lost(crop, t or "")
                for t in (digit_reads[key].text, digit_reads[key].other)
            )
        }
        if prep.fax
        else set()
    )
    out_tables, in_table = assemble_tables(
        level,
        tables,
        reads.words,
        members_of,
        page_cells.kinds,
        reads.text_reads,
        digit_reads,
        stretched_of,
        fax=prep.fax,
        unsure=settings.min_digits_confidence,
        stamped_over=stamped_over,
        in_seal={k for k in number_keys if cell_kinds.within_seal(sealed.rings, box_of[k])},
        stem_lost=stem_lost,
        ink_digits={
            key: cell_crops.ink_digits(crop)
            for key, crop in zip(number_keys, page_cells.number_crops, strict=True)
        },
        width_digits={
            key: cell_crops.width_digits(crop)
            for key, crop in zip(number_keys, page_cells.number_crops, strict=True)
        },
    )
    # A flagged figure whose digits the page's sure figures print alike is confirmed.
    page_figures = (out_tables, tables, number_keys, page_cells.number_crops)
    stamped = (
        stamped_over
        | stem_lost
        | {k for k in number_keys if cell_kinds.under_stamp(level, box_of[k])}
    )
    at_edge = {number_keys[i] for i in page_cells.edge_touching}
    glyphs.confirm_page(
        *page_figures,
        digit_reads,
        stretched_of,
        stamped,
        at_edge,
        settings.min_digits_confidence,
        fax=prep.fax,
    )
    if prep.fax:  # a "0X" whose zero the page OCR read as a mark ("q7"), shown a zero
        confirmed = {k for k in number_keys if digit_reads[k].confirmed}
        leading_zeros.confirm_page(*page_figures, confirmed, stamped | at_edge)
        # An unsure "0X": its zero shown by its ring, its digit read alone by two models.
        zero_tails.confirm_page(
            *page_figures,
            digit_reads,
            stretched_of,
            stamped | at_edge,
            reads.pool,
            reads.cell_dir / "zero_tails",
            settings,
        )
    return out_tables, in_table
