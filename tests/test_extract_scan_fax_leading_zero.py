"""A fax's zero-padded figure whose "0" the page OCR read as a mark is shown a zero.

Returns are typed zero-padded ("07"); a standard fax breaks the thin "0" and the page OCR
reads "q7" while the digits re-read reads "07", surely and confirmed: both say 7, but the
cell's text held a mark and the figure was flagged. A "q" may as well be a "9": only a
leading digit whose ink is one ring with its hole across the digit's middle (a "0", not
a "9" nor a "6") lets the re-read's digits stand. Real Tesseract on the conditions
grammar's seed 1228 as drawn (a standard fax): its nd111 "07" is read 7, sure.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import scan_case
from PIL import Image, ImageDraw, ImageFont

from extract.ocr.leading_zeros import shown, zero_first

SERIF = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"


@pytest.mark.slow
def test_a_fax_zero_read_as_a_mark_is_shown_a_zero(tmp_path: Path) -> None:
    sc, plan, case = scan_case.drawn(1228)
    assert case.medium == "fax"
    got = scan_case.read(sc, plan, case, tmp_path)
    assert scan_case.silent(case, got) == []
    assert case.values["nd111"] == 7
    assert got["nd111"].value == 7 and not got["nd111"].needs_review


def _figure(text: str) -> np.ndarray:
    """A prepared crop (ink 0 on paper 255) of `text` typed as returns are (a serif)."""
    page = Image.new("L", (30 * len(text) + 20, 60), 255)
    ImageDraw.Draw(page).text((8, 8), text, font=ImageFont.truetype(SERIF, 40), fill=0)
    return np.where(np.asarray(page) < 128, 0, 255).astype(np.uint8)


def test_only_a_ring_with_its_hole_across_the_middle_is_a_zero() -> None:
    assert zero_first(_figure("07"))
    assert not zero_first(_figure("97"))
    assert not zero_first(_figure("67"))
    assert not zero_first(_figure("87"))
    assert not zero_first(_figure("0"))  # one digit: no zero padding it


def test_the_mark_must_stand_for_the_zero_of_a_sure_reread() -> None:
    assert shown("q7", "07", 0.97) and shown("q07", "07", 0.95) and shown("@7", "07", 0.9)
    assert not shown("q7", "07", 0.6)  # the re-read unsure
    assert not shown("q7", "97", 0.97)  # no zero read
    assert not shown("q8", "07", 0.97)  # the page saw another digit
    assert not shown("97", "07", 0.97)  # the page read a digit, not a mark
    assert not shown("7", "07", 0.97)  # nothing read for the zero: not this rule's case
