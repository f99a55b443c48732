"""Build ke-hoach-152-as-issued.docx: Kế hoạch 152/KH-UBND (seed 000) as it was issued.

The text and the annex come from `seed-000.txt` (the seed transcription, kept next to this
script), laid out in ND30 format with python-docx. The two real mistakes of the issued
document are kept on purpose, for `chitieu lint` to find:

- the text promises "vận động 13 người nghiện đi cai nghiện tự nguyện" while the annex's
  "Cai nghiện tự nguyện tại TT" column totals 08;
- the annex title says "NĂM 2020" in a plan for 2021.

Transcription noise that is not a mistake of the issued document is corrected: "BCD" (OCR
of "BCĐ"), the ";" missing after "Đ/c Bí thư Quận ủy", page-break splits inside
paragraphs, and "giao. /" (the "./." that ends the text).

Run: .venv/bin/python samples/cau-giay-2021/as-issued/build.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
from chitieu.lint.measure import text_width, widest_line  # noqa: E402

SEED = HERE / "seed-000.txt"
OUT = HERE / "ke-hoach-152-as-issued.docx"
FONT = "Times New Roman"
PAGE_W, PAGE_H = 11906, 16838
TOP = BOTTOM = 1134  # 20 mm
LEFT, RIGHT = 1701, 850  # 30 mm, 15 mm
TEXT_W = PAGE_W - LEFT - RIGHT  # 9355
CELL_MARGIN = 2 * 108


def fonts(rpr: Any) -> None:
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        rf = OxmlElement("w:rFonts")
        rpr.insert(0, rf)
    for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rf.set(qn(a), FONT)


def run(p: Any, text: str, size: float, bold: bool = False, italic: bool = False) -> Any:
    r = p.add_run(text)
    r.font.size = Pt(size)
    r.font.bold = bold
    r.font.italic = italic
    fonts(r._r.get_or_add_rPr())
    return r


def para(
    container: Any,
    text: str = "",
    size: float = 14,
    *,
    bold: bool = False,
    italic: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
    after: int = 0,
    before: int = 0,
) -> Any:
    p = container.add_paragraph()
    p.alignment = align
    pf = p.paragraph_format
    pf.space_before, pf.space_after = Twips(before), Twips(after)
    pf.line_spacing = 1.0
    lines = text.split("\n")
    for n, line in enumerate(lines):
        r = run(p, line, size, bold, italic)
        if n < len(lines) - 1:
            r.add_break()
    return p


def rule(container: Any, width: int, available: int) -> Any:
    """An empty paragraph whose top border, between indents, is a rule `width` twips long."""
    p = container.add_paragraph()
    side = max(0, (available - width) // 2)
    pf = p.paragraph_format
    pf.left_indent, pf.right_indent = Twips(side), Twips(available - width - side)
    pf.space_before = pf.space_after = Twips(0)
    pf.line_spacing = Pt(6)
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(k), v)
    bdr.append(top)
    ppr.insert(1 if ppr.find(qn("w:pStyle")) is not None else 0, bdr)
    return p


def md_runs(p: Any, text: str, size: float = 14) -> None:
    """ "**bold**", "*italic*" of the seed's markdown as runs."""
    bold = italic = False
    for token in re.split(r"(\*\*|\*)", text):
        if token == "**":
            bold = not bold
        elif token == "*":
            italic = not italic
        elif token:
            run(p, token, size, bold, italic)


def no_borders(table: Any) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def widths(table: Any, cols: list[int]) -> None:
    table.autofit = False
    for col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), cols, strict=True):
        col.set(qn("w:w"), str(w))
    for row in table.rows:
        for cell, w in zip(row.cells, cols, strict=False):
            cell.width = Twips(w)


def clear(cell: Any) -> Any:
    """A cell's container with its initial empty paragraph removed after use."""
    return cell


def drop_first_empty(cell: Any) -> None:
    first = cell.paragraphs[0]
    if not first.text and len(cell.paragraphs) > 1:
        first._p.getparent().remove(first._p)


def section_setup(section: Any) -> None:
    section.page_width, section.page_height = Twips(PAGE_W), Twips(PAGE_H)
    section.top_margin, section.bottom_margin = Twips(TOP), Twips(BOTTOM)
    section.left_margin, section.right_margin = Twips(LEFT), Twips(RIGHT)
    section.header_distance = section.footer_distance = Twips(567)


