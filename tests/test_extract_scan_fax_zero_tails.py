"""A fax's zero-padded figure the readers left unsure, read as its zero and its digit.

On a standard fax a typed "05" comes out bold, its zero often joined to the "5": the page
OCR reads nothing or a mark, and the digits model at 300 dpi reads nothing of the pair
or the zero alone ("0", unsure). The zero is shown by its ring (its counter across the
middle third, as wide above as below: not a "4"'s triangle, a "9"'s or "6"'s half-height
counter, an "8"'s two), and the digit after it is read alone by the digits model and the
Vietnamese model; the figure is "0X" only where both models read that digit surely at
one size, no read saw another digit, and no reading of the cell saw a digit "0X" lacks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
import scan_case
from PIL import Image, ImageDraw, ImageFont

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract import extract_file
from extract.ocr import cell_crops
from extract.ocr.cells import DigitsRead
from extract.ocr.zero_tails import read_digit, readings, tail, zero_cut

BOLD = "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf"
SANS = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"


def _figure(text: str, grow: int = 0, font: str = BOLD) -> np.ndarray:
    """A prepared crop (ink 0 on paper 255, 20 px of paper around) of `text`; `grow`
    thickens it as a fax's dark threshold does, joining the digits at 4."""
    page = Image.new("L", (30 * len(text) + 40, 80), 255)
    ImageDraw.Draw(page).text((20, 12), text, font=ImageFont.truetype(font, 44), fill=0)
    ink = (np.asarray(page) < 128).astype(np.uint8)
    if grow:
        ink = cv2.dilate(ink, np.ones((grow, grow), np.uint8))
    ys, xs = np.nonzero(ink)
    ink = ink[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    b = cell_crops.CROP_BORDER
    crop = np.where(ink > 0, 0, 255).astype(np.uint8)
    return cv2.copyMakeBorder(crop, b, b, b, b, cv2.BORDER_CONSTANT, value=255)


@pytest.mark.parametrize("grow", [0, 4])
def test_a_zero_first_is_found_apart_or_joined_and_its_digit_left_alone(grow: int) -> None:
    for text in ("04", "09", "05", "00"):
        crop = _figure(text, grow)
        cut = zero_cut(crop)
        assert cut is not None, text
        rest = tail(crop, cut)
        assert rest is not None and len(cell_crops.digit_spans(rest)) == 1
    assert len(cell_crops.digit_spans(_figure("04", 4))) == 1  # joined: one span of ink


@pytest.mark.parametrize("grow", [0, 4])
def test_no_other_digit_first_is_taken_for_a_zero(grow: int) -> None:
    for text in ("94", "84", "64", "45", "40", "10", "4"):
        assert zero_cut(_figure(text, grow)) is None, text
        assert zero_cut(_figure(text, grow, SANS)) is None, text
    assert tail(_figure("0"), zero_cut(_figure("0")) or 0) is None  # no digit after it


def test_the_digit_must_be_both_models_sure_and_unopposed() -> None:
    # (digits model, Vietnamese model) at 300 dpi, then at half
    assert read_digit([("5", 0.96), ("5", 0.97), ("5", 0.9), ("5", 0.95)]) == ("5", 0.96)
    assert read_digit([("", 0.0), (":", 0.49), ("4", 0.97), ("4", 0.96)]) == ("4", 0.96)
    assert read_digit([("", 0.0), ("4", 0.56), ("4", 0.94), ("4", 0.69)]) is None  # unsure
    # a "5" whose flag the fax broke: read "3" at half size by both, "5" by one at 300
    assert read_digit([("5", 0.0), ("3", 0.97), ("3", 0.9), ("3", 0.88)]) is None
    assert read_digit([("8", 0.97), ("6", 0.96), ("8", 0.95), ("8", 0.89)]) is None
    assert read_digit([("45", 0.97), ("45", 0.96), ("", 0.0), ("", 0.0)]) is None  # two


def test_a_page_ocr_digit_where_the_ring_stands_is_the_zero_misread() -> None:
    unsure = DigitsRead("03", 0.5, blank=False)
    assert readings("93", unsure, None, "03")[0] == "03"  # the ring is no "9"'s loop
    assert readings("98", unsure, None, "03")[0] == "98"  # another digit after it: against
    assert readings("193", unsure, None, "03")[0] == "193"  # a digit more: against
    assert readings("q3", DigitsRead("0", 0.5, blank=False), "", "03") == ["3", "0", "", ""]


@pytest.mark.slow
def test_a_faxed_05_read_0_by_the_reread_is_read_5(tmp_path: Path) -> None:
    """Grammar seed 758 (a standard fax, as the benchmark makes it): its cntn "05" is
    read "0" by psm 7 and psm 13 alike (0.5), the page OCR reads nothing; its zero's ring
    and a "5" both models read alone make it 5. (The case's records all go to review
    for its letter's header, which is not this rule's.)"""
    g: Any = load_grammar()
    plan = load_plan(g.PLAN_PATH)
    (case,) = g.make_cases([758], tmp_path, tmp_path, plan)
    truth = {r["indicator"]: r["value"] for r in case.truth()["records"]}
    assert truth["cntn"] == 5
    records = {r.indicator: r for r in extract_file(tmp_path / case.file, plan).records}
    assert records["cntn"].value == 5
    assert all(r.needs_review or r.value == truth[r.indicator] for r in records.values())


@pytest.mark.slow
def test_a_faxed_03_the_page_read_93_is_read_3_surely(tmp_path: Path) -> None:
    """Grammar seed 1118 (a standard fax): its nd94 "03" is read "93" by the page OCR,
    surely, and "03" by the re-read, unsure; the ring is no "9"'s loop and both models
    read its "3" alone: 3, sure."""
    scan_case.assert_read_surely(1118, "nd94", 3, tmp_path)
