"""Build the docxtpl templates of `templates/` from the ND30 layer, reproducibly.

    .venv/bin/python templates/build_templates.py

A clerk may open the .docx files in Word, reword the fixed text (the "(Kèm theo …)" line,
"Lưu ý:", the return form's instructions) and save: generation keeps working as long as
the {{ … }} and {%p … %} tags stay. The parts whose layout depends on the data (letterhead
rules, body, tables) are sub-documents `{{p … }}` drawn by `chitieu.render`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from chitieu.render import _oxml, text  # noqa: E402
from chitieu.render.closing import LEFT_MM, RIGHT_MM, SIGN_PT  # noqa: E402
from chitieu.render.official import add_annex_section, new_document  # noqa: E402
from chitieu.render.page import LANDSCAPE_TEXT_MM  # noqa: E402

PLAN_TEMPLATE = HERE / "ke-hoach.docx"
RETURN_TEMPLATE = HERE / "phieu-bao-cao.docx"


def tag(container: text.Container, jinja: str) -> None:
    """A paragraph holding only a template tag ({{p x }}, {%p for … %}); removed on render."""
    text.line(container, jinja, 14, align=WD_ALIGN_PARAGRAPH.LEFT)


def closing_block(container: text.Container) -> None:
    """Nơi nhận | signature, with loops over the entries and the signing lines."""
    table = container.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    _oxml.table_borders(table, None)
    from docx.shared import Mm

    _oxml.fixed_widths(table, [Mm(LEFT_MM), Mm(RIGHT_MM)])
    left, right = table.cell(0, 0), table.cell(0, 1)
    first = left.paragraphs[0]
    text.tight(first, align=WD_ALIGN_PARAGRAPH.LEFT)
    first.paragraph_format.space_before = Pt(12)
    _oxml.style_run(first.add_run("Nơi nhận:"), 12, bold=True, italic=True)
    tag(left, "{%p for r in noi_nhan %}")
    text.line(left, "{{ r }}", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    tag(left, "{%p endfor %}")
    p = right.paragraphs[0]
    text.tight(p)
    _oxml.style_run(p.add_run("{%p for c in chuc_vu %}"), SIGN_PT)
    text.line(right, "{{ c }}", SIGN_PT, bold=True).paragraph_format.space_before = Pt(0)
    tag(right, "{%p endfor %}")
    for _ in range(4):
        text.blank(right, SIGN_PT)
    text.line(right, "{{ nguoi_ky }}", SIGN_PT, bold=True)
    _oxml.cant_split(table.rows[0])


def annex_head(container: text.Container, label: str, title: str, reference: str) -> None:
    text.line(container, label, 14, bold=True)
    text.line(container, title, 14, bold=True)
    text.line(container, reference, 14, italic=True)
    text.rule(container, text.width_pt(40), text.width_pt(LANDSCAPE_TEXT_MM))
    text.line(container, "", 12)


def build_plan_template(path: Path = PLAN_TEMPLATE) -> Path:
    doc = new_document()
    tag(doc, "{{p letterhead }}")
    tag(doc, "{{p noi_dung }}")
    closing_block(doc)
    add_annex_section(doc)
    reference = "(Kèm theo Kế hoạch số {{ so }} ngày {{ ngay }} của {{ co_quan }})"
    annex_head(doc, "Phụ lục{{ so_phu_luc_1 }}", "{{ tieu_de_bieu }}", reference)
    tag(doc, "{{p bieu_chi_tieu }}")
    tag(doc, "{%p if luu_y %}")
    p = text.body(doc, "Lưu ý:", bold=True, size=13)
    p.paragraph_format.first_line_indent = Pt(0)
    tag(doc, "{%p for n in luu_y %}")
    text.body(doc, "- {{ n }}", italic=True, size=13)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if phan_cong %}")
    add_annex_section(doc)
    annex_head(doc, "Phụ lục II", "PHÂN CÔNG NHIỆM VỤ THỰC HIỆN KẾ HOẠCH", reference)
    tag(doc, "{{p bang_phan_cong }}")
    tag(doc, "{%p endif %}")
    doc.save(str(path))
    return path


def build_return_template(path: Path = RETURN_TEMPLATE) -> Path:
    doc = new_document()
    tag(doc, "{{p letterhead }}")
    intro = text.body(
        doc,
        "Thực hiện Kế hoạch số {{ so }} ngày {{ ngay }} của {{ co_quan }}, {{ don_vi }} "
        "báo cáo kết quả thực hiện các chỉ tiêu được giao {{ ky }} như sau:",
    )
    intro.paragraph_format.space_after = Pt(6)
    tag(doc, "{{p bang }}")
    note = text.body(
        doc,
        "Ghi chú: đơn vị điền số liệu vào cột “Kết quả thực hiện” (số nguyên, không âm), "
        "ký, đóng dấu và gửi về Cơ quan thường trực trước ngày {{ han }}.",
        italic=True,
        size=13,
    )
    # the end of the text goes with the signature: never a signing block alone on a page
    _oxml.keep_with_next(note)
    closing_block(doc)
    # The QR code sits in the bottom-left corner of page 1 (its own footer), wherever the
    # text ends, so that a scanned first page always carries it.
    footer = doc.sections[0].first_page_footer
    footer.is_linked_to_previous = False
    qr = footer.paragraphs[0]
    text.tight(qr, align=WD_ALIGN_PARAGRAPH.LEFT)
    _oxml.style_run(qr.add_run("{{ qr }}"), 10)
    text.line(footer, "Mã nhận dạng biểu mẫu: {{ ma_bieu }}", 9, align=WD_ALIGN_PARAGRAPH.LEFT)
    doc.save(str(path))
    return path


if __name__ == "__main__":
    for built in (build_plan_template(), build_return_template()):
        print(built)
