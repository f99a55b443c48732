"""`OfficialDoc`: an ND30 (Nghị định 30/2020/NĐ-CP) document built with python-docx.

The facade that drafts, reports and công văn share. It lays out A4 with ND30 margins,
Times New Roman everywhere (all four rFonts attributes), page numbers from page 2 centred
in the header, the two-column letterhead with its rules, the title block, body text, the
Nơi nhận + signature block, and landscape phụ lục sections numbered on their own.

Usage::

    from chitieu.render.official import OfficialDoc, Signature, Recipients, Column, Row

    doc = OfficialDoc(
        kind="BC",                      # KH, BC, TB, ... or "" for a công văn
        issuer="ỦY BAN NHÂN DÂN QUẬN CẦU GIẤY", parent=None,
        number="35/BC-UBND", place="Cầu Giấy", date=date(2021, 7, 5),
        title="Kết quả thực hiện Tháng hành động phòng, chống ma túy năm 2021",
        vv=None,                        # công văn only: "V/v đôn đốc báo cáo …"
    )
    doc.kinh_gui(["Ủy ban nhân dân thành phố Hà Nội"])   # upward reports, công văn
    doc.bases(["Căn cứ Luật Phòng, chống ma túy năm 2021", ...])  # italic, ";" / "."
    doc.heading("I. KẾT QUẢ THỰC HIỆN")                 # level 1: uppercase bold
    doc.heading("1. Công tác tuyên truyền", level=2)      # bold
    doc.paragraph("Text …")                               # 14 pt, justified, indent 1,27 cm
    doc.paragraph("- a dash item")                        # same format
    doc.table([Column("TT", 12), Column("Đơn vị", 60, align="left")], [Row(["1", "Quan Hoa"])])
    doc.closing(Recipients(["UBND thành phố"], "Lưu: VT, TH."),
                Signature.of("CHỦ TỊCH", "Nguyễn Văn A", authority="TM. ỦY BAN NHÂN DÂN"))
    doc.annex_section("I", "BIỂU TỔNG HỢP …",
                      "(Kèm theo Báo cáo số 35/BC-UBND ngày 05/7/2021 của UBND quận Cầu Giấy)")
    doc.table(...)                                        # landscape width: 252 mm
    doc.note("Lưu ý: …")
    doc.save(Path("outputs/bao-cao.docx"))

Rules (đường kẻ) are empty paragraphs with a top border whose width (container width minus
equal indents) is the rule's length: 1/3–1/2 of the issuer / trích yếu (of both its widest
wrapped line and its unwrapped width, as `chitieu lint` measures it), and exactly the
width of the Tiêu ngữ. Body text may carry `**bold**` spans and `^[footnotes]`.
Tables of the body are 12–13 pt.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.table import Table
from docx.text.paragraph import Paragraph

from chitieu.errors import RenderError
from chitieu.render import page, text
from chitieu.render.closing import Recipients, Signature, closing_table
from chitieu.render.grid import Column, Row, ruled_table
from chitieu.render.letterhead import (
    TYPE_NAMES,
    Letterhead,
    kinh_gui,
    letterhead_table,
    title_block,
)
from chitieu.render.name_breaks import balanced_lines
from chitieu.render.text import Container


def annex_heading(
    container: Container,
    number: str | None,
    title: str,
    reference: str,
    width_mm: float = page.LANDSCAPE_TEXT_MM,
) -> None:
    """ "Phụ lục I" (14 pt bold), the title (uppercase bold), "(Kèm theo …)" italic, a short
    rule. Title and reference break as a trích yếu does (`balanced_lines`): no date or
    word left alone on the last line."""
    label = f"Phụ lục {number}" if number else "Phụ lục"
    text.line(container, label, 14, bold=True)
    room = text.width_pt(width_mm)
    # one paragraph with line breaks: the lint reads the next paragraph as "(Kèm theo …)"
    text.line(container, balanced_lines(title.upper(), 14, room), 14, bold=True)
    ref = reference.strip()
    if not ref.startswith("("):
        ref = f"({ref})"
    text.line(container, balanced_lines(ref, 14, room, bold=False), 14, italic=True)
    text.rule(container, text.width_pt(40), text.width_pt(page.LANDSCAPE_TEXT_MM))
    text.line(container, "", 12)


def new_document() -> DocxDocument:
    """An empty A4 portrait document with ND30 margins, fonts and page numbers from page 2."""
    document = docx.Document()
    page.setup_styles(document)
    section = document.sections[0]
    page.setup_section(section)
    page.page_numbers(section)
    body = document.element.body
    for p in list(body.iterchildren("{*}p")):
        body.remove(p)
    return document


def add_annex_section(document: DocxDocument, *, landscape: bool = True) -> None:
    """A new section on a new page for a phụ lục, numbered from 1 again."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _shrink_section_break(document)
    page.setup_section(section, landscape=landscape)
    page.page_numbers(section, restart=True)


