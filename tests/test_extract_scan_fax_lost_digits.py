"""Fax figures that lost a digit before any reader saw it must not come out sure.

Three routes, each seen on a tune fax (conditions seeds, even, as drawn):
- 3886: "137" read "137" by the page OCR but "1" (0.5) by the re-read of a crop cut at
  the cell's edge; its ink shows one digit, a 1 the page prints alike, and "1" was a
  reader's proposal: the page's shapes (`glyphs`) confirmed "1". A cut crop is not
  confirmed.
- 3616: "17" whose "7" the fax threshold broke into specks; softened for the OCR it is
  light grey beside a black "1", the crop keeps the black "1" only, and both re-reads of
  that crop read "1" (the page OCR read nothing). `cell_crops.faint_digit_beside` sees the
  faint digit-high mark on the figure's line: the crop counts as cut.
- 4278: "15" whose "1" lies under a seal's black star; the wipe took the star and the
  digit with it, and every reader read "5". `cell_kinds.star_beside`: a figure with a
  star on its line, within half a digit of its ink, is stamped over.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extract.ocr import cell_crops, cell_kinds
from extract.ocr.rings import Ring

FONT = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"


def _cell(first: int, second: int, gap: int = 0) -> np.ndarray:
    """A softened fax cell at 150 dpi: "1" printed at grey `first`, "7" at `second`,
    `gap` pixels further right than its place."""
    img = Image.new("L", (110, 36), 255)
    draw, font = ImageDraw.Draw(img), ImageFont.truetype(FONT, 22)
    draw.text((30, 6), "1", font=font, fill=first)
    draw.text((41 + gap, 6), "7", font=font, fill=second)
    return cv2.GaussianBlur(np.asarray(img), (3, 3), 0)


def test_a_faint_digit_beside_a_black_one_is_seen() -> None:
    assert cell_crops.faint_digit_beside(_cell(0, 180), 150.0)


def test_digits_printed_alike_are_no_faint_digit() -> None:
    assert not cell_crops.faint_digit_beside(_cell(0, 0), 150.0)


def test_a_faint_mark_far_off_the_figure_is_no_lost_digit() -> None:
    assert not cell_crops.faint_digit_beside(_cell(0, 180, gap=55), 150.0)


def test_a_star_on_the_figures_line_beside_it_marks_it_stamped_over() -> None:
    figure = (1030, 592, 1044, 612)  # the ink's box, page pixels; 20 px tall
    beside = Ring(cx=1010.0, cy=600.0, r=60.0, width=3.0)  # star edge ~ 1 px from the ink
    far = Ring(cx=900.0, cy=600.0, r=60.0, width=3.0)  # ring near, star a seal's width off
    above = Ring(cx=1037.0, cy=580.0, r=60.0, width=3.0)  # its star's centre above the line
    assert cell_kinds.star_beside([beside], figure, 150.0)
    assert not cell_kinds.star_beside([far], figure, 150.0)
    assert not cell_kinds.star_beside([above], figure, 150.0)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("seed", "indicator", "value"), [(3616, "nd94", 17), (3886, "nd94", 137), (4278, "hinh_su", 15)]
)
def test_a_fax_figure_that_lost_a_digit_is_flagged(
    seed: int, indicator: str, value: int, tmp_path: Path
) -> None:
    from benchmarks.scan_conditions import load_grammar
    from chitieu.plan import load_plan
    from extract import extract_file

    sc = load_grammar()
    plan = load_plan(sc.PLAN_PATH)  # type: ignore[attr-defined]
    (tmp_path / "cases").mkdir()
    (tmp_path / "work").mkdir()
    (case,) = sc.make_cases([seed], tmp_path / "cases", tmp_path / "work", plan)  # type: ignore[attr-defined]
    assert "medium=fax" in case.tags() and case.values[indicator] == value
    ex = extract_file(tmp_path / "cases" / case.file, plan)
    got = {r.indicator: r for r in ex.records}
    assert got[indicator].value == value or got[indicator].needs_review
    wrong = [r for r in ex.records if not r.needs_review and r.value != case.values[r.indicator]]
    assert wrong == []
