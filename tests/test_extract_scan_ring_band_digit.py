"""A grey seal's ring along a figure's first digit (issue 10): its arc over the "0" of
"09" reads "6" on the wiped page, "69" by both re-reads, while the page OCR read "ũ9".
With the ring's band taken out the cell reads "9", unsure: it used to be no opinion, and
"69" passed (typefaces-tune3 570, silent). A band-out read that is the re-read less its
first digit now sends the figure to the grey-only check; not a "1", which a band along
its one stroke takes whole. Real Tesseract; the grammar's case as drawn.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import scan_case

from extract.ocr.figure_reads import _digit_dropped


def test_only_a_first_digit_other_than_one_dropped_counts() -> None:
    assert _digit_dropped("9", "69")
    assert _digit_dropped("25", "825")
    assert not _digit_dropped("4", "14")  # a band along a "1" takes it whole
    assert not _digit_dropped("37", "137")
    assert not _digit_dropped("6", "69")  # the last digit: another damage
    assert not _digit_dropped("", "6")
    assert not _digit_dropped("9", "9")
    assert not _digit_dropped("1778", "178")


@pytest.mark.slow
def test_a_zero_under_a_rings_arc_is_not_read_six_surely(tmp_path: Path) -> None:
    g, plan, case = scan_case.drawn(570, "typefaces")
    assert case.medium == "scan" and "stamp-on-figures" in case.tags()
    assert case.values["hinh_su"] == 9
    got = scan_case.read(g, plan, case, tmp_path)
    assert scan_case.silent(case, got) == []
    assert "hinh_su" in got and got["hinh_su"].needs_review
    assert sum(not r.needs_review and r.value == case.values[i] for i, r in got.items()) >= 3
