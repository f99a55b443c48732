"""python-docx building blocks for the sample letters (letterhead, prose, result tables)."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

Header = list[
    list[str | None]
]  # header rows; None = merged into the cell left ("<") or above ("^")


class Letter:
    """A ward's report letter in the ND30 layout, enough for extraction samples."""

    def __init__(self, parent: str | None, issuer: str, place_date: str) -> None:
        self.doc = Document()
        style = self.doc.styles["Normal"]
        style.font.name = "Times New Roman"
        style.font.size = Pt(12)
        head = self.doc.add_table(rows=1, cols=2)
        left = head.cell(0, 0)
        left.text = (parent + "\n" if parent else "") + issuer
        right = head.cell(0, 1)
        right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
        p = self.doc.add_paragraph(place_date)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def title(self, *lines: str) -> None:
        for line in lines:
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run(line).bold = True

    def para(self, text: str) -> None:
        self.doc.add_paragraph(text)

    def table(self, header: Header, rows: list[list[str]]) -> None:
        """Header cells "<" merge into the left cell, "^" into the cell above."""
        n_cols = len(header[0])
        t = self.doc.add_table(rows=len(header) + len(rows), cols=n_cols)
        t.style = "Table Grid"
        for r, hrow in enumerate(header):
            for c, text in enumerate(hrow):
                if text not in ("<", "^"):
                    t.cell(r, c).text = text or ""
        for r, hrow in enumerate(header):
            for c, text in enumerate(hrow):
                if text == "<":
                    start = c
                    while header[r][start] == "<":
                        start -= 1
                    t.cell(r, start).merge(t.cell(r, c))
                elif text == "^":
                    start = r
                    while header[start][c] == "^":
                        start -= 1
                    t.cell(start, c).merge(t.cell(r, c))
        for r, row in enumerate(rows, start=len(header)):
            for c, text in enumerate(row):
                t.cell(r, c).text = text

    def sign(self, title: str, name: str) -> None:
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.add_run(f"{title}\n\n\n{name}").bold = True

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.doc.save(str(path))