def page_number(section: Any, restart: bool) -> None:
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (
        ("begin", None),
        ("instr", " PAGE "),
        ("separate", None),
        ("result", "1"),
        ("end", None),
    ):
        r = run(p, "", 13)
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
            r._r.append(el)
        elif kind == "result":
            r.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            r._r.append(el)
    if restart:
        num = OxmlElement("w:pgNumType")
        num.set(qn("w:start"), "1")
        section._sectPr.append(num)


# -- the seed's text ------------------------------------------------------------------------

HEADING = re.compile(r"^([IVX]+\.|\d+(\.\d+)*\.)\s")


def seed_parts() -> tuple[list[str], list[str], list[list[str]], list[str]]:
    """(body paragraphs, Nơi nhận entries, annex rows, annex notes) from the seed."""
    text = SEED.read_text(encoding="utf-8")
    body_text = text[text.index("Thực hiện chỉ đạo") : text.index("Nơi nhận:")]
    raw = [b.strip() for b in re.split(r"\n\s*\n", body_text) if b.strip()]
    paras: list[str] = []
    for block in raw:
        block = re.sub(r"\s*\n\s*", " ", block)
        if paras:
            prev = paras[-1]
            starts_item = block.startswith("-") or HEADING.match(block) or block[0].isdigit()
            joins = block[0].islower() or (
                prev[-1].isalnum() and not HEADING.match(prev) and not starts_item
            )
            if joins:
                paras[-1] = f"{prev} {block}"
                continue
        paras.append(block)
    paras[-1] = re.sub(r"\.\s*/\s*$", "./.", paras[-1])
    recv_text = text[text.index("Nơi nhận:") + len("Nơi nhận:") : text.index("TM. ỦY BAN")]
    recipients = [ln.strip() for ln in recv_text.splitlines() if ln.strip().startswith("-")]
    recipients = [r.replace("BCD", "BCĐ") for r in recipients]
    recipients = [r if r.endswith((";", ".")) else r + ";" for r in recipients]
    table_lines = [ln for ln in text[text.index("TT\tĐơn vị") :].splitlines() if "\t" in ln]
    rows = [ln.split("\t") for ln in table_lines]
    notes_text = text[text.index("Lưu ý:") :]
    notes = [n.strip(" -*\n") for n in re.split(r"\n\s*\n|Lưu ý:", notes_text) if n.strip(" -*\n")]
    return paras, recipients, rows, notes


