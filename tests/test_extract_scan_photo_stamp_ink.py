"""A red stamp's star over a photo's figure (issue 10, stamps): the stamp is lifted to
paper by its colour, the print under it kept by its lightness (`stamp_ink`).

The redness that says how far to lift is measured at half size, and a JPEG keeps colour
at half resolution: black print under a red star took the star's colour and went with
it ("56" left "6"). The pages: figures typed in Liberation Serif, the grammar's seal
(`_scanning.stamp`) pressed with its star on a figure's first digit, blurred and saved
as a JPEG without a dpi (a camera's file, read as a photo). Real Tesseract.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from benchmarks.scan_conditions import load_grammar
from extract.ocr import cell_crops, cells
from extract.ocr.level import level_page
from extract.ocr.pages import load_pages
from extract.settings import ScanSettings

pytestmark = pytest.mark.slow

SERIF = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"
FIGURES = ["14", "56", "17", "89", "30"]
sc = load_grammar()


def _photo(seed: int, dpi: int, tmp: Path) -> tuple[Path, tuple[int, int, int, int]]:
    """A page of figures with the seal's star on the second one's first digit, as a
    camera's JPEG; the file and that figure's box."""
    rng = np.random.default_rng(seed)
    img = Image.new("RGB", (int(8.27 * dpi), int(11.69 * dpi)), (245, 240, 230))
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF, round(13 / 72 * dpi))
    boxes = []
    for k, text in enumerate(FIGURES):
        at = (int(4.0 * dpi), int((2 + 0.5 * k) * dpi))
        draw.text(at, text, fill=(0, 0, 0), font=font)
        boxes.append(draw.textbbox(at, text, font=font))
    b = boxes[1]
    img = sc.scanning.stamp(img, (b[0] + 4, (b[1] + b[3]) // 2), dpi, rng)
    img = img.filter(ImageFilter.GaussianBlur(0.8))
    path = tmp / f"stamped-{seed}-{dpi}.jpg"
    img.save(path, quality=50)  # no dpi: a camera's file
    return path, b


@pytest.mark.parametrize("seed,dpi", [(0, 200), (1, 200), (2, 200), (3, 240)])
def test_print_under_a_red_star_stays(seed: int, dpi: int, tmp_path: Path) -> None:
    path, box = _photo(seed, dpi, tmp_path)
    settings = ScanSettings.resolve(None)
    level, _notes = level_page(load_pages(path, settings)[0], settings)
    assert level.photo and level.stamped is not None  # read as a photo, a stamp lifted
    # The figure where the level page has it (deskewing moves it a little): its dark
    # ink within a window around where it was typed.
    k = level.gray.shape[1] / (8.27 * dpi)
    pad = int(0.15 * dpi * k)
    wx0, wy0 = int(box[0] * k) - pad, int(box[1] * k) - pad
    window = level.gray[wy0 : int(box[3] * k) + pad, wx0 : int(box[2] * k) + pad]
    ys, xs = np.nonzero(window < 100)
    x0, y0, x1, y1 = wx0 + xs.min(), wy0 + ys.min(), wx0 + xs.max() + 1, wy0 + ys.max() + 1
    assert x1 - x0 >= 0.6 * (box[2] - box[0]) * k  # both digits: the "5" is not lifted
    figure = level.gray[y0:y1, x0:x1]
    left, right = figure[:, : figure.shape[1] // 2], figure[:, figure.shape[1] // 2 :]
    assert np.count_nonzero(left < 100) >= 0.6 * np.count_nonzero(right < 100)
    lifted = level.stamped[y0 - pad : y1 + pad, x0 - pad : x1 + pad] >= 128
    assert lifted.any()  # the star around it was lifted to paper
    # The reader's digits-only re-read (real Tesseract) of the figure's cell reads both
    # digits (lifted with the star, the "5" was gone and every reader read "6"; what a
    # single read makes of a star's blurred edge beside a digit is the cross-checks' and
    # the review's business).
    m = int(0.08 * dpi * k)
    crop, _touched = cell_crops.prepare_crop(
        level.gray[y0 - m : y1 + m, x0 - m : x1 + m], level.dpi
    )
    ((text, _conf),) = cells.read_digits([crop], tmp_path, settings, 1)
    assert len(text) == 2 and text.endswith("6"), text


def test_only_what_the_lift_took_from_print_can_hide_a_digit(tmp_path: Path) -> None:
    """The star's own body, lifted, is no print that went: a figure beside it is not
    suspected of a hidden digit; where the star crossed print, the lifted print counts."""
    path, _box = _photo(0, 200, tmp_path)
    settings = ScanSettings.resolve(None)
    level, _notes = level_page(load_pages(path, settings)[0], settings)
    assert level.stamp_hid is not None and level.stamped is not None
    body = level.stamped >= 200
    assert np.count_nonzero(level.stamp_hid[body] >= 64) < 0.1 * np.count_nonzero(body)
