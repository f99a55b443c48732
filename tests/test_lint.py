"""ND30 lint on the seed-000 "as issued" sample and on variants that break one rule each."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Twips

from chitieu.errors import UnreadableFileError
from chitieu.lint import RULES, Severity, has_errors, lint_docx
from chitieu.plan import load_plan

sys.path.insert(0, str(Path(__file__).parent))
from lint_breaks import VARIANTS, month_padded

ROOT = Path(__file__).resolve().parent.parent
AS_ISSUED = ROOT / "samples" / "cau-giay-2021" / "as-issued"
SAMPLE = AS_ISSUED / "ke-hoach-152-as-issued.docx"
PLAN = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"
CHITIEU = Path(sys.executable).parent / "chitieu"


def _builder() -> Any:
    spec = importlib.util.spec_from_file_location("as_issued_build", AS_ISSUED / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed document rebuilt, with its two real mistakes corrected (13 → 08, 2020 → 2021)."""
    out = tmp_path_factory.mktemp("lint") / "corrected.docx"
    _builder().build(out)
    doc = docx.Document(str(out))
    for p in doc.paragraphs:
        for r in p.runs:
            if "vận động 13 người" in r.text:
                r.text = r.text.replace("vận động 13 người", "vận động 08 người")
            if "NĂM 2020" in r.text:
                r.text = r.text.replace("NĂM 2020", "NĂM 2021")
    doc.save(str(out))
    return out


def _variant(src: Path, tmp_path: Path, change: Callable[[Any], None]) -> Path:
    doc = docx.Document(str(src))
    change(doc)
    out = tmp_path / "variant.docx"
    doc.save(str(out))
    return out


def _rules(path: Path, **kw: Any) -> set[str]:
    return {f.rule_id for f in lint_docx(path, **kw) if f.severity == Severity.error}


# -- the sample as issued ----------------------------------------------------------------------


def test_as_issued_sample_has_exactly_its_two_real_mistakes() -> None:
    findings = lint_docx(SAMPLE)
    assert [f.rule_id for f in findings] == ["NQ.SO_LIEU", "NQ.NAM"]
    figure, year = findings
    assert figure.severity == year.severity == Severity.error
    assert "13" in figure.message_vi and "08" in figure.message_vi
    assert "Cai nghiện tự nguyện tại TT" in figure.message_vi
    assert "2020" in year.message_vi and "2021" in year.message_vi
    assert figure.where.startswith("đoạn ") and figure.fix_vi


def test_rule_by_rule_checklist_and_rule_validation() -> None:
    from chitieu.lint import Rule, results

    checklist = results(lint_docx(SAMPLE))
    assert [r.rule.code for r in checklist] == list(RULES)
    failed = [r.rule.code for r in checklist if not r.passed]
    assert failed == ["NQ.SO_LIEU", "NQ.NAM"]
    with pytest.raises(ValueError, match=r"ND30\.nn"):
        Rule("X1", "tiêu đề", Severity.error, "cách sửa")
    with pytest.raises(ValueError, match="fix"):
        Rule("ND30.99", "tiêu đề", Severity.error, "")


def test_as_issued_sample_against_its_plan_file_adds_nothing() -> None:
    findings = lint_docx(SAMPLE, plan=load_plan(PLAN))
    assert [f.rule_id for f in findings] == ["NQ.SO_LIEU", "NQ.NAM"]


def test_builder_reproduces_the_committed_sample(tmp_path: Path) -> None:
    out = _builder().build(tmp_path / "rebuilt.docx")
    assert [f.rule_id for f in lint_docx(out)] == ["NQ.SO_LIEU", "NQ.NAM"]
    rebuilt = [p.text for p in docx.Document(str(out)).paragraphs]
    committed = [p.text for p in docx.Document(str(SAMPLE)).paragraphs]
    assert rebuilt == committed


def test_corrected_document_is_clean(corrected: Path) -> None:
    assert lint_docx(corrected) == []


@pytest.mark.parametrize(
    ("change", "rule"), VARIANTS, ids=[c.__name__.strip("_") for c, _ in VARIANTS]
)
def test_each_broken_rule_is_found_and_only_it(
    corrected: Path, tmp_path: Path, change: Callable[[Any], None], rule: str | set[str]
) -> None:
    found = _rules(_variant(corrected, tmp_path, change))
    assert found == ({rule} if isinstance(rule, str) else rule), found


