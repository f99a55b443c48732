"""A standard fax's decree label with its number unread is named by its table.

At 150 dpi with half the rows, a fax's "NĐ111/CP" comes out "NĐH LCP" or "NĐIIICP": the
frame of a decree reference, no number in it. The fuzzy match leaves it between the two
indicators that differ by decree only (nd111, nd94), and the figure went to review
("tiêu đề cột không rõ ràng"). When another label of the same table names the other
decree soundly ("NĐ94/CP"), the one left is the label's. Real Tesseract on the
conditions grammar's tune seed 1282 as drawn (a standard fax, no seal over the figures):
its nd111 "13" is read sure. The matcher alone: a table without the other decree's
label leaves the damaged one undecided.
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
def test_a_fax_decree_label_without_its_number_is_named_by_its_table(tmp_path: Path) -> None:
    plan = load_plan(sc.PLAN_PATH)
    case = sc.draw_case(plan, 1282)
    assert case.medium == "fax" and "stamp-on-figures" not in case.tags()
    assert "px<1800" in case.tags()  # a standard-resolution fax
    pdfs = sc.build_sources(plan, [case], tmp_path)
    fax = sc.render_case(case, pdfs[case.seed], tmp_path, tmp_path)
    got = {r.indicator: r for r in extract_file(fax, plan).records if r.unit == case.unit}
    assert [i for i, r in got.items() if not r.needs_review and r.value != case.values[i]] == []
    assert "nd111" in got and got["nd111"].value == case.values["nd111"]
    assert not got["nd111"].needs_review


def test_the_other_decree_named_soundly_decides_and_nothing_else() -> None:
    plan = load_plan(sc.PLAN_PATH)
    damaged = "Đưa đối tượng vào quản lý theo NĐH LCP"
    rest = ["Điều tra khám phá hình sự", "Lập hồ sơ đưa CNBB"]
    alone = IndicatorMatcher(plan).within([damaged, *rest]).match(damaged)
    assert alone.ambiguous
    sound = "Đưa đối tượng vào quản lý theo NĐ94/CP"
    told = IndicatorMatcher(plan).within([damaged, sound, *rest]).match(damaged)
    assert told.indicator == "nd111" and not told.ambiguous
    # a label without the decree's frame is not taken for it
    bare = "Đưa đối tượng vào quản lý"
    assert IndicatorMatcher(plan).within([bare, sound, *rest]).match(bare).ambiguous
