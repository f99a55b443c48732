"""PDF with a text layer -> ReadDocument, with pdfplumber (words, lines, ruled tables).

A PDF whose pages carry (almost) no text is a scan: `has_text_layer` tells the pipeline
to hand it to the scan reader instead. Cells covered by a merged cell (None in
pdfplumber's grid) repeat the cell to their left (a spanning header) or above.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chitieu.errors import UnreadableFileError
from chitieu.record import Where
from extract.document import Cell, ReadDocument, Table, TextLine
from extract.formats.docx import _col_letter
from extract.limits import Limits
from extract.text import nfc

MIN_TEXT_CHARS = 20  # per page, on average, for the text layer to count
LINE_TOLERANCE = 3.0  # points: words this close vertically share a line
SCAN_IMAGE_SHARE = 0.5  # a picture covering half a page or more makes it a scan
COLUMN_GAP = 7.0  # points: a wider gap between words starts a new line segment


def open_pdf(path: Path, limits: Limits) -> Any:
    import pdfplumber

    from extract.ocr.pages import pdf_page_count

    # PDFium's count first: pdfminer collapses a page object repeated 1,000 times into one,
    # and the scan reader would then render all 1,000 (issue 13).
    n = pdf_page_count(path)
    if n > limits.max_pdf_pages:
        raise UnreadableFileError(
            path, f"tệp PDF có {n} trang, quá giới hạn {limits.max_pdf_pages} trang."
        )
    try:
        pdf = pdfplumber.open(path)
        n = len(pdf.pages)
    except Exception as exc:  # pdfminer raises many types for broken files
        name = type(exc).__name__ + repr(exc.args)
        if "Password" in name or "Encrypt" in name:
            raise UnreadableFileError(path, "tệp PDF được đặt mật khẩu (mã hóa).") from None
        raise UnreadableFileError(path, "tệp PDF bị hỏng hoặc bị cắt cụt.") from None
    if n == 0:
        pdf.close()
        raise UnreadableFileError(path, "tệp PDF không có trang nào.")
    if n > limits.max_pdf_pages:
        pdf.close()
        raise UnreadableFileError(
            path, f"tệp PDF có {n} trang, quá giới hạn {limits.max_pdf_pages} trang."
        )
    return pdf


def has_text_layer(pdf: Any) -> bool:
    """True for a born-digital PDF. A page that is mostly one picture is a scan, even when
    a scanner put an OCR text layer over it: that text is not to be trusted as typed."""
    chars = sum(len(page.chars) for page in pdf.pages)
    if chars < MIN_TEXT_CHARS * len(pdf.pages):
        return False
    return not any(_mostly_picture(page) for page in pdf.pages)


def _mostly_picture(page: Any) -> bool:
    area = float(page.width * page.height) or 1.0
    for im in page.images:
        w = max(0.0, min(im["x1"], page.width) - max(im["x0"], 0))
        h = max(0.0, min(im["bottom"], page.height) - max(im["top"], 0))
        if w * h >= SCAN_IMAGE_SHARE * area:
            return True
    return False


def read_pdf(pdf: Any) -> ReadDocument:
    doc = ReadDocument(kind="pdf", page_count=len(pdf.pages))
    for pno, page in enumerate(pdf.pages, start=1):
        for text, bbox in _lines(page.extract_words(use_text_flow=False)):
            doc.lines.append(TextLine(text, page=pno, bbox=bbox))
        for found in page.find_tables():
            doc.tables.append(_table(found, pno, len(doc.tables)))
    return doc


def _lines(words: list[dict[str, Any]]) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Words -> lines, split where a wide gap separates two columns on the same baseline
    (the two halves of a letterhead, the cells of a table row)."""
    rows: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - w["top"]) <= LINE_TOLERANCE:
            rows[-1].append(w)
        else:
            rows.append([w])
    out: list[tuple[str, tuple[float, float, float, float]]] = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        seg: list[dict[str, Any]] = []
        for w in [*row, None]:
            if seg and (w is None or w["x0"] - seg[-1]["x1"] > COLUMN_GAP):
                text = nfc(" ".join(x["text"] for x in seg))
                bbox = (
                    seg[0]["x0"],
                    min(x["top"] for x in seg),
                    seg[-1]["x1"],
                    max(x["bottom"] for x in seg),
                )
                out.append((text, bbox))
                seg = []
            if w is not None:
                seg.append(w)
    return out


def _table(found: Any, page: int, index: int) -> Table:
    texts = found.extract()
    grid: list[list[Cell | None]] = []
    for r, row in enumerate(found.rows):
        out: list[Cell | None] = []
        for c, bbox in enumerate(row.cells):
            if bbox is None:
                left = out[c - 1] if c > 0 else None
                above = grid[r - 1][c] if r > 0 and c < len(grid[r - 1]) else None
                cover = _covering(left, above, found, r, c)
                out.append(cover)
                continue
            text = texts[r][c] if r < len(texts) and c < len(texts[r]) else ""
            out.append(
                Cell(
                    text=nfc(" ".join((text or "").split())),
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


def _covering(left: Cell | None, above: Cell | None, found: Any, r: int, c: int) -> Cell | None:
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


def _column_x(found: Any, c: int) -> float | None:
    for row in found.rows:
        if c < len(row.cells) and row.cells[c] is not None:
            x0, _, x1, _ = row.cells[c]
            return (x0 + x1) / 2
    return None


def _row_y(found: Any, r: int) -> float | None:
    cells = [b for b in found.rows[r].cells if b is not None]
    if not cells:
        return None
    return (cells[0][1] + cells[0][3]) / 2
