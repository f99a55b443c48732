"""A fax's row number read into its row's label does not leave the label unsure.

Where a fax lost the rule between the TT column and the labels, the row number is read
into the label: before it, "l Điều tra khám phá" (the "1" read "l"), or after the
label's first line, "Điều tra khám phá 1" (a wrapped label's first line, "hình sự" on
the next row). Either way the fuzzy match scored under `CONFIRM_BELOW` and, the label's
key not bearing it out (the label is cut short), the runner-up was named beside it: the
figure went to review as "tiêu đề cột không rõ ràng: có thể là hinh_su hoặc nd111"
(tune seeds 948, 1322, 2232). A leading "l" is a row number now, as "I" was; a trailing
row number counts for nothing when the label without it names the indicator surely. A
number of the indicator's own label is no row number.
Real Tesseract on the conditions grammar's seed 2232 as drawn; the matcher alone on the
labels as read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.headers import IndicatorMatcher
from tests.scan_case import drawn, read, silent

HEADER_DOUBT = "tiêu đề cột không rõ ràng"


def test_a_row_number_read_l_before_the_label() -> None:
    _g, plan, _case = drawn(948)
    m = IndicatorMatcher(plan).match("l Điều tra khám phá")
    assert m.indicator == "hinh_su" and not m.ambiguous


def test_a_row_number_read_after_a_wrapped_labels_first_line() -> None:
    _g, plan, _case = drawn(2232)
    matcher = IndicatorMatcher(plan)
    m = matcher.match("Điều tra khám phá 1")
    assert m.indicator == "hinh_su" and not m.ambiguous
    # a label that names nothing surely without its number stays as unsure as it was
    assert matcher.match("Cai nghiện 1").ambiguous
    # a decree's number is no row number
    assert matcher.match("Đưa đối tượng vào quản lý theo NĐ 94").indicator == "nd94"


@pytest.mark.slow
def test_a_fax_whose_labels_hold_their_row_numbers(tmp_path: Path) -> None:
    g, plan, case = drawn(2232)
    assert case.medium == "fax"
    got = read(g, plan, case, tmp_path)
    assert silent(case, got) == []
    assert got["hinh_su"].value == case.values["hinh_su"]
    assert HEADER_DOUBT not in (got["hinh_su"].note or "")
