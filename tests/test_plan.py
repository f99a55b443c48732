"""Plan files: every mistake a clerk can make is reported, each naming its line."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from chitieu.errors import PlanError
from chitieu.plan import load_plan, parse_plan

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"

# A small valid plan. Line numbers matter: the tests below name them.
BASE = """\
document:
  number: "15/KH-UBND"
  date: 2021-05-31
  place: "Cầu Giấy"
  issuer: "ỦY BAN NHÂN DÂN PHƯỜNG QUAN HOA"
  title: "Tháng hành động phòng, chống ma túy"
period: {start: 2021-06-01, end: 2021-06-30}
report_deadline: 2021-07-02
units:
  - {id: to-1, name: "Tổ dân phố 1"}
  - {id: to-2, name: "Tổ dân phố 2"}
indicators:
  - {id: hinh_su, name: "Điều tra khám phá hình sự", measure: "vụ"}
  - {id: cnbb, name: "Cai nghiện bắt buộc", measure: "người"}
targets:
  to-1: {hinh_su: 1, cnbb: 2}
  to-2: {hinh_su: 3, cnbb: 0}
"""


def _errors(text: str) -> PlanError:
    with pytest.raises(PlanError) as info:
        parse_plan(text, "kh.yaml")
    return info.value


def _line(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_base_plan_is_valid() -> None:
    plan = parse_plan(BASE, "kh.yaml")
    assert plan.total_target("hinh_su") == 4
    assert plan.target("to-1", "cnbb") == 2
    assert plan.main_period.key == "2021-06"


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        # a target for an undeclared unit
        ("  to-2: {hinh_su: 3", "  to-9: {hinh_su: 3", 17, "'to-9' không có trong danh sách units"),
        # a target for an undeclared indicator
        (
            "to-1: {hinh_su: 1, cnbb: 2}",
            "to-1: {hinh_su: 1, cntn: 2}",
            16,
            "'cntn' không có trong danh sách indicators",
        ),
        # duplicate unit id
        (
            '{id: to-2, name: "Tổ dân phố 2"}',
            '{id: to-1, name: "Tổ dân phố 2"}',
            11,
            "bị trùng (đã khai báo ở dòng 10)",
        ),
        # duplicate indicator id
        ('{id: cnbb, name: "Cai', '{id: hinh_su, name: "Cai', 14, "'hinh_su' bị trùng"),
        # a negative target
        ("cnbb: 0}", "cnbb: -1}", 17, "số âm"),
        # a fractional target for a count
        ("hinh_su: 3,", "hinh_su: 2.5,", 17, "không phải số nguyên"),
        # a target that is not a number
        ("hinh_su: 3,", "hinh_su: ba,", 17, "'ba' không phải là số"),
        # a date that is not a date
        ("  date: 2021-05-31", "  date: 31/13/2021", 3, "không phải ngày hợp lệ"),
        # a report deadline on the period's first day (before its end is allowed: estimates)
        (
            "report_deadline: 2021-07-02",
            "report_deadline: 2021-06-01",
            8,
            "hạn báo cáo 01/06/2021 không sau ngày bắt đầu kỳ 01/06/2021",
        ),
        # a period that ends before it starts
        (
            "end: 2021-06-30}",
            "end: 2021-05-30}",
            7,
            "kỳ kết thúc (30/05/2021) trước khi bắt đầu (01/06/2021)",
        ),
        # malformed YAML: the line where the parser stopped
        (
            '  - {id: to-2, name: "Tổ dân phố 2"}',
            '  - {id: to-2, name: "Tổ dân phố 2"',
            12,
            "lỗi cú pháp YAML",
        ),
    ],
    ids=[
        "undeclared-unit",
        "undeclared-indicator",
        "duplicate-unit",
        "duplicate-indicator",
        "negative",
        "fractional",
        "not-a-number",
        "bad-date",
        "deadline-on-first-day",
        "end-before-start",
        "malformed-yaml",
    ],
)
def test_each_error_names_its_line(old: str, new: str, line: int, words: str) -> None:
    err = _errors(_line(BASE, old, new))
    matching = [i for i in err.issues if words in i.message]
    assert len(matching) == 1, err.message
    (issue,) = matching
    assert issue.line == line, err.message
    assert words in issue.message, err.message
    assert f"kh.yaml, dòng {line}" in err.message


def test_several_errors_are_all_reported() -> None:
    text = _line(BASE, "  to-2: {hinh_su: 3", "  to-9: {hinh_su: 3")
    text = _line(text, "cnbb: 2}", "cnbb: -2}")
    text = _line(text, "  date: 2021-05-31", "  date: hôm qua")
    err = _errors(text)
    assert [i.line for i in err.issues] == [3, 16, 17]
    assert "có 3 lỗi" in err.message


def test_names_come_back_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Tổ dân phố 1")
    assert decomposed != "Tổ dân phố 1"
    plan = parse_plan(BASE.replace("Tổ dân phố 1", decomposed), "kh.yaml")
    assert plan.unit_by_id["to-1"].name == "Tổ dân phố 1"
    assert unicodedata.is_normalized("NFC", plan.document.issuer)


def test_sample_plan_loads() -> None:
    plan = load_plan(SAMPLE)
    assert [plan.total_target(i.id) for i in plan.indicators] == [10, 8, 8, 6, 8]
    assert plan.main_period.key == "2021-06"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).parent / "chitieu"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "LANG": "C.UTF-8"},
    )


def test_cli_plan_check_prints_the_totals() -> None:
    out = _cli("plan", "check", str(SAMPLE))
    assert out.returncode == 0, out.stderr
    rows = {ln.split("│")[1].strip(): ln for ln in out.stdout.splitlines() if ln.count("│") >= 4}
    totals = {k: v.split("│")[-2].strip() for k, v in rows.items() if k}
    assert totals == {"hinh_su": "10", "nd111": "8", "nd94": "8", "cnbb": "6", "cntn": "8"}


def test_cli_wrong_unit_id_exits_nonzero_naming_the_line(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    lines = text.splitlines()
    n = next(i for i, ln in enumerate(lines) if ln.startswith("  quan-hoa:"))
    lines[n] = lines[n].replace("quan-hoa:", "quan-hao:")
    bad = tmp_path / "plan.yaml"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = _cli("plan", "check", str(bad))
    assert out.returncode != 0
    assert f"dòng {n + 1}" in out.stderr and "'quan-hao'" in out.stderr
    assert "Traceback" not in out.stderr


def test_full_name_prefixes_only_administrative_kinds() -> None:
    plan = load_plan(SAMPLE)
    names = {u.id: u.full_name for u in plan.units}
    assert names["quan-hoa"] == "Phường Quan Hoa"
    assert names["cau-giay"] == "Quận Cầu Giấy"
    assert names["doi-csdt-ma-tuy"] == "Đội CSĐTTP về Ma Túy"
