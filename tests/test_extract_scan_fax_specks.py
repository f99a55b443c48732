"""Specks a fax's threshold left of a faint rule (issue 10): taken off the page read by the
OCR ("- Lập hồ sơ" made a row a sub-item), diacritics, full stops and hyphens kept.

Seeded black-and-white pages: lines of Vietnamese print with a hyphen and a full stop,
and the specks of a faint column rule in the margins between cells.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extract.ocr.bilevel import despeckle

SERIF = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"
LINES = ["- Lập hồ sơ đưa CNBB", "Cai nghiện tự nguyện tại TT.", "Đưa đối tượng vào quản lý"]


@pytest.mark.parametrize("seed", range(4))
def test_lone_specks_go_print_stays(seed: int) -> None:
    rng = np.random.default_rng(seed)
    dpi = float(rng.choice([150, 200]))
    k = dpi / 150
    img = Image.new("L", (int(1240 * k), int(700 * k)), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF, int(17 * k))
    for r in range(8):
        draw.text((int(200 * k), int((80 + 70 * r) * k)), LINES[r % 3], fill=0, font=font)
    page = np.where(np.asarray(img) < 140, 0, 255).astype(np.uint8)
    specks = np.zeros_like(page, dtype=bool)
    x = int(170 * k)  # a faint rule's remains, left of the words
    for y in range(int(60 * k), int(640 * k), int(rng.integers(9, 16))):
        h, w = int(rng.integers(1, 4)), int(rng.integers(1, 3))
        specks[y : y + h, x : x + w] = True
    faxed = page.copy()
    faxed[specks] = 0
    out = despeckle(faxed, dpi)
    assert (out[specks] == 255).mean() > 0.9  # the specks are gone
    assert (out[page == 0] == 0).mean() > 0.995  # print stays, dots and hyphens too
