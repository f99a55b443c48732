"""A standard fax's two decree labels, both damaged, name one another's decree.

At 150 dpi with half the rows, "NĐ111/CP" comes out "NDILI1/CP" or "NÐI Ì LCP" (its
ones read as letters, run into "NĐ" or "CP") and "NĐ94/CP" "NÐ)4/CP". Each alone was
left between nd111 and nd94 (a damaged number decides nothing) and, the other decree's
label damaged too, no table label named the other soundly: both rows went missing.
The ones of a decree's number read as I or l are its number, and two damaged labels one
edit each from a different decree leave each other the one they are near. Real
Tesseract on the conditions grammar's tune seed 974 as drawn (a standard fax, no seal
over the figures): nd111 "09" and nd94 "14" are read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract import extract_file
from extract.headers import IndicatorMatcher

sc = load_grammar()


@pytest.mark.slow
def test_two_damaged_decree_labels_of_a_fax_are_read(tmp_path: Path) -> None:
    plan = load_plan(sc.PLAN_PATH)
    case = sc.draw_case(plan, 974)
    assert case.medium == "fax" and "stamp-on-figures" not in case.tags()
    assert "px<1800" in case.tags()  # a standard-resolution fax
    pdfs = sc.build_sources(plan, [case], tmp_path)
    fax = sc.render_case(case, pdfs[case.seed], tmp_path, tmp_path)
    got = {r.indicator: r for r in extract_file(fax, plan).records if r.unit == case.unit}
    assert [i for i, r in got.items() if not r.needs_review and r.value != case.values[i]] == []
    for ind in ("nd111", "nd94"):
        assert ind in got and got[ind].value == case.values[ind]


def test_ones_read_as_letters_and_two_damaged_decrees() -> None:
    plan = load_plan(sc.PLAN_PATH)
    ones = "Đưa đối tượng vào quản lý theo NÐI Ì LCP"
    assert IndicatorMatcher(plan).match(ones).indicator == "nd111"
    eleven, four = (
        "Đưa đối tượng vào quản lý theo NHI1I1:CP",
        "Đưa đối tượng vào quản lý theo NĐS4CP",
    )
    rest = ["Điều tra khám phá hình sự", "Lập hồ sơ đưa CNBB"]
    both = IndicatorMatcher(plan).within([eleven, four, *rest])
    assert both.match(eleven).indicator == "nd111" and not both.match(eleven).ambiguous
    assert both.match(four).indicator == "nd94" and not both.match(four).ambiguous
    # one of them alone, the other decree named by no label: undecided as before
    alone = IndicatorMatcher(plan).within([four, *rest])
    assert alone.match(four).indicator is None or alone.match(four).ambiguous
