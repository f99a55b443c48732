"""`extract_file` on every digital sample (xlsx, docx, text PDF) against its ground truth,
and the seed-000 annex exactly, from DOCX and from PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu.errors import UnreadableFileError
from chitieu.plan import Plan, load_plan
from chitieu.record import Extraction, Role
from extract import extract_file
from extract.accuracy import compare, load_truth

ROOT = Path(__file__).resolve().parent.parent
RETURNS = ROOT / "samples" / "returns"
DIGITAL = ("xlsx/", "docx/", "pdf/")


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(ROOT / "samples" / "cau-giay-2021" / "plan.yaml")


@pytest.fixture(scope="module")
def truth() -> dict:
    return load_truth(RETURNS)


@pytest.fixture(scope="module")
def results(plan: Plan, truth: dict) -> dict[str, Extraction]:
    out = {}
    for name, exp in truth.items():
        if name.startswith(DIGITAL) and exp.get("exit", 0) == 0:
            out[name] = extract_file(RETURNS / name, plan)
    return out


def _digital_names() -> list[str]:
    return sorted(
        n for n, e in load_truth(RETURNS).items() if n.startswith(DIGITAL) and e.get("exit", 0) == 0
    )


def test_every_format_has_samples() -> None:
    names = _digital_names()
    for prefix in DIGITAL:
        assert sum(n.startswith(prefix) for n in names) >= 7, prefix


@pytest.mark.parametrize("name", _digital_names())
def test_sample_matches_truth(name: str, results: dict[str, Extraction], truth: dict) -> None:
    got = results[name]
    exp = truth[name]
    score = compare(name, got, exp)
    assert score.silent == 0, score.details
    assert score.exact == score.expected, score.details
    assert score.missing == 0 and score.spurious == 0, score.details
    assert score.extra_flags == 0, score.details
    codes = {p.code for p in got.problems}
    assert set(exp["problems"]) == codes, [p.message for p in got.problems]
    for rec in got.records:
        want = next(
            r for r in exp["records"] if (r["unit"], r["indicator"]) == (rec.unit, rec.indicator)
        )
        assert rec.needs_review == want["needs_review"], (rec, want)
        assert rec.period == "2021-06"
        assert rec.where.cell, "every record says which cell it came from"
        if name.startswith("pdf/"):
            assert rec.where.page is not None and rec.where.bbox is not None


@pytest.mark.parametrize("name", ["docx/annex-152-cau-giay.docx", "pdf/annex-152-cau-giay.pdf"])
def test_seed_annex_gives_the_plan_targets_exactly(
    name: str, results: dict[str, Extraction], plan: Plan
) -> None:
    got = results[name]
    want = {(r.unit, r.indicator): r.value for r in plan.target_records()}
    have = {(r.unit, r.indicator): r.value for r in got.records}
    assert have == want
    assert all(r.role == Role.target and not r.needs_review for r in got.records)
    assert sum(have[(u, "hinh_su")] for u, _ in want if _ == "hinh_su") == 10


def test_ambiguous_total_and_prose_are_explained(results: dict[str, Extraction]) -> None:
    total = results["docx/bc-tong-hop-total-mismatch.docx"]
    flagged = [r for r in total.records if r.needs_review]
    assert {r.indicator for r in flagged} == {"nd111"}
    assert all("tổng" in (r.note or "") for r in flagged)
    prose = results["pdf/bc-mai-dich-prose-mismatch.pdf"]
    (cnbb,) = [r for r in prose.records if r.indicator == "cnbb"]
    assert cnbb.needs_review and "lời văn" in (cnbb.note or "")


def test_our_form_reads_its_declared_cells(results: dict[str, Extraction]) -> None:
    got = results["xlsx/form-quan-hoa.xlsx"]
    assert got.unit == "quan-hoa"
    assert [r.where.cell for r in got.records] == ["E8", "E9", "E10", "E11", "E12"]
    assert {r.where.sheet for r in got.records} == {"Báo cáo"}


@pytest.mark.parametrize(
    "name", sorted(n for n, e in load_truth(RETURNS).items() if e.get("exit") == 2)
)
def test_bad_input_is_refused_with_a_reason(name: str, plan: Plan) -> None:
    with pytest.raises(UnreadableFileError) as err:
        extract_file(RETURNS / name, plan)
    msg = err.value.message
    assert Path(name).name in msg and "\n" not in msg


def test_docx_letterhead_in_the_page_header(plan: Plan, tmp_path: Path) -> None:
    from docx import Document

    d = Document()
    d.sections[0].header.paragraphs[0].text = "UBND PHƯỜNG NGHĨA ĐÔ"
    d.add_paragraph("BÁO CÁO kết quả tháng 6/2021")
    t = d.add_table(rows=2, cols=3)
    for c, (head, value) in enumerate([("TT", "1"), ("CNBB", "02"), ("CNTN", "01")]):
        t.cell(0, c).text, t.cell(1, c).text = head, value
    path = tmp_path / "bc.docx"
    d.save(str(path))
    got = extract_file(path, plan)
    assert got.unit == "nghia-do"
    assert {(r.indicator, r.value, r.needs_review) for r in got.records} == {
        ("cnbb", 2, False),
        ("cntn", 1, False),
    }


def test_page_broken_table_keeps_every_row(results: dict[str, Extraction]) -> None:
    got = results["pdf/bc-tong-hop-2-trang.pdf"]
    assert len({r.where.page for r in got.records}) == 2
    assert len(got.records) == 40 and not any(r.needs_review for r in got.records)


def test_seed_plan_as_issued_gives_its_annex(plan: Plan) -> None:
    """The whole kế hoạch of seed 000 as issued (prose, assignments, then the annex)."""
    got = extract_file(
        ROOT / "samples" / "cau-giay-2021" / "as-issued" / "ke-hoach-152-as-issued.docx", plan
    )
    assert {(r.unit, r.indicator): r.value for r in got.records} == {
        (r.unit, r.indicator): r.value for r in plan.target_records()
    }
    assert all(r.role == Role.target and not r.needs_review for r in got.records)
