"""Digit cells read a second time from a thinner cut (issue 10: our form scanned at
150 dpi, blurred): the second image confirms a reading, fills in one that was empty, or
stands beside a different one for the page OCR to side with; it never overrules.

Crops come from a seeded grammar: a two- or three-digit figure in a serif font at
140–160 dpi, Gaussian blur 1.1–1.6 px, noise, JPEG 30–70; real Tesseract reads them.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extract.ocr import cell_crops, cells
from extract.settings import ScanSettings

SERIF = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"
FIGURES = [0, 1, 2, 3, 5, 6, 8, 9, 12, 19, 23, 56, 68, 89, 102, 120, 137]


def _blurred_cell(seed: int) -> tuple[np.ndarray, str, float]:
    rng = np.random.default_rng(seed)
    text = f"{int(rng.choice(FIGURES)):02d}"
    dpi = float(rng.uniform(140, 160))
    img = Image.new("L", (int(dpi * 1.0), int(dpi * 0.32)), 255)
    ImageDraw.Draw(img).text(
        (int(dpi * rng.uniform(0.2, 0.45)), int(dpi * 0.06)),
        text,
        fill=0,
        font=ImageFont.truetype(SERIF, int(dpi * 13 / 72)),
    )
    px = cv2.GaussianBlur(np.asarray(img, dtype=np.float32), (0, 0), float(rng.uniform(1.1, 1.6)))
    px = np.clip(px + rng.normal(0, 4, px.shape), 0, 255).astype(np.uint8)
    _ok, jpeg = cv2.imencode(".jpg", px, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(30, 70))])
    return cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE), text, dpi


def test_thin_cut_confirms_fills_in_and_never_overrules(tmp_path: Path) -> None:
    cases = [_blurred_cell(seed) for seed in range(24)]
    settings = ScanSettings()
    first = cells.read_digits(
        [cell_crops.prepare_crop(px, dpi)[0] for px, _t, dpi in cases], tmp_path, settings, 1
    )
    checked = [cells.DigitsRead(t, min(c, 0.5), blank=False) for t, c in first]
    # One cell whose reading is wrong: the thin read may stand beside it, not replace it.
    checked[1] = cells.DigitsRead("7", 0.5, blank=False)
    thin = [cell_crops.prepare_crop(px, dpi, thin=True)[0] for px, _t, dpi in cases]
    out = cells.confirm_thin(thin, checked, list(range(len(cases))), tmp_path, settings)
    truth = [t for _px, t, _dpi in cases]
    assert sum(c.text == "" for c in checked) >= 1  # Otsu's bold crop lost some figures
    for before, after, want in zip(checked, out, truth, strict=True):
        if before.text == "":  # filled in, never sure alone
            assert after.text == want and after.confidence <= 0.5 and not after.confirmed
        elif before.text == want:  # confirmed by a second image
            assert after.text == want and after.confirmed
        else:  # kept, the thin read beside it
            assert after.text == before.text and not after.confirmed
            assert after.confidence <= 0.5 and after.other == want


def test_an_empty_crop_has_no_ink() -> None:
    """OpenCV crashes the process (a segfault) on an empty image: such a cell is blank."""
    assert cell_crops.has_ink(np.zeros((0, 134), np.uint8), 300) is False
    mark = np.zeros((40, 40), np.uint8)
    mark[5:30, 10:20] = 255
    assert cell_crops.has_ink(mark, 300) is True
