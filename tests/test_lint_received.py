"""Lint on documents laid out differently from ours: a header without a table, rules drawn
as VML lines or as underlines, a báo cáo and a công văn. Elements must be found by content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, Twips

from chitieu.lint import Severity, lint_docx
from chitieu.lint.measure import text_width

FONT = "Times New Roman"


def _fonts(rpr: Any) -> None:
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        rf = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rf)
    for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rf.set(qn(a), FONT)


def _p(
    doc: Any,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
    body: bool = False,
) -> Any:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if body else align
    pf = p.paragraph_format
    pf.space_before, pf.space_after = Twips(0), Twips(120 if body else 0)
    if body:
        pf.first_line_indent = Twips(720)
    r = p.add_run(text)
    r.font.size, r.font.bold, r.font.italic, r.font.underline = Pt(size), bold, italic, underline
    _fonts(r._r.get_or_add_rPr())
    return p


def _vml_line(doc: Any, width_twips: int) -> None:
    """An empty paragraph holding a VML line, as older Word versions draw rules."""
    pt = width_twips / 20
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    run._r.append(
        parse_xml(
            f'<w:pict {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml">'
            f'<v:line from="0,0" to="{pt:.1f}pt,0" strokeweight="1pt"/></w:pict>'
        )
    )


def _document(
    tmp_path: Path,
    *,
    kind: str = "BÁO CÁO",
    number: str = "Số: 12/BC-UBND",
    vv: str | None = None,
    motto_rule: str = "underline",
) -> Path:
    doc = docx.Document()
    _fonts(doc.styles["Normal"].element.get_or_add_rPr())
    d = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(d)
    s = doc.sections[0]
    s.page_width, s.page_height = Twips(11906), Twips(16838)
    s.top_margin = s.bottom_margin = Twips(1134)
    s.left_margin, s.right_margin = Twips(1701), Twips(1134)
    # header as plain paragraphs, no table
    issuer = "ỦY BAN NHÂN DÂN PHƯỜNG YÊN HÒA"
    _p(doc, issuer, 13, bold=True)
    _vml_line(doc, round(text_width(issuer, 13, bold=True) * 0.4))
    _p(doc, number, 13)
    _p(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True)
    motto = "Độc lập - Tự do - Hạnh phúc"
    _p(doc, motto, 14, bold=True, underline=motto_rule == "underline")
    if motto_rule == "vml":
        _vml_line(doc, text_width(motto, 14, bold=True))
    _p(doc, "Yên Hòa, ngày 28 tháng 6 năm 2021", 14, italic=True)
    if vv:
        _p(doc, vv, 13)
    if kind:
        _p(doc, kind, 14, bold=True)
        title = "Kết quả thực hiện Tháng hành động phòng, chống ma túy năm 2021"
        _p(doc, title, 14, bold=True)
        _vml_line(doc, round(text_width(title, 14, bold=True) * 0.4))
    else:
        _p(doc, "Kính gửi: Ủy ban nhân dân quận Cầu Giấy.", 14)
    _p(
        doc,
        "Thực hiện Kế hoạch số 152/KH-UBND ngày 31/5/2021, UBND phường báo cáo như sau:",
        14,
        body=True,
    )
    _p(doc, "I. KẾT QUẢ THỰC HIỆN", 14, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    _p(
        doc,
        "Phát hiện, xử lý hình sự 02 vụ; lập hồ sơ đưa 01 người đi cai nghiện bắt buộc.",
        14,
        body=True,
    )
    _p(doc, "Nơi nhận:", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    _p(doc, "- UBND quận Cầu Giấy;", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _p(doc, "- Lưu: VT.", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _p(doc, "TM. ỦY BAN NHÂN DÂN", 14, bold=True)
    _p(doc, "CHỦ TỊCH", 14, bold=True)
    _p(doc, "Nguyễn Văn An", 14, bold=True)
    out = tmp_path / "received.docx"
    doc.save(str(out))
    return out


def _errors(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in lint_docx(path):
        if f.severity == Severity.error:
            out.setdefault(f.rule_id, []).append(f.message_vi)
    return out


def test_report_without_header_table_and_with_vml_rules_is_clean(tmp_path: Path) -> None:
    path = _document(tmp_path)
    findings = lint_docx(path)
    # one page, no page field: only the standing reminder to number pages
    assert [(f.rule_id, f.severity) for f in findings] == [("ND30.15", Severity.warning)]


def test_vml_rule_under_the_motto_is_measured(tmp_path: Path) -> None:
    assert _errors(_document(tmp_path, motto_rule="vml")) == {}
    errors = _errors(_document(tmp_path, motto_rule="none"))
    assert list(errors) == ["ND30.04"] and "Thiếu đường kẻ dưới Tiêu ngữ" in errors["ND30.04"][0]


def test_type_code_must_match_the_kind_of_document(tmp_path: Path) -> None:
    errors = _errors(_document(tmp_path, number="Số: 12/KH-UBND"))
    assert list(errors) == ["ND30.06"]
    assert "“BC”" in errors["ND30.06"][0]


def test_vv_is_only_for_cong_van(tmp_path: Path) -> None:
    errors = _errors(_document(tmp_path, vv="V/v báo cáo kết quả"))
    assert list(errors) == ["ND30.08"] and "V/v" in errors["ND30.08"][0]
    # a công văn: no tên loại, a V/v line, Kính gửi; its number has no type code
    cong_van = _document(tmp_path, kind="", number="Số: 45/UBND-CA", vv="V/v báo cáo kết quả")
    assert _errors(cong_van) == {}


def test_a_report_on_the_plan_is_not_compared_as_if_it_were_the_plan(tmp_path: Path) -> None:
    from chitieu.plan import load_plan

    plan = load_plan(
        Path(__file__).resolve().parent.parent / "samples" / "cau-giay-2021" / "plan.yaml"
    )
    report = _document(tmp_path)  # Số: 12/BC-UBND, 28/6/2021: not the plan's number or date
    assert [f.rule_id for f in lint_docx(report, plan=plan) if f.severity == Severity.error] == []
