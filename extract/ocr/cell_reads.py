"""The reads of one page's cells: the page OCR's words, each number cell's digits-only
re-read, each prose cell's read and the QR, run side by side on the Tesseract workers.

Figures a prose cell turned out to hold join the number cells here, and a fax figure a
black seal's wipe cut next to is judged (`seal_scars`, `ring_cuts`) once the page OCR
has placed its words. Nothing is decided: `page_read` puts the cells together.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..document import FormIds
from ..settings import ScanSettings
from . import (
    cell_crops,
    cell_kinds,
    cells,
    qr,
    ring_cuts,
    ruled_page,
    script_vote,
    seal_scars,
    seals,
)
from ._exec import Word, ocr_pool
from .figure_reads import Box, misread_figure, reads_as_figure
from .page_words import page_words
from .pages import PageImage
from .word_lines import word_finder


@dataclass
class CellReads:
    """The page's reads: its words (page OCR), each number cell's digits-only read, each
    prose cell's read, its form ids, and where to keep work files."""

    words: list[Word]
    first_reads: list[tuple[str, float]]
    text_reads: dict[tuple[int, int], tuple[str, float]]
    form_ids: FormIds | None
    members_of: Callable[[Box], list[int]]
    pool: ThreadPoolExecutor
    cell_dir: Path


def read_cells(
    level: PageImage,
    page_cells: cell_kinds.PageCells,
    sealed: seals.Unsealed,
    clean: np.ndarray,
    rule_edges: np.ndarray | None,
    known_words: list[Word] | None,
    fax: bool,
    sharpen: bool,
    settings: ScanSettings,
    work: Path,
    cell_batches: int,
) -> CellReads:
    """The page OCR, the cells' reads and the QR. The reads queue on the process's
    Tesseract workers (one per core); the cells are prepared and zbar runs here
    meanwhile. The page OCR goes first: it is the longest."""
    dpi = level.dpi
    cell_dir = work / f"cells_{level.page:04d}"
    cell_dir.mkdir()
    pool = ocr_pool(settings.workers)
    page_job = (
        None
        if known_words is not None
        else pool.submit(
            page_words,
            ruled_page.wiped(clean, rule_edges),
            dpi,
            settings,
            work / f"page_{level.page:04d}.pgm",
        )
    )
    cell_kinds.prepare_numbers(level, page_cells, sealed, fax)
    text_crops = [
        cell_crops.prepare_text_crop(page_cells.raw_crops[key], dpi) for key in page_cells.text_keys
    ]
    digits_job = pool.submit(
        cells.read_digits, page_cells.number_crops, cell_dir, settings, cell_batches
    )
    text_job = pool.submit(cells.read_text_cells, text_crops, cell_dir, settings, cell_batches)
    form_ids = qr.read_form_ids(level.gray, blurred=sharpen)
    words = known_words if page_job is None else page_job.result()
    reads = CellReads(
        words=words,
        first_reads=digits_job.result(),
        text_reads=dict(zip(page_cells.text_keys, text_job.result(), strict=True)),
        form_ids=form_ids,
        members_of=word_finder(words),
        pool=pool,
        cell_dir=cell_dir,
    )
    figures_read_as_prose(page_cells, reads, sealed, fax, dpi, settings)
    # A fax figure a black seal's wipe cut next to: sure only where the wipe went nowhere
    # near its digits.
    judged = seal_scars.judge_cells(
        level.gray, sealed.gray, page_cells, reads.words, reads.members_of
    )
    if judged:  # the others read through the ring: sure where both readers read the page's
        ring_cuts.confirm(
            level.gray,
            sealed,
            page_cells,
            reads.words,
            reads.members_of,
            reads.first_reads,
            judged,
            dpi,
            cell_dir / "rings",
            settings,
        )
    return reads


def figures_read_as_prose(
    page_cells: cell_kinds.PageCells,
    reads: CellReads,
    sealed: seals.Unsealed,
    fax: bool,
    dpi: float,
    settings: ScanSettings,
) -> None:
    """A figure wider than a number's shape (thousands dots, a wide face: "12.500") went
    to the prose reader; what reads as a figure there is a number cell after all, read
    digits-only too: one reading alone is never sure ("500" for "12.500")."""
    # What the Vietnamese model misread (digits, no word) read by the script model too.
    misread = [k for k in page_cells.text_keys if misread_figure(reads.text_reads[k][0])]
    again = script_vote.read_prose(
        [cell_crops.prepare_text_crop(page_cells.raw_crops[k], dpi) for k in misread],
        reads.pool,
        reads.cell_dir / "script_prose",
        settings,
    )
    for key, (text, conf) in zip(misread, again, strict=True):
        if reads_as_figure(text) and conf >= script_vote.MIN_CONF:
            reads.text_reads[key] = (text, conf)
    moved = [k for k in page_cells.text_keys if reads_as_figure(reads.text_reads[k][0])]
    if not moved:
        return
    more = [cell_crops.prepare_crop(page_cells.raw_crops[k], dpi) for k in moved]
    (reads.cell_dir / "moved").mkdir()
    reads.first_reads += reads.pool.submit(
        cells.read_digits, [c for c, _ in more], reads.cell_dir / "moved", settings, 1
    ).result()
    words = reads.words
    for key, (crop, touched) in zip(moved, more, strict=True):
        page_cells.kinds[key] = "number"
        scar = sealed.scarred(page_cells.box_of[key])
        if touched or scar:
            page_cells.edge_touching.add(len(page_cells.number_crops))
        if scar:  # judged as any number cell a seal's wipe scarred (`prepare_numbers`)
            (page_cells.fax_scarred if fax else page_cells.scarred).append(key)
        page_cells.number_keys.append(key)
        page_cells.number_crops.append(crop)
        # Where the page OCR never saw the cell (wiped as prose), its prose reading
        # stands for the page OCR's: a second opinion by another model.
        text, conf = reads.text_reads.pop(key)
        x0, y0, x1, y1 = page_cells.box_of[key]
        if not reads.members_of(page_cells.box_of[key]):
            words = [
                *words,
                Word(text.strip(), x0 + 1, y0 + 1, x1 - x0 - 2, y1 - y0 - 2, 100 * conf),
            ]
    reads.words = words
    reads.members_of = word_finder(words)
