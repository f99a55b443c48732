"""A fax stored lossily (issue 10): a PDF holding the black-and-white page as a JPEG is
still read as a fax (its rules dashed, its print staircased), a grey scan is not.

Seeded pages of Vietnamese print and a ruled table: thresholded to black and white as a
fax does, then JPEG-compressed as a PDF writer does (quality 85-95); against the same page
scanned grey (anti-aliased, noisy, a paper tint, JPEG 40-90).
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extract.ocr.bilevel import as_sent

SERIF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
LINES = ["Điều tra khám phá hình sự", "Lập hồ sơ đưa CNBB", "Cai nghiện tự nguyện tại TT"]


def _page(rng: np.random.Generator) -> tuple[np.ndarray, float]:
    """A page as printed, grey and anti-aliased (drawn large, then shrunk), and its dpi."""
    dpi = float(rng.choice([150, 200, 300]))
    k, scale = dpi / 150.0, 3
    w, h = int(1240 * k), int(1750 * k)
    img = Image.new("L", (w * scale, h * scale), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF, int(27 * k * scale))
    for r in range(int(rng.integers(8, 16))):
        y = int((200 + 70 * r) * k) * scale
        draw.text((int(150 * k) * scale, y), LINES[r % 3], fill=0, font=font)
        draw.text((int(900 * k) * scale, y), str(rng.integers(0, 140)), fill=0, font=font)
        draw.line((int(130 * k) * scale, y - 8 * scale, int(1100 * k) * scale, y - 8 * scale))
    page = np.asarray(img.resize((w, h), Image.LANCZOS), dtype=np.float32)
    return page, dpi


def _jpeg(page: np.ndarray, quality: int) -> np.ndarray:
    buf = io.BytesIO()
    Image.fromarray(page).save(buf, "JPEG", quality=quality)
    return np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("L"))


@pytest.mark.parametrize("seed", range(6))
def test_fax_in_a_jpeg_is_a_fax(seed: int) -> None:
    rng = np.random.default_rng(seed)
    page, _dpi = _page(rng)
    noisy = page + rng.normal(0, float(rng.uniform(2, 12)), page.shape)
    bw = np.where(noisy < int(rng.integers(120, 175)), 0, 255).astype(np.uint8)
    stored = _jpeg(bw, int(rng.integers(85, 96)))
    assert not np.isin(stored, (0, 255)).all()  # the JPEG left grey round the strokes
    back = as_sent(stored)
    assert back is not None
    assert (back != bw).mean() < 0.002  # its own two levels again


@pytest.mark.parametrize("seed", range(10, 16))
def test_grey_scan_is_not_a_fax(seed: int) -> None:
    rng = np.random.default_rng(seed)
    page, _dpi = _page(rng)
    paper = float(rng.uniform(225, 250))  # a tinted or dim sheet
    scanned = page * (paper / 255.0) + rng.normal(0, float(rng.uniform(2, 12)), page.shape)
    stored = _jpeg(np.clip(scanned, 0, 255).astype(np.uint8), int(rng.integers(40, 91)))
    assert as_sent(stored) is None
