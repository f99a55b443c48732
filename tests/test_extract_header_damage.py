"""Column roles from header words damaged by OCR (issue 10): the damage grammar of
samples/returns/header_damage.py, both halves by seed, at the level of the functions
that decide roles (`role_of`, `read_table`), and one return through `extract_file`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from chitieu.plan import Plan, load_plan
from extract import extract_file
from extract.damaged_words import DamagedWords
from extract.roles import ColumnRole, role_of

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.header_damage import measure, measure_tables  # noqa: E402


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(ROOT / "samples" / "cau-giay-2021" / "plan.yaml")


@pytest.mark.parametrize("half", ["tune", "test"])
def test_damaged_headers_never_name_a_wrong_role(half: str) -> None:
    c = measure(range(0, 800), half)
    assert c["wrong"] == 0 and c["silent"] == 0, c
    assert c["right"] >= 0.95 * sum(c.values()), c


@pytest.mark.parametrize("half", ["tune", "test"])
def test_damaged_header_tables_read_without_silent_errors(half: str) -> None:
    c = measure_tables(range(0, 200), half)
    assert c["silent"] == 0, c
    assert c["exact"] >= 0.95 * sum(c.values()), c


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Kết quả thực", ColumnRole.result),  # cut short
        ("Kêt qua thưc hiên", ColumnRole.result),  # marks lost and wrong
        ("Kếtquả thực\nhiện", ColumnRole.result),  # merged and split
        ("| Ket qua thuc hlen", ColumnRole.result),  # a rule, l for i
        ("Chỉ tiêu gia", ColumnRole.target),
        ("Tỷlệ (%)", ColumnRole.rate),
        ("Thực hiệ", ColumnRole.result),  # the base phrase, not "Thực hiện cùng kỳ"
        ("Kết q", None),  # too little left to say
        ("Số vụ", None),
    ],
)
def test_damaged_header_role(text: str, role: ColumnRole | None) -> None:
    assert role_of(text) == role


def test_damage_close_to_two_roles_names_nothing() -> None:
    words = DamagedWords({"abcdefgh": 1, "abcdefgx": 2})
    assert words.find("abcdefgh") == 1
    assert words.find("abcdefgz") is None  # one edit from both: not guessed
    assert words.find("abcdef") is None  # a prefix of both


def _docx(path: Path, head: list[str], rows: list[list[str]]) -> Path:
    from docx import Document

    d = Document()
    d.add_paragraph("UBND PHƯỜNG DỊCH VỌNG HẬU")
    d.add_paragraph("BÁO CÁO Kết quả thực hiện Tháng hành động phòng, chống ma túy tháng 6/2021")
    t = d.add_table(rows=1 + len(rows), cols=len(head))
    for r, row in enumerate([head, *rows]):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    d.save(str(path))
    return path


NAMES = {
    "hinh_su": "Điều tra khám phá hình sự",
    "cnbb": "Lập hồ sơ đưa CNBB",
    "cntn": "Cai nghiện tự nguyện tại TT",
}
VALUES = {"hinh_su": 4, "cnbb": 2, "cntn": 7}
ROWS = [[str(n), NAMES[i], "1", str(VALUES[i]), ""] for n, i in enumerate(NAMES, start=1)]


def test_return_with_damaged_result_header_reads_its_results(plan: Plan, tmp_path: Path) -> None:
    """Before: the TT column (header "T T") was taken as the results, flagged."""
    head = ["T T", "Nôi dung chi tiêu", "Chỉ tiêu gia", "Kêt qua thưc", "Ghi ch"]
    got = extract_file(_docx(tmp_path / "bc.docx", head, ROWS), plan)
    assert got.unit == "dich-vong-hau"
    assert {(r.indicator, r.value, r.needs_review) for r in got.records} == {
        (i, v, False) for i, v in VALUES.items()
    }


def test_unreadable_result_header_beside_row_numbers_is_flagged(plan: Plan, tmp_path: Path) -> None:
    """Neither the TT header nor the result header says anything: the row numbers are
    never the figures, and the column taken instead is for a person to confirm."""
    head = ["T T", "Nôi dung chi tiêu", "Chỉ tiêu gia", "Kêt q", "Ghi ch"]
    got = extract_file(_docx(tmp_path / "bc.docx", head, ROWS), plan)
    assert {(r.indicator, r.value, r.needs_review) for r in got.records} == {
        (i, v, True) for i, v in VALUES.items()
    }


def test_result_header_cut_over_two_rows_is_read(plan: Plan, tmp_path: Path) -> None:
    """Rules lost between header lines: each row holds part of one header."""
    from docx import Document

    d = Document()
    d.add_paragraph("UBND PHƯỜNG DỊCH VỌNG HẬU")
    d.add_paragraph("BÁO CÁO Kết quả thực hiện Tháng hành động phòng, chống ma túy tháng 6/2021")
    head = [
        ["T", "Nội dung", "Chỉ tiêu", "Kết", "Ghi"],
        ["T", "chỉ tiêu", "giao", "quả thực hiện", "chú"],
    ]
    t = d.add_table(rows=2 + len(ROWS), cols=5)
    for r, row in enumerate([*head, *ROWS]):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    path = tmp_path / "bc.docx"
    d.save(str(path))
    got = extract_file(path, plan)
    assert {(r.indicator, r.value, r.needs_review) for r in got.records} == {
        (i, v, False) for i, v in VALUES.items()
    }
