"""Page geometry and defaults of an ND30 document: A4, margins, Times New Roman, page numbers.

ND30 Phụ lục I: A4; margins top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm; page numbers
Arabic 13–14 pt centred in the top margin, hidden on page 1 (titlePg); each phụ lục numbered
on its own (restart at 1).
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.section import Section
from docx.shared import Mm, Pt

from chitieu.render import _oxml

PAGE_W_MM = 210
PAGE_H_MM = 297
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
PORTRAIT_TEXT_MM = PAGE_W_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 165
LANDSCAPE_TEXT_MM = PAGE_H_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 252
BODY_PT = 14
PAGE_NUMBER_PT = 13


def setup_section(section: Section, *, landscape: bool = False) -> None:
    """A4 in the given orientation with ND30 margins; header/footer distances inside them."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    w, h = (Mm(PAGE_H_MM), Mm(PAGE_W_MM)) if landscape else (Mm(PAGE_W_MM), Mm(PAGE_H_MM))
    section.page_width, section.page_height = w, h
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    section.gutter = Mm(0)


def setup_styles(doc: DocxDocument) -> None:
    """Times New Roman 14 pt everywhere by default (on all four rFonts attributes)."""
    for name in ("Normal", "Header", "Footer", "Table Grid"):
        try:
            style = doc.styles[name]
        except KeyError:
            continue
        style.font.name = _oxml.FONT
        style.font.size = Pt(BODY_PT) if name == "Normal" else style.font.size
        _oxml.set_fonts(style.element.get_or_add_rPr())
    # document defaults too, so that anything without a style still falls back to TNR
    rpr_default = doc.styles.element.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docDefaults"
    )
    if rpr_default is not None:
        rpr = rpr_default.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPrDefault/"
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPr"
        )
        if rpr is not None:
            _oxml.set_fonts(rpr)


def page_numbers(section: Section, *, restart: bool = False) -> None:
    """Page number centred in the header from page 2 on; nothing on the first page."""
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    para = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    for run in list(para.runs):
        run._r.getparent().remove(run._r)
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _oxml.add_field(para, "PAGE", PAGE_NUMBER_PT)
    first = section.first_page_header
    first.is_linked_to_previous = False
    if restart:
        _oxml.restart_page_numbers(section._sectPr, 1)


__all__ = [
    "BODY_PT",
    "LANDSCAPE_TEXT_MM",
    "PORTRAIT_TEXT_MM",
    "page_numbers",
    "setup_section",
    "setup_styles",
]
