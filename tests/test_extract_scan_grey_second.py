"""Two models' grey reads as the page OCR's missing or mistaken opinion (issue 10, fresh).

A figure whose cell holds a red stamp's lifted ink is not sure on its two binarised
re-reads alone: the page OCR must agree. When the page OCR read nothing there (a plain
"68" beside a lifted star), the figure was flagged though both re-reads agreed. Both
models reading the cell's grey crop alike now stand for the page OCR's agreement
(`DigitsRead.seconded`). On a flatbed scan the page OCR's other number ("3" for "23")
was never weighed against the grey crop (photos and faxes only): it now is, and four
reads by two models outvote it. Real Tesseract; cells drawn here, and whole cases built
from the conditions grammar (even seeds of the fresh tune set).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import scan_case
from test_extract_scan_photo_outvote import _photo_cell as _cell  # a photo's number cell

from extract.ocr import cells, grey_read
from extract.ocr.confidence import digits_confidence
from extract.settings import ScanSettings

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("seed", [2, 4, 6])
def test_a_figure_the_page_ocr_missed_is_seconded_by_the_grey_reads(
    seed: int, tmp_path: Path
) -> None:
    cell, figure = _cell(seed)
    box = [(0, 0, cell.shape[1], cell.shape[0])]
    read = cells.DigitsRead(figure, 0.5, blank=False, confirmed=True)  # capped: lifted ink
    assert digits_confidence("", 0.0, read, photo=True) == (figure, 0.5)  # the premise
    with ThreadPoolExecutor(1) as pool:
        (out,) = grey_read.confirm(
            cell, 286.0, box, [""], [read], pool, tmp_path, ScanSettings(), unseen=[0]
        )
    assert out.seconded >= grey_read.MIN_CONF and out.text == figure
    number, conf = digits_confidence("", 0.0, out, photo=True)
    assert number == figure and conf > 0.9


@pytest.mark.parametrize("seed", [2, 4])
def test_a_grey_crop_that_shows_another_number_seconds_nothing(seed: int, tmp_path: Path) -> None:
    cell, figure = _cell(seed)
    box = [(0, 0, cell.shape[1], cell.shape[0])]
    wrong = str(int(figure) + 3)
    read = cells.DigitsRead(wrong, 0.5, blank=False, confirmed=True)
    with ThreadPoolExecutor(1) as pool:
        (out,) = grey_read.confirm(
            cell, 286.0, box, [""], [read], pool, tmp_path, ScanSettings(), unseen=[0]
        )
    assert not out.seconded
    assert digits_confidence("", 0.0, out, photo=True) == (wrong, 0.5)


# seed -> (indicator, value) the reader had flagged, read right: a photo's figure beside
# a lifted star that the page OCR missed; a flatbed scan's "23" the page OCR read "3".
CASES = {520: ("nd111", 68), 450: ("nd94", 23)}


@pytest.mark.parametrize("seed", sorted(CASES))
def test_the_grammars_case_reads_the_figure_surely(seed: int, tmp_path: Path) -> None:
    scan_case.assert_read_surely(seed, *CASES[seed], tmp_path)
