"""A standard fax's decree labels read with their numbers damaged are named all the same.

At 150 dpi with half the rows, a fax's "NĐ111/CP" comes out "NĐH LCP", "NĐIIICP",
"NÐI Ì LCP" or "NDILI1/CP" (its ones read as letters, run into "NĐ" or "CP"), and
"NĐ94/CP" "NÐ)4/CP". A damaged number decides nothing alone: such a label was left
between nd111 and nd94 and its figure went to review, or its row went missing.
- A label with the decree's frame and no number read in it is named by its table when
  another label names the other decree soundly (tune seed 1282: "NĐH LCP" beside
  "NĐ94/CP", nd111 "13").
- The ones of a decree's number read as I or l are its number, and two damaged labels
  one edit each from a different decree leave each other the one they are near (tune
  seed 974: "NDILI1/CP" and "NÐ)4/CP", nd111 "09" and nd94 "14").
- Two ones joined into an "H" ("NĐIH1:CP", tune seed 1024's two-level PDF fax, nd111
  "10"): the count of ones is unsure, so the label is the decree's frame with no number
  read, its stray "1" too, and the table decides as above.
Real Tesseract on the conditions grammar's seeds as drawn (standard faxes, no seal over
the figures); the matcher alone on the labels as read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract import extract_file
from extract.headers import IndicatorMatcher

sc = load_grammar()
REST = ["Điều tra khám phá hình sự", "Lập hồ sơ đưa CNBB"]


def _read(seed: int, tmp_path: Path) -> tuple[dict, dict]:
    """The standard fax of `seed` read: its records by indicator, and its true values."""
    plan = load_plan(sc.PLAN_PATH)
    case = sc.draw_case(plan, seed)
    assert case.medium == "fax" and "stamp-on-figures" not in case.tags()
    assert "px<1800" in case.tags()  # a standard-resolution fax
    pdfs = sc.build_sources(plan, [case], tmp_path)
    fax = sc.render_case(case, pdfs[case.seed], tmp_path, tmp_path)
    got = {r.indicator: r for r in extract_file(fax, plan).records if r.unit == case.unit}
    assert [i for i, r in got.items() if not r.needs_review and r.value != case.values[i]] == []
    return got, case.values


@pytest.mark.slow
def test_a_fax_decree_label_without_its_number_is_named_by_its_table(tmp_path: Path) -> None:
    got, values = _read(1282, tmp_path)
    assert "nd111" in got and got["nd111"].value == values["nd111"]
    assert not got["nd111"].needs_review


@pytest.mark.slow
def test_two_damaged_decree_labels_of_a_fax_are_read(tmp_path: Path) -> None:
    got, values = _read(974, tmp_path)
    for ind in ("nd111", "nd94"):
        assert ind in got and got[ind].value == values[ind]


def test_the_other_decree_named_soundly_decides_and_nothing_else() -> None:
    plan = load_plan(sc.PLAN_PATH)
    damaged = "Đưa đối tượng vào quản lý theo NĐH LCP"
    assert IndicatorMatcher(plan).within([damaged, *REST]).match(damaged).ambiguous
    sound = "Đưa đối tượng vào quản lý theo NĐ94/CP"
    told = IndicatorMatcher(plan).within([damaged, sound, *REST]).match(damaged)
    assert told.indicator == "nd111" and not told.ambiguous
    # a label without the decree's frame is not taken for it
    bare = "Đưa đối tượng vào quản lý"
    assert IndicatorMatcher(plan).within([bare, sound, *REST]).match(bare).ambiguous


def test_ones_read_as_letters_and_two_damaged_decrees() -> None:
    plan = load_plan(sc.PLAN_PATH)
    ones = "Đưa đối tượng vào quản lý theo NÐI Ì LCP"
    assert IndicatorMatcher(plan).match(ones).indicator == "nd111"
    eleven = "Đưa đối tượng vào quản lý theo NHI1I1:CP"
    four = "Đưa đối tượng vào quản lý theo NĐS4CP"
    both = IndicatorMatcher(plan).within([eleven, four, *REST])
    assert both.match(eleven).indicator == "nd111" and not both.match(eleven).ambiguous
    assert both.match(four).indicator == "nd94" and not both.match(four).ambiguous
    # one of them alone, the other decree named by no label: undecided as before
    alone = IndicatorMatcher(plan).within([four, *REST]).match(four)
    assert alone.indicator is None or alone.ambiguous


def test_ones_joined_into_an_h_leave_the_decree_to_its_table() -> None:
    plan = load_plan(sc.PLAN_PATH)
    joined = "2 Đưa đãi tượng vào quản !ý theo NĐIH1:CP"
    sound = "3 Đưa đối tượng vào quản lý theo NĐ94/CP"
    alone = IndicatorMatcher(plan).match(joined)
    assert alone.indicator is None or alone.ambiguous
    told = IndicatorMatcher(plan).within([joined, sound, *REST]).match(joined)
    assert told.indicator == "nd111" and not told.ambiguous
    # its H is no number: a damaged decree whose ones hold an H is never named alone
    other = "Đưa đối tượng vào quản lý theo NĐHI:CP"
    assert IndicatorMatcher(plan).match(other).ambiguous


@pytest.mark.slow
def test_a_two_level_fax_pdf_with_its_ones_read_h(tmp_path: Path) -> None:
    got, values = _read(1024, tmp_path)
    assert "nd111" in got and got["nd111"].value == values["nd111"]