def build(out: Path = OUT) -> Path:
    body, recipients, rows, notes = seed_parts()
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(14)
    fonts(normal.element.get_or_add_rPr())
    fonts(doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")))
    sec = doc.sections[0]
    section_setup(sec)
    page_number(sec, restart=False)

    # Header: issuer and số on the left, quốc hiệu, tiêu ngữ and date on the right.
    left_w, right_w = 3600, TEXT_W - 3600
    head = doc.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(head)
    widths(head, [left_w, right_w])
    lc, rc = head.rows[0].cells
    issuer = ["ỦY BAN NHÂN DÂN", "QUẬN CẦU GIẤY"]
    for line in issuer:
        para(lc, line, 13, bold=True)
    issuer_w = max(text_width(x, 13, bold=True) for x in issuer)
    rule(lc, round(issuer_w * 0.42), left_w - CELL_MARGIN)
    para(lc, "Số: 152/KH-UBND", 13, before=120)
    drop_first_empty(lc)
    para(rc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    motto = "Độc lập - Tự do - Hạnh phúc"
    para(rc, motto, 13, bold=True)
    rule(rc, text_width(motto, 13, bold=True), right_w - CELL_MARGIN)
    para(rc, "Cầu Giấy, ngày 31 tháng 5 năm 2021", 14, italic=True, before=120)
    drop_first_empty(rc)

    # Tên loại, trích yếu and its rule.
    para(doc, "KẾ HOẠCH", 14, bold=True, before=360)
    title = (
        "Triển khai Tháng hành động phòng, chống ma túy hưởng ứng\n"
        "“Ngày Quốc tế phòng, chống ma túy” và “Ngày toàn dân phòng,\n"
        "chống ma túy - 26/6” trên địa bàn quận Cầu Giấy\n"
        "(Từ ngày 01/6 đến ngày 30/6/2021)"
    )
    para(doc, title, 14, bold=True)
    rule(doc, round(widest_line(title, 14, TEXT_W, bold=True) * 0.4), TEXT_W)

    # Body.
    for n, text in enumerate(body):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        pf = p.paragraph_format
        pf.first_line_indent = Twips(567)
        pf.space_before = Twips(120 if n == 0 else 0)
        pf.space_after = Twips(120)
        pf.line_spacing = 1.1
        is_title = bool(re.match(r"^[IVX]+\. ", text)) or (
            bool(re.match(r"^\d+\. ", text)) and len(text) < 90 and not text.endswith(".")
        )
        md_runs(p, f"**{text}**" if is_title else text)

    # Nơi nhận and the signature block.
    sign = doc.add_table(rows=1, cols=2)
    no_borders(sign)
    widths(sign, [4400, TEXT_W - 4400])
    lc, rc = sign.rows[0].cells
    para(lc, "Nơi nhận:", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=240)
    for entry in recipients:
        para(lc, entry, 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    drop_first_empty(lc)
    for line in ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"):
        para(rc, line, 14, bold=True, before=240 if line.startswith("TM.") else 0)
    for _ in range(4):
        para(rc, "", 14)
    para(rc, "Trịnh Thị Dung", 14, bold=True)
    drop_first_empty(rc)

    # The annex, on its own pages, numbered from 1.
    annex = doc.add_section(WD_SECTION.NEW_PAGE)
    section_setup(annex)
    num = OxmlElement("w:pgNumType")
    num.set(qn("w:start"), "1")
    annex._sectPr.append(num)
    annex.different_first_page_header_footer = True
    para(
        doc,
        "BIỂU CHỈ TIÊU ĐẤU TRANH, CAI NGHIỆN MA TÚY GIAO TRONG\n"
        "THÁNG HÀNH ĐỘNG PHÒNG, CHỐNG MA TÚY NĂM 2020",
        14,
        bold=True,
    )
    para(
        doc,
        "(Kèm theo kế hoạch số 152/KH-UBND ngày 31/5/2021 của UBND quận)",
        14,
        italic=True,
        after=240,
    )
    cols = [600, 2255, 1300, 1300, 1300, 1300, 1300]
    table = doc.add_table(rows=len(rows), cols=7)
    table.style = doc.styles["Table Grid"]
    widths(table, cols)
    header, sub, data = rows[0], rows[1], rows[2:]
    for r_no, values in enumerate(rows):
        cells = table.rows[r_no].cells
        is_head = r_no < 2
        is_total = values[0].startswith("Tổng cộng")
        for c_no in range(7):
            value = values[c_no].strip() if c_no < len(values) else ""
            p = cells[c_no].paragraphs[0]
            p.alignment = (
                WD_ALIGN_PARAGRAPH.LEFT
                if (c_no == 1 and not is_head)
                else WD_ALIGN_PARAGRAPH.CENTER
            )
            run(p, value, 13, bold=is_head or is_total)
    # Merges: TT, Đơn vị, NĐ111, NĐ94 span the two header rows; the group spans two columns.
    for c in (0, 1, 3, 4):
        table.cell(0, c).merge(table.cell(1, c))
    table.cell(0, 5).merge(table.cell(0, 6))
    total_row = len(rows) - 1
    table.cell(total_row, 0).merge(table.cell(total_row, 1))
    for cell in table._tbl.iter(qn("w:tc")):
        # merging concatenates paragraphs; keep only the ones with text
        ps = cell.findall(qn("w:p"))
        texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in ps]
        if any(texts):
            for p, t in zip(ps, texts, strict=True):
                if not t:
                    cell.remove(p)
    assert header[2].startswith("Điều tra") and sub[2] == "Tổng số" and len(data) == 10
    for n, note in enumerate(notes):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Twips(567)
        p.paragraph_format.space_before = Twips(240 if n == 0 else 0)
        p.paragraph_format.space_after = Twips(120)
        if n == 0:
            run(p, "Lưu ý: ", 14, bold=True)
        run(p, f"- {note}", 14, italic=True)
    doc.core_properties.title = "Kế hoạch 152/KH-UBND ngày 31/5/2021 (bản như đã ban hành)"
    doc.core_properties.author = "chitieu samples"
    doc.save(str(out))
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
