"""Round trip with the drafting code: the forms and annexes `chitieu draft` writes are
read back by `extract` — our XLSX forms through their hidden ids, the annex exactly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from chitieu.plan import Plan, load_plan
from chitieu.render.pdf import convert_to_pdf
from extract import extract_file

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(PLAN)


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("draft")
    exe = Path(sys.executable).with_name("chitieu")
    proc = subprocess.run(
        [str(exe), "draft", str(PLAN), "--out", str(out), "--no-pdf"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return out


def test_filled_xlsx_form_reads_back_through_its_ids(
    drafted: Path, plan: Plan, tmp_path: Path
) -> None:
    forms = sorted((drafted / "bieu-mau").glob("*.xlsx"))
    assert len(forms) == len(plan.reporting_units)
    src = next(f for f in forms if f.stem == "mai-dich")
    wb = openpyxl.load_workbook(src)
    ids = wb["_chitieu"]
    cells = {
        str(ids.cell(r, 1).value): str(ids.cell(r, 2).value)
        for r in range(8, ids.max_row + 1)
        if ids.cell(r, 1).value
    }
    typed = {"hinh_su": 2, "nd111": "01", "nd94": 0, "cnbb": None, "cntn": "-"}
    sheet = wb[str(ids.cell(8, 4).value)]
    for ind, value in typed.items():
        sheet[cells[ind]] = value
    filled = tmp_path / "mai-dich-da-dien.xlsx"
    wb.save(filled)

    got = extract_file(filled, plan)
    assert got.unit == "mai-dich"
    assert {r.indicator: r.value for r in got.records} == {
        "hinh_su": 2,
        "nd111": 1,
        "nd94": 0,
        "cntn": 0,
    }
    assert not any(r.needs_review for r in got.records)
    assert [p.code for p in got.problems] == ["missing_indicator"]  # cnbb left blank


def test_blank_drafted_form_has_no_figures(drafted: Path, plan: Plan) -> None:
    got = extract_file(drafted / "bieu-mau" / "quan-hoa.docx", plan)
    assert got.records == () and got.unit == "quan-hoa"
    assert {p.code for p in got.problems} == {"missing_indicator"}


@pytest.mark.parametrize("name", ["bieu-chi-tieu.xlsx", "ke-hoach-152-KH-UBND.docx"])
def test_drafted_annex_gives_the_targets_exactly(drafted: Path, plan: Plan, name: str) -> None:
    got = extract_file(drafted / name, plan)
    want = {(r.unit, r.indicator): r.value for r in plan.target_records()}
    assert {(r.unit, r.indicator): r.value for r in got.records} == want
    assert all(r.role == "target" and not r.needs_review for r in got.records)
    assert not [p for p in got.problems if p.code != "low_confidence"]


def test_filled_docx_form_and_its_pdf_read_back(drafted: Path, plan: Plan, tmp_path: Path) -> None:
    """A ward types its results into the drafted DOCX form (and prints it to PDF): the unit
    comes from the ids printed on the form, the result column is taken, not the target."""
    from docx import Document

    doc = Document(str(drafted / "bieu-mau" / "quan-hoa.docx"))
    table = next(t for t in doc.tables if "Kết quả" in " ".join(c.text for c in t.rows[0].cells))
    col = next(i for i, c in enumerate(table.rows[0].cells) if "Kết quả" in c.text)
    typed = ["03", "0", "02", "-", "01"]
    for row, value in zip(table.rows[1:], typed, strict=True):
        row.cells[col].text = value
    filled = tmp_path / "bao-cao-quan-hoa.docx"
    doc.save(str(filled))
    convert_to_pdf([filled], tmp_path, timeout=300)
    want = {"hinh_su": 3, "nd111": 0, "nd94": 2, "cnbb": 0, "cntn": 1}
    for path in (filled, tmp_path / "bao-cao-quan-hoa.pdf"):
        got = extract_file(path, plan)
        assert got.unit == "quan-hoa", path
        assert {r.indicator: r.value for r in got.records} == want, path
        assert not any(r.needs_review for r in got.records), path
        assert got.problems == (), path
