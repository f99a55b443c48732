"""A figure too wide for the digits read from it is not sure.

A fax's bold "05", its digits touching (one span of ink), was read "0" by both re-reads
(psm 7 and 13: the whitelisted LSTM drops a digit, tesseract#3485), nothing by the page
OCR, and nothing again when read stretched across (faxtune8 seed 13566, conditions
grammar): "0" passed, silently. Its ink is 1.24 of its height wide, more than any one
printed digit (0.4–0.8): where the stretched read does not say the number read, the
width stays unexplained and the figure goes to review.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import scan_case

from extract.ocr.cell_crops import CROP_BORDER, width_digits


def _crop(height: int, *spans: int, gap: int = 6) -> np.ndarray:
    """A prepared crop whose ink is blocks `height` tall, of the given widths, apart."""
    width = sum(spans) + gap * (len(spans) - 1)
    crop = np.full((height + 2 * CROP_BORDER, width + 2 * CROP_BORDER), 255, np.uint8)
    x = CROP_BORDER
    for w in spans:
        crop[CROP_BORDER : CROP_BORDER + height, x : x + w] = 0
        x += w + gap
    return crop


def test_width_digits_counts_what_each_span_holds() -> None:
    assert width_digits(_crop(38, 20)) == 1  # one digit, 0.53 of its height
    assert width_digits(_crop(38, 33)) == 1  # a wide "0", 0.87
    assert width_digits(_crop(38, 47)) == 2  # "05" touching: 1.24
    assert width_digits(_crop(38, 72)) == 3  # "120" touching: 1.9
    assert width_digits(_crop(38, 20, 22)) == 2  # "74" apart
    # a mark far off the figure (a seal's letter) is no digit of it
    assert width_digits(_crop(38, 20, 20, gap=200)) == 1
    assert width_digits(np.full((30, 30), 255, np.uint8)) == 0  # nothing but border


@pytest.mark.slow
def test_a_touching_05_read_0_goes_to_review(tmp_path: Path) -> None:
    g, plan, case = scan_case.drawn(13566)
    assert case.medium == "fax" and case.values["nd94"] == 5
    got = scan_case.read(g, plan, case, tmp_path)
    assert scan_case.silent(case, got) == []
    assert "nd94" not in got or got["nd94"].needs_review or got["nd94"].value == 5
