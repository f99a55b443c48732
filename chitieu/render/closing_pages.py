"""Whether a printed return form's signature page holds the end of its table.

The last rows keep with the "Ghi chú" and the signature (keep-with-next), which LibreOffice
honours while the table is on its first page; it cannot move rows of a table already
continued onto another page. `draft` reads each form's PDF here and draws again, with its
last rows opening a new page (`ReturnForm.tail_on_new_page`), a form whose "Nơi nhận"
page shows none of the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chitieu.render.return_form import ReturnForm

CLOSING = "Nơi nhận"
TABLE_HEADER = "Chỉ tiêu giao"  # in the header row, repeated on every page of the table


def signature_without_table(pdf: Path) -> bool:
    """True when the page that prints "Nơi nhận" shows no row of the table."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        texts = []
        for page in doc:
            textpage = page.get_textpage()
            texts.append(" ".join(textpage.get_text_range().split()))
            textpage.close()
            page.close()
    finally:
        doc.close()
    closing = [t for t in texts if CLOSING in t]
    return bool(closing) and TABLE_HEADER not in closing[-1]


def redraw_lonely_closings(
    forms: Sequence[tuple[ReturnForm, Path]],
    pdfs: Sequence[Path],
    pdf_dir: Path,
    template_dir: Path | None = None,
) -> list[Path]:
    """Forms (with their DOCX) whose PDF (same order) shows the signature without the
    table, drawn again with their last rows on a new page and converted again into
    `pdf_dir` (one LibreOffice call); the DOCX paths redrawn.

    Raises:
        RenderError: a file cannot be written, or LibreOffice fails.
    """
    import tempfile

    from chitieu.render.pdf import convert_to_pdf

    redo = []
    with tempfile.TemporaryDirectory(prefix="chitieu-qr-") as qr_dir:
        for (form, docx), pdf in zip(forms, pdfs, strict=True):
            if not form.tail_on_new_page and signature_without_table(pdf):
                qr = Path(qr_dir) / f"{docx.stem}.png"
                replace(form, tail_on_new_page=True).write_docx(docx, qr, template_dir)
                redo.append(docx)
    if redo:
        convert_to_pdf(redo, pdf_dir)
    return redo


__all__ = ["redraw_lonely_closings", "signature_without_table"]
