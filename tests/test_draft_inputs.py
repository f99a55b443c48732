"""Drafting from plans other than the sample (a district's committee, user text to
escape, footnotes, rates and roll-up units), through the CLI, and from templates a clerk
edited and re-saved (split from test_draft.py).
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from chitieu.draft import write_return_forms
from chitieu.plan import Plan, load_plan, parse_plan

sys.path.insert(0, str(Path(__file__).parent))
from docx_text import all_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(SAMPLE)


def test_a_district_reports_as_its_people_s_committee(tmp_path: Path) -> None:
    """A huyện or thành phố reports as its Ủy ban nhân dân, like a phường (ND30: the
    issuing body, its own địa danh, "TM. Ủy ban nhân dân"), and the form passes lint."""
    from chitieu.lint import lint_docx
    from chitieu.render.return_form import ReturnForm

    plan = load_plan(ROOT / "samples" / "kon-tum-2024" / "plan.yaml")
    for unit_id, issuer, place in [
        ("dak-ha", "ỦY BAN NHÂN DÂN HUYỆN ĐẮK HÀ", "Đắk Hà"),
        ("tp-kon-tum", "ỦY BAN NHÂN DÂN THÀNH PHỐ KON TUM", "Kon Tum"),
    ]:
        form = ReturnForm(plan, plan.unit_by_id[unit_id], plan.main_period)
        head = form.letterhead()
        assert (head.issuer, head.place, head.number.strip()) == (issuer, place, "/BC-UBND")
        assert form.signing_lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
        assert form.issuer_in_sentence().startswith("Ủy ban nhân dân ")
    drafted = write_return_forms(plan, tmp_path / "forms", [plan.unit_by_id["dak-ha"]])
    docx_path = drafted.by_kind["form_docx"][0]
    assert "ỦY BAN NHÂN DÂN\nHUYỆN ĐẮK HÀ" in "\n".join(
        c.text for t in docx.Document(str(docx_path)).tables for r in t.rows for c in r.cells
    )
    assert [f for f in lint_docx(docx_path, plan) if f.severity == "error"] == []


def test_user_text_is_escaped(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        'name: "Quan Hoa"', 'name: "A & B <C> {{x}} {% if %}"'
    )
    plan = parse_plan(text, tmp_path / "plan.yaml")
    forms = write_return_forms(plan, tmp_path / "forms", [plan.unit_by_id["quan-hoa"]])
    docx_text = all_text(forms.by_kind["form_docx"][0])
    # a long name breaks over lines in the letterhead
    assert "PHƯỜNG A & B <C> {{X}} {% IF %}" in " ".join(docx_text.split())
    assert "Ủy ban nhân dân phường A & B <C> {{x}} {% if %} báo cáo" in docx_text
    from chitieu.draft import write_plan_docx

    plan_docx = write_plan_docx(plan, tmp_path / "kh.docx")
    assert "A & B <C> {{x}} {% if %}" in all_text(plan_docx)


def _cli_draft(out: Path, *more: str) -> subprocess.CompletedProcess[str]:
    """`chitieu draft SAMPLE --out OUT --no-pdf [more]`, as a clerk runs it."""
    chitieu = str(Path(sys.executable).parent / "chitieu")
    cmd = [chitieu, "draft", str(SAMPLE), "--out", str(out), "--no-pdf", *more]
    return subprocess.run(cmd, capture_output=True, text=True)


def test_cli_draft_no_pdf(tmp_path: Path) -> None:
    proc = _cli_draft(tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "ke-hoach-152-KH-UBND.docx").is_file()
    assert len(list((tmp_path / "bieu-mau").glob("*.xlsx"))) == 9


def test_cli_bad_template_dir_is_one_vietnamese_line(tmp_path: Path) -> None:
    proc = _cli_draft(tmp_path, "--templates", str(tmp_path / "none"))
    assert proc.returncode == 5
    assert "Không tìm thấy mẫu" in proc.stderr and "Traceback" not in proc.stderr


def test_templates_survive_a_clerks_edit_and_resave(tmp_path: Path, plan: Plan) -> None:
    """Reword fixed text, let a tag be split across runs (as Word does), resave with
    LibreOffice: generation still works and prints the new wording."""
    from chitieu.draft import write_plan_docx
    from chitieu.render.pdf import soffice_binary
    from chitieu.render.template import TEMPLATES

    edited = tmp_path / "edited"
    edited.mkdir()
    splits = 0
    for name in ("ke-hoach.docx", "phieu-bao-cao.docx"):
        d = docx.Document(str(TEMPLATES / name))
        for p in d.paragraphs:
            if p.text == "Lưu ý:":
                p.runs[0].text = "Lưu ý khi thực hiện:"
            if p.text.startswith("(Kèm theo") and "{{ co_quan }}" in p.text and len(p.runs) == 1:
                run = p.runs[0]
                head, tail = run.text.split("{{ co_")
                run.text = head + "{{ co_"
                new = p.add_run("quan" + tail.removeprefix("quan"))
                new.italic = True
                splits += 1
        d.save(str(edited / name))
    assert splits == 2  # Phụ lục I and II reference lines
    resaved = tmp_path / "resaved"
    subprocess.run(
        [
            soffice_binary(),
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(resaved),
            str(edited / "ke-hoach.docx"),
            str(edited / "phieu-bao-cao.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    out = write_plan_docx(plan, tmp_path / "kh.docx", resaved)
    text = all_text(out)
    assert "Lưu ý khi thực hiện:" in text
    assert "của Ủy ban nhân dân quận Cầu Giấy)" in text
    assert "{{" not in text and "{%" not in text
    forms = write_return_forms(
        plan, tmp_path / "forms", [plan.unit_by_id["nghia-do"]], template_dir=resaved
    )
    form_doc = docx.Document(str(forms.by_kind["form_docx"][0]))
    assert "pic:pic" in form_doc.sections[0].first_page_footer._element.xml  # the QR code
    assert "Ủy ban nhân dân phường Nghĩa Đô báo cáo" in all_text(forms.by_kind["form_docx"][0])


def test_footnotes_in_the_plan_text(tmp_path: Path) -> None:
    from chitieu.draft import write_plan_docx

    text = SAMPLE.read_text(encoding="utf-8").replace(
        "đảm bảo phù hợp với công tác phòng, chống dịch bệnh Covid-19.",
        "đảm bảo phù hợp với công tác phòng, chống dịch bệnh Covid-19^[Theo Chỉ thị số 17/CT-UBND & {% if %} {{x}}.].",
    )
    plan = parse_plan(text, tmp_path / "plan.yaml")
    out = write_plan_docx(plan, tmp_path / "kh.docx")
    with zipfile.ZipFile(out) as z:
        notes = z.read("word/footnotes.xml").decode()
        body = z.read("word/document.xml").decode()
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert "Theo Chỉ thị số 17/CT-UBND &amp; {% if %} {{x}}." in notes
    assert 'w:footnoteReference w:id="1"' in body
    assert "wordprocessingml.footnotes+xml" in types and "footnotes.xml" in rels
    para = next(p for p in docx.Document(str(out)).paragraphs if "Covid-19" in p.text)
    assert "footnoteReference" in para._p.xml  # the reference sits in its own paragraph


def test_rate_indicator_and_roll_up_unit(tmp_path: Path) -> None:
    """A rate takes a 0–100 decimal; a roll-up unit's own target is not counted twice."""
    from chitieu.render.quota_annex import QuotaAnnex
    from chitieu.render.return_form import ReturnForm
    from chitieu.render.sheets import write_return_xlsx

    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace(
        "targets:\n",
        '  - {id: nghien, name: "Người nghiện có hồ sơ", measure: "người"}\n'
        '  - {id: ty_le, name: "Tỷ lệ cai nghiện", kind: rate, numerator: cntn, denominator: nghien}\n'
        "targets:\n  cau-giay: {hinh_su: 10}\n",
        1,
    )
    text = text.replace(
        "nghia-do:        {hinh_su: 01,", "nghia-do:        {ty_le: 12.5, hinh_su: 01,"
    )
    plan = parse_plan(text, tmp_path / "plan.yaml")
    annex = QuotaAnnex.of(plan)
    assert "cau-giay" not in [u.id for u in annex.units]
    assert annex.total(plan.indicator_by_id["hinh_su"]) == 10
    assert "- Tỷ lệ cai nghiện: 12,5%." in annex.sentences()
    form = ReturnForm(plan, plan.unit_by_id["nghia-do"], plan.main_period)
    wb = openpyxl.load_workbook(write_return_xlsx(form, tmp_path / "nd.xlsx"))
    kinds = sorted(dv.type for dv in wb["Báo cáo"].data_validations.dataValidation)
    assert kinds == ["decimal", "whole"]