def _shrink_section_break(document: DocxDocument) -> None:
    """The empty paragraph that ends the section before a phụ lục made 1 pt tall: after a
    signature block that filled its page it went to a page of its own, which printed
    blank but for its page number."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Pt

    body = document.element.body
    breaks = [
        p
        for p in body.iterchildren(qn("w:p"))
        if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
    ]
    if not breaks:
        return
    para = Paragraph(breaks[-1], document._body)
    pf = para.paragraph_format
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(1)
    text.mark_size(para, 1)
    ppr = para._p.pPr
    ppr.append(ppr.find(qn("w:sectPr")))  # schema order: rPr before sectPr


class OfficialDoc:
    """One ND30 document being written; see the module docstring for the call sequence."""

    def __init__(
        self,
        *,
        kind: str,
        issuer: str,
        number: str,
        place: str,
        date: date | None,
        title: str = "",
        parent: str | None = None,
        vv: str | None = None,
        type_name: str | None = None,
    ) -> None:
        self.document: DocxDocument = new_document()
        name = type_name if type_name is not None else (TYPE_NAMES.get(kind) if kind else None)
        if kind and name is None:
            raise RenderError(f"Không biết tên loại văn bản cho ký hiệu {kind!r}.")
        self.head = Letterhead(
            issuer=issuer,
            number=number,
            place=place,
            date=date,
            parent=parent,
            type_name=name,
            title=title,
            vv=vv,
        )
        letterhead_table(self.document, self.head)
        title_block(self.document, self.head)
        self._annexes = 0

    # -- body -----------------------------------------------------------------------------
    def kinh_gui(self, recipients: Sequence[str]) -> None:
        kinh_gui(self.document, recipients)

    def bases(self, items: Sequence[str]) -> list[Paragraph]:
        return text.bases(self.document, items)

    def heading(self, label: str, level: int = 1) -> Paragraph:
        return text.heading(self.document, label, level)

    def paragraph(self, content: str, *, bold: bool = False, italic: bool = False) -> Paragraph:
        return text.body(self.document, content, bold=bold, italic=italic)

    def note(self, content: str, *, italic: bool = True) -> Paragraph:
        return text.body(self.document, content, italic=italic, size=13)

    def table(self, columns: Sequence[Column], rows: Sequence[Row], *, size: float = 12) -> Table:
        return ruled_table(self.document, columns, rows, size=size)

    def closing(self, recipients: Recipients | None, signature: Signature) -> Table:
        return closing_table(self.document, recipients, signature)

    # -- annexes ----------------------------------------------------------------------------
    def annex_section(
        self, number: str | None, title: str, reference: str, *, landscape: bool = True
    ) -> None:
        """A new section on a new page for a phụ lục, numbered from 1 again."""
        add_annex_section(self.document, landscape=landscape)
        self._annexes += 1
        annex_heading(self.document, number, title, reference, self.text_width_mm())

    def text_width_mm(self) -> float:
        section = self.document.sections[-1]
        width = section.page_width - section.left_margin - section.right_margin  # type: ignore[operator]
        return float(width) / 36000

    def save(self, path: Path) -> Path:
        """Write the DOCX; a clear RenderError if the folder cannot be written."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.document.save(str(path))
        except OSError as exc:
            raise RenderError(f"Không ghi được tệp {path}: {exc.strerror or exc}.") from None
        return path


__all__ = [
    "Column",
    "Letterhead",
    "OfficialDoc",
    "Recipients",
    "Row",
    "Signature",
    "add_annex_section",
    "annex_heading",
    "new_document",
]
