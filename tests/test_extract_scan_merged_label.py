"""A row whose label merged with its row number is still read.

A photo's last row lost the rule between its number and its label (phototune3 seed 3464,
conditions grammar): the grid made one cell of "5 | Cai nghiện tự nguyện tại TT" over
the first two columns. The reader looked for labels only where a cell starts in the
label column, so the row, and its figure, were dropped without a word. A cell that
starts its row and reaches the label column from the left is the row's label, unless it
reaches the figure's column too (a group heading across the table).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import scan_case


@pytest.mark.slow
def test_a_label_merged_with_its_row_number_is_read(tmp_path: Path) -> None:
    g, plan, case = scan_case.drawn(3464)
    assert case.medium == "photo" and case.values["cntn"] == 14
    got = scan_case.read(g, plan, case, tmp_path)
    assert set(got) == set(case.values)
    assert got["cntn"].value == 14
    assert scan_case.silent(case, got) == []
