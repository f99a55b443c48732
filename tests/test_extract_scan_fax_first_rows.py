"""A table rebuilt from words keeps its first rows when their figures were misread.

A fax's table ruled across only (its rules broken into dashes) is rebuilt from where its
words lie (`layout.tables_from_words`). The page OCR misread its first two figures ("23"
read ")", "31" read "3l"): no row was found by them, and the search for a first row
whose figure was misread stopped at "NĐ111/CP", the second row's label's last line, a
word alone. The header then took both rows; "23" was lost and "31" given to the wrong
row. Real Tesseract on the conditions grammar's tune seed 506 as drawn (a standard fax,
ruled across, no seal).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import scan_case


@pytest.mark.slow
def test_first_rows_whose_figures_were_misread_are_read(tmp_path: Path) -> None:
    sc, plan, case = scan_case.drawn(506)
    assert case.medium == "fax" and case.rules == "across"
    got = scan_case.read(sc, plan, case, tmp_path)
    assert scan_case.silent(case, got) == []
    assert set(got) == set(case.values)  # every row found, none missing
    assert got["hinh_su"].value == case.values["hinh_su"]
