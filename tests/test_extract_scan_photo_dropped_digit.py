"""A photo figure the page OCR read with a digit dropped (issue 10, photos pass).

A blurred photo's plain "31" was read "3" by the page OCR, surely, while both binarised
re-reads and the digits model's grey read said "31"; the word models read the grey crop
"31" too, but at 0.7, under `grey_read`'s and `script_vote`'s bar: the figure was
flagged. Three models reading the grey crop whole now outvote the page OCR where it only
left digits out and the ink shows them (`dropped_digits`). Real Tesseract; a whole case
built from the conditions grammar (an even seed), and cells drawn here.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import scan_case
from test_extract_scan_photo_outvote import _photo_cell as _cell  # a photo's number cell

from extract.ocr import cell_crops, cells, dropped_digits
from extract.ocr.confidence import digits_confidence
from extract.settings import ScanSettings


def test_only_digits_left_out_are_a_dropped_digit() -> None:
    read = cells.DigitsRead("31", 0.96, blank=False, confirmed=True)
    assert dropped_digits.dropped("3", read) and dropped_digits.dropped("1", read)
    assert not dropped_digits.dropped("8", read)  # a digit the re-read lacks
    assert not dropped_digits.dropped("13", read)  # another order, not fewer digits
    assert not dropped_digits.dropped("31", read)
    unsure = cells.DigitsRead("31", 0.5, blank=False, confirmed=False)
    assert not dropped_digits.dropped("3", unsure)


@pytest.mark.parametrize("seed", [2, 4])
def test_a_grey_crop_showing_fewer_digits_outvotes_nothing(seed: int, tmp_path: Path) -> None:
    """The re-reads' extra digit that the cell does not show: the page OCR's shorter
    number still flags it."""
    cell, figure = _cell(seed)
    box = [(0, 0, cell.shape[1], cell.shape[0])]
    crop = cell_crops.prepare_crop(cell, 286.0)[0]
    wrong = figure + "1"
    read = cells.DigitsRead(wrong, 0.96, blank=False, confirmed=True)
    with ThreadPoolExecutor(1) as pool:
        (out,) = dropped_digits.confirm(
            cell, 286.0, box, [figure], [read], [crop], (), pool, tmp_path, ScanSettings()
        )
    assert not out.outvoted
    assert digits_confidence(figure, 0.95, out, photo=True) == (wrong, 0.5)


# seed -> (indicator, value) the reader had flagged, read right: a blurred landscape
# photo's "31" the page OCR read "3".
CASES = {552: ("nd94", 31)}


@pytest.mark.parametrize("seed", sorted(CASES))
def test_the_grammars_case_reads_the_figure_surely(seed: int, tmp_path: Path) -> None:
    scan_case.assert_read_surely(seed, *CASES[seed], tmp_path)
