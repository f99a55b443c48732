"""An agreement the re-read barely made out is checked by a third read.

Phototune2 2876 (conditions seed, even, a photo): "56" was read "96" by the page OCR and
by the digits-only re-read (psm 7, confidence 0.48): two readings agreeing made it sure,
silently wrong. A third read (psm 13) read "56": the figure goes to review. Not on faxes,
whose unsure agreements their own rules judge.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import scan_case

from extract.ocr import cells, confidence


def test_a_contested_agreement_is_one_reading() -> None:
    read = cells.DigitsRead("96", 0.48, blank=False, other="56", contested=True)
    number, conf, rule = confidence.judged_digits("96", 0.9, read, photo=True)
    assert (number, rule) == ("96", confidence.CONTESTED) and conf <= 0.5


def test_an_uncontested_agreement_stands() -> None:
    read = cells.DigitsRead("96", 0.48, blank=False)
    number, conf, rule = confidence.judged_digits("96", 0.9, read, photo=True)
    assert (number, rule) == ("96", "agreed") and conf >= 0.6


@pytest.mark.slow
def test_a_photo_figure_two_readers_misread_alike_is_flagged(tmp_path: Path) -> None:
    g, plan, case = scan_case.drawn(2876)
    assert case.medium == "photo" and case.values["nd94"] == 56
    got = scan_case.read(g, plan, case, tmp_path)
    assert got["nd94"].value == 56 or got["nd94"].needs_review
    assert scan_case.silent(case, got) == []
