"""A photo's page OCR outvoted (issue 10): at 200 dpi the Vietnamese model read a plain
"23" as "2", "19" as "18", surely, while both binarised re-reads of the cell agreed on
the figure; the figure was flagged. When both models read the cell's grey crop as the
re-reads did, the figure stands; when the grey crop says otherwise, it stays flagged.
Seeded cells drawn here; real Tesseract.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extract.ocr import cells, grey_read
from extract.ocr.confidence import digits_confidence
from extract.settings import ScanSettings

SERIF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"


def _photo_cell(seed: int) -> tuple[np.ndarray, str]:
    """A number cell as a levelled photo gives it at ~286 dpi: grey paper, grain, JPEG."""
    rng = np.random.default_rng(seed)
    figure = str(int(rng.choice([12, 19, 23, 31, 45, 56, 74, 89, 102, 137])))
    img = Image.new("L", (420, 110), int(rng.integers(225, 245)))
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF, int(rng.integers(44, 52)))
    draw.text((int(rng.integers(120, 200)), int(rng.integers(20, 35))), figure, fill=35, font=font)
    page = np.asarray(img).astype(np.float32) + rng.normal(0, float(rng.uniform(3, 7)), (110, 420))
    page = np.clip(page, 0, 255).astype(np.uint8)
    ok, jpeg = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(45, 80))])
    assert ok
    return cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE), figure


def _page_misread(figure: str) -> str:
    """What the page OCR made of it: a digit dropped, or the last one changed."""
    return figure[:-1] if len(figure) > 1 else str((int(figure) + 1) % 10)


@pytest.mark.parametrize("seed", [2, 4, 8, 10])
def test_a_figure_both_models_read_outvotes_the_page_ocr(seed: int, tmp_path: Path) -> None:
    cell, figure = _photo_cell(seed)
    settings = ScanSettings()
    box = [(0, 0, cell.shape[1], cell.shape[0])]
    page = _page_misread(figure)
    read = cells.DigitsRead(figure, 0.96, blank=False, confirmed=True)
    before = digits_confidence(page, 0.95, read, photo=True)
    assert before == (figure, 0.5)  # the premise: the page's sure misreading flagged it
    with ThreadPoolExecutor(1) as pool:
        (out,) = grey_read.confirm(cell, 286.0, box, [page], [read], pool, tmp_path, settings)
    assert out.outvoted and out.text == figure
    number, conf = digits_confidence(page, 0.95, out, photo=True)
    assert number == figure and conf > 0.9


@pytest.mark.parametrize("seed", [2, 4])
def test_a_grey_crop_that_says_otherwise_outvotes_nothing(seed: int, tmp_path: Path) -> None:
    """Both re-reads agreeing on a number the grey crop does not show: the page OCR's
    other number still flags it."""
    cell, figure = _photo_cell(seed)
    settings = ScanSettings()
    box = [(0, 0, cell.shape[1], cell.shape[0])]
    wrong = str(int(figure) + 3)
    read = cells.DigitsRead(wrong, 0.96, blank=False, confirmed=True)
    with ThreadPoolExecutor(1) as pool:
        (out,) = grey_read.confirm(cell, 286.0, box, [figure], [read], pool, tmp_path, settings)
    assert not out.outvoted
    assert digits_confidence(figure, 0.95, out, photo=True) == (wrong, 0.5)
