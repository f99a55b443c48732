"""A seal's star run into a figure's digit (issue 10): the star's point touches the top
of the "1" of "137", and the dark run down the star's point and the digit's stem passes
for a short column rule joining the two row rules about it. Wiped as a rule before the
page OCR, the "1" went with it: "37" read surely by every reader (layouts-tune3 286,
and 366's "74" read "7"). A short vertical run lying wholly inside a seal's ring is the
seal's, not a rule (`ruled_page.without_seal_strokes`). Real Tesseract; the grammar's
cases as drawn.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import scan_case

from extract.ocr import grid
from extract.ocr.rings import Ring
from extract.ocr.ruled_page import without_seal_strokes


def _lines(vertical_runs: list[tuple[int, int, int]]) -> grid.RulingLines:
    """A page's lines with vertical runs (x, y0, y1), 4 px wide."""
    vertical = np.zeros((800, 800), np.uint8)
    for x, y0, y1 in vertical_runs:
        vertical[y0:y1, x : x + 4] = 255
    blank = np.zeros_like(vertical)
    return grid.RulingLines(horizontal=blank, vertical=vertical, ink=blank)


def test_only_a_short_run_wholly_inside_a_seal_is_taken_off() -> None:
    dpi = 150.0
    seal = Ring(cx=400.0, cy=400.0, r=105.0, width=4.0)
    short = int(grid.SHORT_RULE * dpi) - 10
    inside = (400, 380, 380 + short)  # the star's point and a digit's stem
    outside = (100, 380, 380 + short)  # a sub-column's rule, away from the seal
    across = (330, 200, 600)  # a column rule passing under the seal
    out = without_seal_strokes(_lines([inside, outside, across]), [seal], dpi).vertical
    assert not out[inside[1] : inside[2], inside[0]].any()
    assert out[outside[1] : outside[2], outside[0]].all()
    assert out[across[1] : across[2], across[0]].all()
    # A faint column rule broken into pieces: the piece within the seal is in line with
    # one clear of it, and stays.
    broken = [(600, 100, 100 + short), (600, 380, 380 + short)]
    seal2 = Ring(cx=600.0, cy=400.0, r=105.0, width=4.0)
    out = without_seal_strokes(_lines(broken), [seal2], dpi).vertical
    assert out[380 : 380 + short, 600].all()
    assert not without_seal_strokes(_lines(broken[1:]), [seal2], dpi).vertical.any()
    lines = _lines([inside])
    assert without_seal_strokes(lines, [], dpi) is lines  # no seal: nothing to take off


@pytest.mark.slow
@pytest.mark.parametrize(
    ("seed", "indicator", "value"), [(286, "hinh_su", 137), (366, "sau_cai", 74)]
)
def test_a_figure_under_a_seals_star_keeps_its_digit(
    seed: int, indicator: str, value: int, tmp_path: Path
) -> None:
    """The layouts grammar's tune seeds as drawn: a flatbed scan ruled across only, its
    seal over the figures; the figure is read whole, and nothing is wrong unflagged."""
    g, plan, case = scan_case.drawn(seed, "layouts")
    assert case.medium == "scan" and "stamp-on-figures" in case.tags()
    assert case.values[indicator] == value
    got = scan_case.read(g, plan, case, tmp_path)
    assert scan_case.silent(case, got) == []
    assert got[indicator].value == value and not got[indicator].needs_review
