"""A fax "5" whose thin upright the sender's threshold lost (`extract/ocr/lost_stems.py`).

End to end on the conditions grammar's tune seed 1610 (a fax, no seal), with real
Tesseract: the "5" of "56" keeps its flag and its bowl, apart, and the page OCR and the
digits re-read both read "36", surely: that was silent. A figure read with a 3
whose top stroke stands apart from the ink below is flagged.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import scan_case

from extract.ocr import lost_stems


def _crop(top_joined: bool) -> np.ndarray:
    """A prepared crop's "5": a flag over a bowl, joined by its upright or apart."""
    crop = np.full((80, 60), 255, np.uint8)
    crop[20:28, 15:40] = 0  # the flag
    crop[36:44, 15:38] = 0  # the bowl's top
    crop[36:60, 34:42] = 0  # its right side
    crop[56:62, 12:38] = 0  # its foot
    if top_joined:
        crop[20:44, 15:20] = 0  # the upright
    return crop


def test_a_top_stroke_apart_is_a_lost_upright() -> None:
    assert lost_stems.stem_lost(_crop(False), "3")
    assert not lost_stems.stem_lost(_crop(True), "3")
    assert not lost_stems.stem_lost(_crop(False), "5")  # a 5 read 5: its flag broke off


@pytest.mark.slow
def test_a_five_read_three_by_both_readers_is_flagged(tmp_path: Path) -> None:
    sc, plan, case = scan_case.drawn(1610)
    assert case.medium == "fax" and not sc.is_test(1610)
    assert case.values["nd94"] == 56
    got = scan_case.read(sc, plan, case, tmp_path)
    assert scan_case.silent(case, got) == []
    assert got["nd94"].needs_review
