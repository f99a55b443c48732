"""Streaks along a fax's feed (issue 10): taken off the page as scanned, print kept.

Seeded pages: lines of print and a ruled table, then 1–3 hairline streaks down the whole
page and 0–2 across it, black-and-white as a fax sends them.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extract.ocr.streaks import remove_streaks

SERIF = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"


def _page(rng: np.random.Generator) -> np.ndarray:
    img = Image.new("L", (1240, 1750), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF, 34)
    for k in range(14):
        draw.text((150, 150 + 70 * k), "Đưa đối tượng vào quản lý 137 người", fill=0, font=font)
    for y in range(1200, 1560, 60):  # a table: rules stop at its frame
        draw.line((150, y, 1090, y), fill=0, width=2)
    for x in (150, 600, 1090):
        draw.line((x, 1200, x, 1500), fill=0, width=2)
    return np.asarray(img).copy()


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_streaks_filled_print_and_rules_kept(seed: int) -> None:
    rng = np.random.default_rng(seed)
    page = _page(rng)
    faxed = page.copy()
    h, w = faxed.shape
    for _ in range(int(rng.integers(1, 4))):
        x = int(rng.integers(160, w - 160))
        faxed[:, x : x + int(rng.integers(1, 4))] = 0
    for _ in range(int(rng.integers(0, 3))):
        y = int(rng.integers(100, h - 100))
        faxed[y : y + int(rng.integers(1, 3)), :] = 0
    out = remove_streaks(faxed)
    streak = (faxed < 128) & (page >= 128)
    assert (out[streak] < 128).mean() < 0.1  # the streaks are gone
    kept = (out[page < 128] < 128).mean()
    # Print and the rules stay, strokes crossing a streak too (a rule the streak lies on
    # exactly goes with it).
    assert kept > 0.99


def test_page_without_streaks_is_left_as_it_is() -> None:
    page = _page(np.random.default_rng(9))
    assert remove_streaks(page) is page