def test_total_row_first_is_read_too(corrected: Path, tmp_path: Path) -> None:
    def total_first(doc: Any) -> None:
        tbl = doc.tables[-1]._tbl
        rows = tbl.findall(qn("w:tr"))
        tbl.remove(rows[-1])
        rows[1].addnext(rows[-1])  # right under the two header rows

    moved = _variant(corrected, tmp_path, total_first)
    assert lint_docx(moved) == []
    again = _variant(
        moved,
        tmp_path,
        lambda d: d.tables[-1].rows[2].cells[6].paragraphs[0].runs[0].__setattr__("text", "09"),
    )
    assert _rules(again) == {"NQ.TONG", "NQ.SO_LIEU"}  # 09 ≠ 8 rows of 01, and ≠ the text's 08


def test_findings_say_where_and_how_to_fix(corrected: Path, tmp_path: Path) -> None:
    [finding] = lint_docx(_variant(corrected, tmp_path, month_padded))
    assert finding.where == "bảng 1, hàng 1, ô 2"
    assert "tháng 05" in finding.message_vi
    assert finding.fix_vi == RULES["ND30.07"].instruction


def test_plan_file_disagreement_is_reported(corrected: Path, tmp_path: Path) -> None:
    plan_text = PLAN.read_text(encoding="utf-8").replace(
        "nghia-do:        {hinh_su: 01", "nghia-do:        {hinh_su: 03"
    )
    plan_text = plan_text.replace('number: "152/KH-UBND"', 'number: "153/KH-UBND"')
    other = tmp_path / "plan.yaml"
    other.write_text(plan_text, encoding="utf-8")
    findings = [
        f for f in lint_docx(corrected, plan=load_plan(other)) if f.rule_id == "NQ.KE_HOACH"
    ]
    messages = " | ".join(f.message_vi for f in findings)
    assert "153/KH-UBND" in messages
    assert "Nghĩa Đô" in messages and "03" in messages  # the unit's own figure
    assert "12" in messages  # the plan's new total for hình sự
    assert lint_docx(corrected, plan=load_plan(PLAN)) == []


def test_landscape_is_only_a_warning_for_a_section_with_a_table(
    corrected: Path, tmp_path: Path
) -> None:
    def landscape_annex(doc: Any) -> None:
        s = doc.sections[-1]
        s.page_width, s.page_height = Twips(16838), Twips(11906)

    findings = lint_docx(_variant(corrected, tmp_path, landscape_annex))
    assert [(f.rule_id, f.severity) for f in findings] == [("ND30.01", Severity.warning)]
    assert not has_errors(findings)


def test_unreadable_files_raise_with_a_reason(tmp_path: Path) -> None:
    empty = tmp_path / "rong.docx"
    empty.write_bytes(b"")
    text = tmp_path / "van-ban.docx"
    text.write_text("không phải docx", encoding="utf-8")
    for path, reason in (
        (empty, "rỗng"),
        (text, "không phải tệp Word"),
        (tmp_path / "x.docx", "không tìm thấy"),
    ):
        with pytest.raises(UnreadableFileError, match=reason):
            lint_docx(path)


# -- CLI ---------------------------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHITIEU), "lint", *args], capture_output=True, text=True, check=False
    )


def test_cli_exit_codes_and_json(corrected: Path, tmp_path: Path) -> None:
    r = _cli(str(SAMPLE), "--json", "--plan", str(PLAN))
    assert r.returncode == 1, r.stderr
    payload = json.loads(r.stdout)
    assert payload["errors"] == 2 and payload["warnings"] == 0
    assert {f["rule_id"] for f in payload["findings"]} == {"NQ.SO_LIEU", "NQ.NAM"}
    assert set(payload["findings"][0]) == {"rule_id", "severity", "where", "message", "fix"}
    r = _cli(str(SAMPLE))
    assert r.returncode == 1 and "NQ.NAM" in r.stdout and "2 lỗi" in r.stdout
    r = _cli(str(corrected))
    assert r.returncode == 0 and "không phát hiện lỗi" in r.stdout
    r = _cli("--rules")
    assert r.returncode == 0 and len(r.stdout.splitlines()) >= len(RULES)
    assert "ND30.13 (lỗi): Nơi nhận" in r.stdout
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    r = _cli(str(broken))
    assert r.returncode == 2 and "hong.docx" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
