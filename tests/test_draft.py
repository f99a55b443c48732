"""`chitieu draft` on the Cầu Giấy sample: real docxtpl, real openpyxl, real LibreOffice."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl
import pdfplumber
import pytest
from PIL import Image
from pyzbar.pyzbar import decode

from chitieu.draft import DraftResult, draft
from chitieu.form_ids import FORMAT, HIDDEN_SHEET, parse_qr_payload
from chitieu.plan import Plan, load_plan

sys.path.insert(0, str(Path(__file__).parent))
from docx_text import all_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"
NUMBER_RE = re.compile(r"^Số: ?(\d{2,}|\s*)/[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ0-9]+)*$")
DATE_RE = re.compile(r"^[^,]+, ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$")


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(SAMPLE)


@pytest.fixture(scope="module")
def drafted(plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> DraftResult:
    return draft(plan, tmp_path_factory.mktemp("draft"), pdf=True)


def test_every_kind_is_written(drafted: DraftResult, plan: Plan) -> None:
    kinds = {k: len(v) for k, v in drafted.by_kind.items()}
    n = len(plan.reporting_units)
    assert kinds == {
        "plan": 1,
        "plan_pdf": 1,
        "quota_xlsx": 1,
        "tasks_xlsx": 1,
        "form_docx": n,
        "form_xlsx": n,
        "form_pdf": n,
    }
    for p in drafted.paths:
        assert p.is_file() and p.stat().st_size > 0, p
    assert not list(drafted.by_kind["plan"][0].parent.glob(".pdf")), "staging folder left over"


def test_plan_sentences_come_from_the_annex(drafted: DraftResult) -> None:
    text = all_text(drafted.by_kind["plan"][0])
    assert "xử lý hình sự 10 vụ án phạm tội về ma túy" in text
    assert "cai nghiện bắt buộc 06 người nghiện ma túy" in text
    assert "Vận động 08 người nghiện" in text  # the annex's 08, not the seed text's "13"
    assert "Số: 152/KH-UBND" in text
    assert "Cầu Giấy, ngày 31 tháng 5 năm 2021" in text
    assert "Phụ lục I" in text and "Phụ lục II" in text
    assert (
        "(Kèm theo Kế hoạch số 152/KH-UBND ngày 31/5/2021 của Ủy ban nhân dân quận Cầu Giấy)"
        in text
    )


def test_plan_docx_nd30_structure(drafted: DraftResult) -> None:
    d = docx.Document(str(drafted.by_kind["plan"][0]))
    assert len(d.sections) == 3
    for n, s in enumerate(d.sections):
        long_side, short_side = max(s.page_width, s.page_height), min(s.page_width, s.page_height)
        assert abs(long_side.mm - 297) < 1 and abs(short_side.mm - 210) < 1
        assert (s.page_width > s.page_height) == (n > 0)  # annexes landscape
        assert 20 <= round(s.top_margin.mm) <= 25 and 20 <= round(s.bottom_margin.mm) <= 25
        assert 30 <= round(s.left_margin.mm) <= 35 and 15 <= round(s.right_margin.mm) <= 20
        assert s.different_first_page_header_footer
        assert "PAGE" in s.header._element.xml
    xml = zipfile.ZipFile(drafted.by_kind["plan"][0]).read("word/document.xml").decode()
    assert xml.count('w:pgNumType w:start="1"') == 2  # each phụ lục numbered on its own
    head = d.tables[0]
    assert NUMBER_RE.match(head.cell(0, 0).paragraphs[-1].text.strip())
    assert DATE_RE.match(head.cell(0, 1).paragraphs[-1].text.strip())
    # every run in Times New Roman on all four attributes
    for r in d.element.body.iter("{*}r"):
        fonts = r.find("{*}rPr/{*}rFonts")
        if r.find("{*}t") is None or not (r.findtext("{*}t") or "").strip():
            continue
        assert fonts is not None
        values = {k.split("}")[1]: v for k, v in fonts.attrib.items()}
        for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
            assert values.get(attr) == "Times New Roman", (attr, r.findtext("{*}t"))


def test_quota_xlsx_totals_match_the_seed(drafted: DraftResult) -> None:
    wb = openpyxl.load_workbook(drafted.by_kind["quota_xlsx"][0])
    ws = wb.active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    total = next(r for r in rows if r[0] == "Tổng cộng")
    # live formulas over the units' rows, so a clerk's change shows in the total
    assert total[2:7] == [f"=SUM({c}6:{c}14)" for c in "CDEFG"]
    sums = [sum(ws[f"{c}{r}"].value or 0 for r in range(6, 15)) for c in "CDEFG"]
    assert sums == [10, 8, 8, 6, 8]
    units = [r[1] for r in rows if isinstance(r[0], int)]
    assert units[0] == "Quan Hoa" and units[-1] == "Đội CSĐTTP về Ma Túy" and len(units) == 9
    assert ws.cell(row=6, column=3).number_format == "00"  # prints "01" as the seed does
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert "F4:G4" in merged  # the group "Lập hồ sơ đưa cai nghiện ma túy" spans its columns


def test_return_xlsx_is_locked_and_machine_readable(drafted: DraftResult, plan: Plan) -> None:
    path = next(p for p in drafted.by_kind["form_xlsx"] if p.stem == "quan-hoa")
    wb = openpyxl.load_workbook(path)
    hidden = wb[HIDDEN_SHEET]
    assert hidden.sheet_state == "veryHidden"
    meta = {
        hidden.cell(row=r, column=1).value: hidden.cell(row=r, column=2).value for r in range(1, 6)
    }
    assert meta == {
        "format": FORMAT,
        "plan_number": "152/KH-UBND",
        "plan_date": "2021-05-31",
        "unit": "quan-hoa",
        "period": "2021-06",
    }
    assert [hidden.cell(row=7, column=c).value for c in range(1, 5)] == [
        "indicator",
        "result_cell",
        "target_cell",
        "sheet",
    ]
    ws = wb["Báo cáo"]
    assert ws.protection.sheet
    mapping = {}
    for r in range(8, 8 + len(plan.indicators)):
        ind, result_cell, target_cell, sheet = (
            hidden.cell(row=r, column=c).value for c in range(1, 5)
        )
        assert sheet == ws.title
        mapping[ind] = (result_cell, target_cell)
    assert list(mapping) == [i.id for i in plan.indicators]
    for ind_id, (result_cell, target_cell) in mapping.items():
        assert ws[result_cell].protection.locked is False
        assert ws[result_cell].value is None
        assert ws[target_cell].protection.locked is not False
        assert ws[target_cell].value == plan.target("quan-hoa", ind_id)
    validations = ws.data_validations.dataValidation
    assert len(validations) == 1
    dv = validations[0]
    assert dv.type == "whole" and dv.operator == "greaterThanOrEqual" and dv.formula1 == "0"
    assert "số nguyên" in (dv.prompt or "")
    covered = {c for rng in dv.sqref.ranges for c in [rng.coord]}
    assert {rc for rc, _ in mapping.values()} <= {c for r in covered for c in r.split(":")}
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props == {
        "chitieu_plan_number": "152/KH-UBND",
        "chitieu_unit": "quan-hoa",
        "chitieu_period": "2021-06",
    }


def test_return_form_pdfs_keep_document_symbols_whole(drafted: DraftResult) -> None:
    from pdf_layout import symbols_unbroken

    assert drafted.by_kind["form_pdf"]
    for pdf in drafted.by_kind["form_pdf"]:
        assert symbols_unbroken(pdf) == [], pdf.name


def test_return_pdf_qr_survives_a_150_dpi_scan(drafted: DraftResult, tmp_path: Path) -> None:
    pdf = next(p for p in drafted.by_kind["form_pdf"] if p.stem == "yen-hoa")
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "150",
            "-gray",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf),
            str(tmp_path / "scan"),
        ],
        check=True,
    )
    png = next(tmp_path.glob("scan*.png"))
    image = Image.open(png)
    symbols = decode(image)
    found = [parse_qr_payload(s.data.decode()) for s in symbols]
    assert {"plan": "152/KH-UBND", "unit": "yen-hoa", "period": "2021-06"} in found
    rect = symbols[
        found.index({"plan": "152/KH-UBND", "unit": "yen-hoa", "period": "2021-06"})
    ].rect
    assert rect.top > 0.75 * image.height and rect.left < 0.3 * image.width  # bottom-left corner
    assert rect.width >= 2.5 / 2.54 * 150 * 0.9  # printed at least ~2,5 cm wide
    with pdfplumber.open(pdf) as doc:
        words = doc.pages[0].extract_text()
    for ind_name in ("Điều tra khám phá hình sự", "Lập hồ sơ đưa CNBB"):
        assert ind_name in words  # exact plan names, so scans can be matched
    assert "ỦY BAN NHÂN DÂN" in words and "PHƯỜNG YÊN HÒA" in words


def test_pdf_fonts_are_liberation_serif(drafted: DraftResult) -> None:
    out = subprocess.run(
        ["pdffonts", str(drafted.by_kind["plan_pdf"][0])],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fonts = [ln.split()[0] for ln in out.splitlines()[2:] if ln.strip()]
    assert fonts and all("LiberationSerif" in f for f in fonts), fonts


def test_plan_passes_lint(drafted: DraftResult, plan: Plan) -> None:
    from chitieu.lint import lint_docx

    errors = [f for f in lint_docx(drafted.by_kind["plan"][0], plan) if f.severity == "error"]
    assert errors == []


def test_return_forms_pass_lint(drafted: DraftResult, plan: Plan) -> None:
    """The date and the signer's name are blank for the unit to fill: warnings, not errors."""
    from chitieu.lint import lint_docx

    for form in drafted.by_kind["form_docx"]:
        findings = lint_docx(form, plan)
        assert [f for f in findings if f.severity == "error"] == [], form.name
        assert {"ND30.07", "ND30.12"} <= {f.rule_id for f in findings}  # blank, as intended


def test_quota_annex_table_in_the_plan(drafted: DraftResult) -> None:
    d = docx.Document(str(drafted.by_kind["plan"][0]))
    table = next(t for t in d.tables if t.cell(0, 0).text == "TT" and "Đơn vị" in t.cell(0, 1).text)
    rows = [[c.text for c in r.cells] for r in table.rows]
    total = rows[-1]
    assert total[0] == total[1] == "Tổng cộng"  # spans TT and Đơn vị
    assert total[2:] == ["10", "08", "08", "06", "08"]
    assert rows[2][1] == "Quan Hoa" and rows[2][2:] == ["01", "01", "01", "0", "01"]
    assert rows[0][5] == rows[0][6] == "Lập hồ sơ đưa cai nghiện ma túy"  # the group spans
    assert rows[1][5].startswith("Lập hồ sơ đưa CNBB") and rows[0][2] == rows[1][2]
