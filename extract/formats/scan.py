"""Scanned PDFs, images and phone photos → `ReadDocument` (lines, ruled tables, QR ids).

Per page: (photo) page edge → perspective → even light; deskew; QR; ruling lines → grid;
then three Tesseract jobs: the page without its ruling lines and prose cells (`-l vie
--psm 11`, words with confidences), every prose cell (`--psm 6`) and the digits-only
re-read of every other inked cell. Pages run in parallel; every read queues on one pool
of Tesseract workers, one per core, with models loaded once (`ocr._tessapi`). Values are
never decided here: each cell carries both reads and their confidences, and
`extract/interpret.py` decides (and flags) from them.

The page steps live in `extract/ocr/page_read.py`; this module runs them over the pages
and assembles the `ReadDocument`.
"""

from __future__ import annotations

import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from .. import page_watch
from ..document import ReadDocument, Table
from ..ocr import _tessapi
from ..ocr.figure_reads import PROSE as PROSE
from ..ocr.figure_reads import UNREADABLE as UNREADABLE
from ..ocr.page_read import PageRead, read_page
from ..ocr.pages import open_pages
from ..settings import ScanSettings


def _renumber(table: Table, index: int) -> None:
    """Give a page's table its index in the whole document, in the cells' `where` too."""
    table.index = index
    seen: set[int] = set()
    for row in table.cells:
        for cell in row:
            if cell is not None and id(cell) not in seen:
                seen.add(id(cell))
                cell.where = replace(cell.where, table=index)


def read_scan(path: Path, settings: ScanSettings | None = None) -> ReadDocument:
    """Read a scanned PDF or an image file (scan or phone photo).

    Raises:
        UnreadableFileError: corrupt or empty file, a PDF with no pages, an image over
            `settings.max_pixels`.
        ExtractError: Tesseract missing, failing or timing out.
    """
    settings = ScanSettings.resolve(settings)
    path = Path(path)
    with open_pages(path, settings) as source:  # counted and size-checked, nothing decoded
        workers = settings.workers
        page_workers = page_watch.page_workers(max(1, min(workers, source.count)))
        # Without libtesseract: tesseract processes per cell kind and page (fallback).
        cell_batches = max(1, workers // (3 * page_workers))
        # Models load while the first pages are rendered (already loading when the
        # pipeline started them: `warm` counts what is loaded or loading).
        _tessapi.warm_ahead(
            [
                (settings.language, 1),
                (settings.digits_language, 1),
                (settings.language, page_workers),
            ],
            workers,
        )
        with tempfile.TemporaryDirectory(prefix="chitieu-scan-") as tmp:
            work = Path(tmp)

            # A page is decoded only when a worker takes it: memory holds `page_workers` pages.
            def read(i: int) -> PageRead:
                with page_watch.reading(i + 1):  # a crash names the page (`page_watch`)
                    return read_page(source.load(i), settings, work, cell_batches)

            pages = [i for i in range(source.count) if not page_watch.skipped(i + 1)]
            with ThreadPoolExecutor(max_workers=page_workers) as pool:
                results = list(pool.map(read, pages))
        count = source.count
    doc = ReadDocument(kind="scan" if path.suffix.lower() == ".pdf" else "image", page_count=count)
    for result in results:
        doc.lines.extend(result.lines)
        for table in result.tables:
            _renumber(table, len(doc.tables))
            doc.tables.append(table)
        doc.form_ids = doc.form_ids or result.form_ids
        doc.warnings.extend(result.warnings)
    return doc


__all__ = ["read_scan"]
