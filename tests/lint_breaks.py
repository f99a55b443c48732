"""ND30 rules broken one at a time in a clean plan document (python-docx edits), each
with the rule (or rules) it must trip and no other: the material of test_lint.py.
"""

from __future__ import annotations

from typing import Any

import docx
from docx.oxml.ns import qn
from docx.shared import Pt, Twips


def paragraph(doc: Any, startswith: str) -> Any:
    """The first paragraph (body or table cell) that starts with `startswith`."""
    for p in doc.paragraphs:
        if p.text.startswith(startswith):
            return p
    for t in doc.tables:
        for row in t.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    if p.text.startswith(startswith):
                        return p
    raise AssertionError(startswith)


def set_font(doc: Any) -> None:
    run = paragraph(doc, "Thực hiện chỉ đạo").runs[0]
    run.font.name = "Arial"


def drop_east_asian(doc: Any) -> None:
    # fonts left to the theme: python-docx's default theme says Calibri / MS Mincho...
    for p in doc.paragraphs[:8]:
        for r in p.runs:
            rf = r._r.rPr.find(qn("w:rFonts"))
            del rf.attrib[qn("w:eastAsia")]
    defaults = (
        doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    )
    rf = defaults.find(qn("w:rFonts"))
    rf.attrib.pop(qn("w:eastAsia"), None)
    rf.set(qn("w:eastAsiaTheme"), "minorEastAsia")
    normal = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    normal.attrib.pop(qn("w:eastAsia"), None)


def letter_size(doc: Any) -> None:
    doc.sections[0].page_width, doc.sections[0].page_height = Twips(12240), Twips(15840)


def narrow_left_margin(doc: Any) -> None:
    doc.sections[0].left_margin = Twips(1134)


def number_without_zero(doc: Any) -> None:
    paragraph(doc, "Số:").runs[0].text = "Số: 5/KH-UBND"


def number_spaced(doc: Any) -> None:
    paragraph(doc, "Số:").runs[0].text = "Số: 152/KH - UBND"


def report_code_on_plan(doc: Any) -> None:
    paragraph(doc, "Số:").runs[0].text = "Số: 152/BC-UBND"


def date_without_zero(doc: Any) -> None:
    paragraph(doc, "Cầu Giấy, ngày").runs[0].text = "Cầu Giấy, ngày 5 tháng 1 năm 2021"


def month_padded(doc: Any) -> None:
    paragraph(doc, "Cầu Giấy, ngày").runs[0].text = "Cầu Giấy, ngày 31 tháng 05 năm 2021"


def motto_dashes(doc: Any) -> None:
    paragraph(doc, "Độc lập").runs[0].text = "Độc lập – Tự do – Hạnh phúc"


def quoc_hieu_regular(doc: Any) -> None:
    paragraph(doc, "CỘNG HÒA").runs[0].font.bold = False


def issuer_small(doc: Any) -> None:
    paragraph(doc, "QUẬN CẦU GIẤY").runs[0].font.size = Pt(11)


