"""A fax's column rules broken into dashes (issue 10): the grid still finds its columns.

Seeded pages: a table with hairline rules, drawn grey and anti-aliased at 150–200 dpi,
skewed a little, then thresholded to black and white as a fax does, so the column rules
come out as dashes and specks (the horizontal ones mostly survive). Cells hold a label,
a unit and figures with a "1" in every row, the letter column that once fooled a
dash-bridging attempt. Tables ruled across only must not grow columns.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extract.ocr import geometry, grid
from extract.ocr.dotted_rules import broken_rules

SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
INK = 110  # a column hairline as LibreOffice and pdftoppm render it: mid-grey
LABELS = ["Điều tra khám phá", "Đưa đối tượng vào", "Lập hồ sơ đưa CNBB", "Cai nghiện tại TT"]


def _fax_table(seed: int, columns: bool) -> tuple[np.ndarray, float, int]:
    """A faxed page with one table; its dpi and its number of columns."""
    rng = np.random.default_rng(seed)
    dpi = float(rng.choice([150, 200]))
    k = dpi / 150.0
    scale = 4  # drawn large, then shrunk: grey anti-aliased hairlines as from a PDF
    w, h = int(1240 * k), int(1000 * k)
    img = Image.new("L", (w * scale, h * scale), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF, int(17 * k * scale))
    n_rows = int(rng.integers(4, 7))
    row_h = int(rng.integers(38, 60) * k)
    widths = [60, 340, 120, 110, 130][: int(rng.integers(4, 6))]
    xs = [int(150 * k)]
    for cw in widths:
        xs.append(xs[-1] + int(cw * k))
    ys = [int(300 * k) + r * row_h for r in range(n_rows + 1)]
    hair = max(1, int(scale * k))  # a 0.5 pt rule: a pixel wide at 150 dpi
    # Each rule at its own fraction of a pixel: most straddle two pixels in half grey.
    for y in ys:
        y4 = y * scale + int(rng.integers(scale))
        draw.line((xs[0] * scale, y4, xs[-1] * scale, y4), fill=0, width=hair)
    if columns:
        for x in xs:
            x4 = x * scale + int(rng.integers(scale))
            draw.line((x4, ys[0] * scale, x4, ys[-1] * scale), fill=INK, width=hair)
    for r in range(n_rows):
        y = (ys[r] + int(8 * k)) * scale
        cells = [str(r + 1), LABELS[r % len(LABELS)], "người", "01", str(rng.integers(2, 140))]
        for c, text in enumerate(cells[: len(widths)]):
            draw.text(((xs[c] + int(10 * k)) * scale, y), text, fill=0, font=font)
    # Rendered as pdftoppm does (anti-aliased, a rule a pixel wide), then turned on the
    # glass at the page's own resolution: a skewed hairline straddles two pixels of half
    # grey every few dozen pixels, and the fax's threshold drops it there.
    page = img.resize((w, h), Image.LANCZOS)
    skew = float(rng.uniform(-2.5, 2.5))
    page = page.rotate(skew, resample=Image.BICUBIC, fillcolor=255)
    grey = np.asarray(page, dtype=np.float32)
    grey += rng.normal(0, float(rng.uniform(2, 10)), grey.shape)
    bw = np.where(grey < int(rng.integers(120, 175)), 0, 255).astype(np.uint8)
    # The page levelled (the rotation turns the dashes into steps).
    return geometry.rotate(bw, -skew), dpi, len(widths)


def test_dashed_column_rules_give_the_tables_their_columns() -> None:
    found = []
    for seed in range(12):
        gray, dpi, n_cols = _fax_table(seed, columns=True)
        tables = grid.find_tables(grid.ruling_lines(gray, dpi, fax=True), dpi)
        assert all(t.n_cols <= n_cols for t in tables)  # never a column that is not there
        found.append(len(tables) == 1 and tables[0].n_cols == n_cols)
    # A rule the fax's threshold took whole (no dash left in any row) cannot come back:
    # the table is then rebuilt from its words. Without the dashes lined up: 2 of 12.
    assert sum(found) >= 10


@pytest.mark.parametrize("seed", range(20, 26))
def test_table_ruled_across_only_grows_no_columns(seed: int) -> None:
    gray, dpi, _n = _fax_table(seed, columns=False)
    ink = cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15
    )
    lines = grid.ruling_lines(gray, dpi, fax=True)
    assert not broken_rules(ink, lines.horizontal, dpi)[1].any()
