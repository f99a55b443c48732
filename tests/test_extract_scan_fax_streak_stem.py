"""A fax streak that ran down a "1"'s stem leaves its foot serif, which the page OCR reads
as a dash before the figure: "-2" for "12" is not a figure to confirm (issue 10).

The streak's fill takes a stroke lying inside the streak (paper on both sides of it) and
keeps one crossing it: of the "1" of "12" only the foot serif stays, a "_" left of the
"2". The re-reads read "2"; the page's own digit shapes (`glyphs`) then confirmed "2":
the ink stands one digit apart, and "2" was proposed. A count has no sign: a dash joined
to the digits' front is a mark beside them, like a seal's letter ("§9"), and such a
figure stays flagged. Real Tesseract; the grammar's case as drawn.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import scan_case

from extract.ocr.confidence import marks_beside_digits


@pytest.mark.parametrize(("page_text", "marked"), [("-2", True), ("-12", True), ("\u20132", True)])
def test_a_dash_joined_to_the_digits_front_is_a_mark(page_text: str, marked: bool) -> None:
    assert marks_beside_digits(page_text) is marked


@pytest.mark.parametrize("page_text", ["12", "- 2", "2-", "-", "I2", "_01"])
def test_digits_alone_or_a_dash_apart_are_not(page_text: str) -> None:
    assert not marks_beside_digits(page_text)


@pytest.mark.slow
def test_a_fax_whose_streak_took_a_ones_stem_flags_the_figure(tmp_path: Path) -> None:
    """The grammar's tune seed 15058 as drawn: a streak down the "1" of nd111's "12";
    "2" was read sure. Now no figure of the case is wrong unflagged."""
    g, plan, case = scan_case.drawn(15058)
    assert case.medium == "fax" and case.conditions["streaks"]
    got = scan_case.read(g, plan, case, tmp_path)
    want = case.values
    assert want["nd111"] == 12
    assert "nd111" in got and (got["nd111"].needs_review or got["nd111"].value == 12)
    assert scan_case.silent(case, got) == []
    # the other figures the streak crossed are still read
    assert sum(not r.needs_review and r.value == want[i] for i, r in got.items()) >= 3
