"""Rows whose rules did not come out, below the grid that did, are read.

A fax's table ruled in dashes (conditions grammar, faxtune8 seed 12398): one continuous
rule came out, and the grid found ended after the third row; the fourth and fifth rows'
labels and figures ("17", "45") lay below it, outside every cell, and went unread with
the first two rows merged into the header (1 of 5 figures read). A figure the page OCR
read just under or over a grid, across from its figures, now sends the page to be read
without rules (its table rebuilt from where its words lie).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import scan_case


@pytest.mark.slow
def test_figures_below_a_partial_grid_are_read(tmp_path: Path) -> None:
    g, plan, case = scan_case.drawn(12398)
    assert case.medium == "fax" and case.rules == "full"
    got = scan_case.read(g, plan, case, tmp_path)
    assert scan_case.silent(case, got) == []
    right = [i for i, r in got.items() if not r.needs_review and r.value == case.values[i]]
    assert len(right) >= 3, got  # 1 before: the grid's rows only
    assert {"cnbb", "cntn"} <= set(got)  # the rows below the grid