def body_left_aligned(doc: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph(doc, "Thực hiện chỉ đạo").alignment = WD_ALIGN_PARAGRAPH.LEFT


def body_size_from_style(doc: Any) -> None:
    # no size on the runs: the paragraph style decides (12 pt), which the lint must read
    p = paragraph(doc, "Thực hiện chỉ đạo")
    for r in p.runs:
        r.font.size = None
    doc.styles["Normal"].font.size = Pt(12)


def recipient_without_semicolon(doc: Any) -> None:
    r = paragraph(doc, "- Đ/c Bí thư").runs[0]
    r.text = r.text.rstrip(";")


def archive_line(doc: Any) -> None:
    paragraph(doc, "- Lưu:").runs[0].text = "- Lưu VT"


def noi_nhan_upright(doc: Any) -> None:
    paragraph(doc, "Nơi nhận").runs[0].font.italic = False


def signer_name_upper(doc: Any) -> None:
    paragraph(doc, "Trịnh Thị Dung").runs[0].text = "TRỊNH THỊ DUNG"


def title_not_bold(doc: Any) -> None:
    paragraph(doc, "KẾ HOẠCH").runs[0].font.bold = False


def no_title_rule(doc: Any) -> None:
    p = paragraph(doc, "Triển khai Tháng hành động")
    nxt = p._p.getnext()
    nxt.getparent().remove(nxt)


def motto_rule_short(doc: Any) -> None:
    p = paragraph(doc, "Độc lập")
    rule = p._p.getnext()
    ind = rule.find(qn("w:pPr")).find(qn("w:ind"))
    ind.set(qn("w:left"), "2000")
    ind.set(qn("w:right"), "2000")


def total_row_wrong(doc: Any) -> None:
    table = doc.tables[-1]
    cell = table.rows[-1].cells[2]
    cell.paragraphs[0].runs[0].text = "11"


def kem_theo_wrong(doc: Any) -> None:
    r = paragraph(doc, "(Kèm theo").runs[0]
    r.text = r.text.replace("31/5/2021", "30/5/2021")


def points_out_of_order(doc: Any) -> None:
    anchor = paragraph(doc, "- Phổ biến Luật")
    for text in ("a) Thứ nhất;", "b) Thứ hai;", "d) Thứ ba."):
        new = docx.Document().add_paragraph()._p  # a detached paragraph element
        anchor._p.addprevious(new)
        from docx.text.paragraph import Paragraph

        para = Paragraph(new, anchor._parent)
        para.paragraph_format.first_line_indent = Twips(567)
        para.paragraph_format.space_after = Twips(120)
        para.alignment = anchor.alignment
        run = para.add_run(text)
        run.font.size = Pt(14)
        run.font.name = "Times New Roman"
        rf = run._r.rPr.find(qn("w:rFonts"))
        for a in ("w:eastAsia", "w:cs"):
            rf.set(qn(a), "Times New Roman")


def bases_upright(doc: Any) -> None:
    first = paragraph(doc, "Thực hiện chỉ đạo")
    from docx.text.paragraph import Paragraph

    new = docx.Document().add_paragraph()._p
    first._p.addprevious(new)
    para = Paragraph(new, first._parent)
    para.alignment = first.alignment
    para.paragraph_format.first_line_indent = Twips(567)
    para.paragraph_format.space_after = Twips(120)
    run = para.add_run("Căn cứ Luật Phòng, chống ma túy năm 2021;")
    run.font.size = Pt(14)
    rf = run._r.get_or_add_rPr()
    fonts = rf.makeelement(qn("w:rFonts"), {})
    for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(a), "Times New Roman")
    rf.insert(0, fonts)


def no_first_page_title(doc: Any) -> None:
    doc.sections[0].different_first_page_header_footer = False


VARIANTS = [
    (set_font, "ND30.03"),
    (drop_east_asian, "ND30.03"),
    (letter_size, "ND30.01"),
    (narrow_left_margin, "ND30.02"),
    (quoc_hieu_regular, "ND30.04"),
    (motto_dashes, "ND30.04"),
    (motto_rule_short, "ND30.04"),
    (issuer_small, "ND30.05"),
    (number_without_zero, {"ND30.06", "NQ.KEM_THEO"}),  # 5 ≠ the annex's 152 as well
    (number_spaced, "ND30.06"),
    (report_code_on_plan, {"ND30.06", "NQ.KEM_THEO"}),  # and KH ≠ BC in the annex line
    (date_without_zero, {"ND30.07", "NQ.KEM_THEO"}),  # 05/01 ≠ the annex's 31/5
    (month_padded, "ND30.07"),
    (title_not_bold, "ND30.08"),
    (no_title_rule, "ND30.08"),
    (body_left_aligned, "ND30.09"),
    (body_size_from_style, "ND30.09"),
    (bases_upright, "ND30.10"),
    (points_out_of_order, "ND30.11"),
    (signer_name_upper, "ND30.12"),
    (noi_nhan_upright, "ND30.13"),
    (recipient_without_semicolon, "ND30.13"),
    (archive_line, "ND30.13"),
    (no_first_page_title, "ND30.15"),
    (total_row_wrong, {"NQ.TONG", "NQ.SO_LIEU"}),  # the text's 10 vụ no longer matches either
    (kem_theo_wrong, "NQ.KEM_THEO"),
]
