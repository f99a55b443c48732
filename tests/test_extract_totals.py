"""Totals over their parts in returns nobody here wrote (issue 9, class 3): a group total
and its sub-rows against their parts, a total over the indicators the plan declares it
over, "trong đó" rows, role rows under a "Chỉ tiêu" column (split from
test_extract_values.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from chitieu.plan import parse_plan

sys.path.insert(0, str(Path(__file__).parent))
from small_returns import PLAN, return_xlsx


def test_group_total_and_sub_rows_against_their_parts(tmp_path: Path) -> None:
    from extract import extract_file

    plan = parse_plan(PLAN)
    group = [
        ["TT", "Đơn vị", "Lập hồ sơ đưa CNBB", None, None],
        [None, None, "Tổng số", "Nam", "Nữ"],
        [1, "Quan Hoa", 6, 4, 1],
    ]
    got = extract_file(
        return_xlsx(tmp_path / "g.xlsx", ["UBND PHƯỜNG QUAN HOA"], group, "C3:E3"), plan
    )
    assert [(r.value, r.needs_review) for r in got.records] == [(6, True)]
    assert "total_mismatch" in {p.code for p in got.problems}
    sub = [
        ["TT", "Nội dung", "Kết quả"],
        [1, "Lập hồ sơ đưa CNBB", 6],
        [None, "Trong đó: - Nam", 5],
        [None, "- Nữ", 1],
        [2, "Cai nghiện tự nguyện", 2],
        [None, "Trong đó:", None],
        [None, "- Nam", 2],
        [None, "- Nữ", 1],
    ]
    got = extract_file(return_xlsx(tmp_path / "s.xlsx", ["UBND PHƯỜNG QUAN HOA"], sub), plan)
    assert {(r.indicator, r.value, r.needs_review) for r in got.records} == {
        ("cnbb", 6, False),
        ("cntn", 2, True),
    }
    assert [p.code for p in got.problems].count("total_mismatch") == 1


FAMILY = PLAN.replace(
    "indicators:\n",
    'indicators:\n  - {id: cai_nghien, name: "Tổng số người được cai nghiện ma túy"}\n',
).replace(
    '  - {id: cnbb, name: "Lập hồ sơ đưa CNBB", measure: "người"}\n'
    '  - {id: cntn, name: "Cai nghiện tự nguyện", measure: "người"}',
    '  - {id: cnbb, name: "Cai nghiện bắt buộc", measure: "người", parent: cai_nghien}\n'
    '  - {id: cntn, name: "Cai nghiện tự nguyện", measure: "người", parent: cai_nghien}',
)


@pytest.mark.parametrize("stated", [5, 6])
def test_a_group_total_over_indicators_it_is_declared_over(tmp_path: Path, stated: int) -> None:
    """ "Cai nghiện ma túy": Tổng số / Tự nguyện / Bắt buộc — the total is the indicator the
    plan declares the others under, and it must equal their sum."""
    from extract import extract_file

    plan = parse_plan(FAMILY)
    rows: list[list[object]] = [
        ["TT", "Đơn vị", "Cai nghiện ma túy", None, None],
        [None, None, "Tổng số", "Tự nguyện", "Bắt buộc"],
        [1, "Quan Hoa", stated, 2, 3],
    ]
    got = extract_file(
        return_xlsx(tmp_path / "g.xlsx", ["UBND PHƯỜNG QUAN HOA"], rows, "C3:E3"), plan
    )
    values = {r.indicator: (r.value, r.needs_review) for r in got.records}
    wrong = stated != 5
    assert values == {"cai_nghien": (stated, wrong), "cntn": (2, wrong), "cnbb": (3, wrong)}
    assert ("total_mismatch" in {p.code for p in got.problems}) is wrong


def test_trong_do_rows_declared_in_the_plan_make_up_the_total(tmp_path: Path) -> None:
    from extract import extract_file

    plan = parse_plan(FAMILY)
    rows: list[list[object]] = [
        ["TT", "Chỉ tiêu", "Kết quả"],
        [1, "Tổng số người được cai nghiện ma túy", 13],
        [None, "Trong đó: cai nghiện tự nguyện", 5],
        [None, "- cai nghiện bắt buộc", 6],
    ]
    got = extract_file(return_xlsx(tmp_path / "t.xlsx", ["UBND PHƯỜNG QUAN HOA"], rows), plan)
    assert {r.indicator: (r.value, r.needs_review) for r in got.records} == {
        "cai_nghien": (13, True),
        "cntn": (5, True),
        "cnbb": (6, True),
    }
    assert "total_mismatch" in {p.code for p in got.problems}


def test_role_rows_under_a_chi_tieu_column_and_gender_columns_down(tmp_path: Path) -> None:
    """ "Chỉ tiêu" over words labels the rows (it is no target column); down the rows, a
    Tổng số column is checked against its Nam and Nữ columns."""
    from extract import extract_file

    plan = parse_plan(PLAN.replace("2021-06-01, end: 2021-06-30", "2022-01-01, end: 2022-12-31"))
    rows: list[list[object]] = [
        ["TT", "Chỉ tiêu", "Lập hồ sơ đưa CNBB", "Cai nghiện tự nguyện"],
        [1, "Cùng kỳ năm 2021", 25, 6],
        [2, "Năm 2022", 5, 8],
        [3, "So sánh", -20, 2],
    ]
    got = extract_file(return_xlsx(tmp_path / "r.xlsx", ["UBND PHƯỜNG QUAN HOA"], rows), plan)
    assert {(r.indicator, r.value, r.needs_review) for r in got.records} == {
        ("cnbb", 5, False),
        ("cntn", 8, False),
    }
    down: list[list[object]] = [
        ["TT", "Chỉ tiêu", "Tổng số", "Nam", "Nữ"],
        [1, "Lập hồ sơ đưa CNBB", 4, 3, 2],
        [2, "Cai nghiện tự nguyện", 2, 2, 0],
    ]
    got = extract_file(return_xlsx(tmp_path / "d.xlsx", ["UBND PHƯỜNG QUAN HOA"], down), plan)
    assert {(r.indicator, r.value, r.needs_review) for r in got.records} == {
        ("cnbb", 4, True),
        ("cntn", 2, False),
    }
