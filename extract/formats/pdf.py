"""PDF with a text layer -> ReadDocument, from PDFium's text page (characters with their
boxes) and page objects (ruling lines, pictures): words, lines and ruled tables as
pdfplumber found them (`pdf_words.py`, `pdf_tables.py`), at PDFium's pace (issue 14).

A PDF whose pages carry (almost) no text is a scan: `has_text_layer` tells the pipeline
to hand it to the scan reader instead. Cells covered by a merged cell (None in the
grid) repeat the cell to their left (a spanning header) or above.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chitieu.errors import UnreadableFileError
from chitieu.record import Where
from extract.document import Cell, ReadDocument, Table, TextLine
from extract.formats.docx import _col_letter
from extract.formats.pdf_page import PDFIUM_LOCK, PageContent, read_page
from extract.formats.pdf_tables import FoundTable, find_tables
from extract.formats.pdf_words import lines, text_of, words
from extract.limits import Limits

MIN_TEXT_CHARS = 20  # per page, on average, for the text layer to count
SCAN_IMAGE_SHARE = 0.5  # a picture covering half a page or more makes it a scan


@dataclass
class PdfContent:
    """The pages of a PDF as PDFium drew them; read whole, then PDFium is let go."""

    pages: list[PageContent]

    def close(self) -> None:
        """Nothing is held open (kept for callers that close what they open)."""


def open_pdf(path: Path, limits: Limits) -> PdfContent:
    """Every page's characters, edges and pictures; refuses a PDF that PDFium cannot
    open (damaged, password), that has no page, or more pages than the limit. PDFium
    counts a page object repeated 1,000 times as 1,000 pages (issue 13)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    with PDFIUM_LOCK:  # PDFium is not thread-safe, even across documents
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            from extract.ocr.pages import _why_pdf_fails

            raise UnreadableFileError(path, _why_pdf_fails(path)) from exc
        try:
            n = len(pdf)
            if n == 0:
                raise UnreadableFileError(path, "tệp PDF không có trang nào.")
            if n > limits.max_pdf_pages:
                raise UnreadableFileError(
                    path, f"tệp PDF có {n} trang, quá giới hạn {limits.max_pdf_pages} trang."
                )
            pages = []
            for i in range(n):
                page = pdf[i]
                try:
                    pages.append(read_page(page, pdfium_c))
                finally:
                    page.close()
        finally:
            pdf.close()
    return PdfContent(pages)


def has_text_layer(pdf: PdfContent) -> bool:
    """True for a born-digital PDF. A page that is mostly one picture is a scan, even when
    a scanner put an OCR text layer over it: that text is not to be trusted as typed."""
    chars = sum(len(page.chars) for page in pdf.pages)
    if chars < MIN_TEXT_CHARS * len(pdf.pages):
        return False
    return not any(_mostly_picture(page) for page in pdf.pages)


def _mostly_picture(page: PageContent) -> bool:
    area = float(page.width * page.height) or 1.0
    for x0, top, x1, bottom in page.pictures:
        w = max(0.0, min(x1, page.width) - max(x0, 0))
        h = max(0.0, min(bottom, page.height) - max(top, 0))
        if w * h >= SCAN_IMAGE_SHARE * area:
            return True
    return False


def read_pdf(pdf: PdfContent) -> ReadDocument:
    doc = ReadDocument(kind="pdf", page_count=len(pdf.pages))
    for pno, page in enumerate(pdf.pages, start=1):
        for text, bbox in lines(words(page.chars)):
            doc.lines.append(
                TextLine(text, page=pno, bbox=bbox, page_size=(page.width, page.height))
            )
        for found in find_tables(page.h_edges, page.v_edges):
            doc.tables.append(_table(found, page, pno, len(doc.tables)))
    return doc


def _table(found: FoundTable, content: PageContent, page: int, index: int) -> Table:
    texts = found.texts(content.chars, text_of)
    grid: list[list[Cell | None]] = []
    for r, row in enumerate(found.rows):
        out: list[Cell | None] = []
        for c, bbox in enumerate(row):
            if bbox is None:
                left = out[c - 1] if c > 0 else None
                above = grid[r - 1][c] if r > 0 and c < len(grid[r - 1]) else None
                out.append(_covering(left, above, found, r, c))
                continue
            out.append(
                Cell(
                    text=texts[r][c] or "",
                    row=r,
                    col=c,
                    where=Where(
                        page=page,
                        cell=f"{_col_letter(c)}{r + 1}",
                        bbox=tuple(round(v, 1) for v in bbox),  # type: ignore[arg-type]
                        table=index,
                    ),
                )
            )
        grid.append(out)
    return Table(cells=grid, page=page, index=index)


def _covering(
    left: Cell | None, above: Cell | None, found: FoundTable, r: int, c: int
) -> Cell | None:
    """The merged cell that covers the gap at (r, c): the one whose bbox spans it."""
    col_x = _column_x(found, c)
    row_y = _row_y(found, r)
    for cand in (left, above):
        if cand is None or cand.where.bbox is None:
            continue
        x0, top, x1, bottom = cand.where.bbox
        if (
            col_x is not None
            and row_y is not None
            and x0 - 1 <= col_x <= x1 + 1
            and top - 1 <= row_y <= bottom + 1
        ):
            return cand
    return left or above


def _column_x(found: FoundTable, c: int) -> float | None:
    for row in found.rows:
        if c < len(row) and row[c] is not None:
            x0, _, x1, _ = row[c]  # type: ignore[misc]
            return (x0 + x1) / 2
    return None


def _row_y(found: FoundTable, r: int) -> float | None:
    cells = [b for b in found.rows[r] if b is not None]
    if not cells:
        return None
    return (cells[0][1] + cells[0][3]) / 2
