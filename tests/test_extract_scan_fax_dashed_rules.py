"""A fax's row rules broken into a staircase of dashes (issue 10): the grid still finds them.

Seeded pages: a table with hairline rules drawn grey and anti-aliased at 150–200 dpi (the
way pdftoppm renders them), turned on the glass by a degree or three, printed at standard
resolution (each scan line twice) or fine, then thresholded to black and white: wherever
the slanted hairline straddles two scan lines it drops out, and its rows come out as short
dashes stepping up or down, too short for morphology to take for a line. Bold lines of
print above the table (their letters' feet join at a fax's resolution) must not become
rules.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extract.ocr import geometry, grid
from extract.ocr.dotted_rules import dashed_rows

SERIF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
BOLD = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"
LABELS = ["Điều tra khám phá", "Đưa đối tượng vào", "Lập hồ sơ đưa CNBB", "Cai nghiện tại TT"]
TITLE = "Kết quả thực hiện chỉ tiêu tháng 6/2021 theo Kế hoạch số 152/KH-UBND"


def _faxed_table(seed: int) -> tuple[np.ndarray, float, int, tuple[int, int]]:
    """A levelled faxed page; its dpi, its table's rows, and the title's rows (y0, y1)."""
    rng = np.random.default_rng(seed)
    dpi = float(rng.choice([150, 200]))
    standard = dpi == 150 or bool(rng.random() < 0.5)
    k = dpi / 150.0
    scale = 4  # drawn large, then shrunk: grey anti-aliased hairlines as from a PDF
    w, h = int(1240 * k), int(1000 * k)
    img = Image.new("L", (w * scale, h * scale), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF, int(27 * k * scale))
    bold = ImageFont.truetype(BOLD, int(28 * k * scale))
    title_y = int(150 * k)
    draw.text((int(120 * k) * scale, title_y * scale), TITLE, fill=0, font=bold)
    n_rows = int(rng.integers(4, 7))
    row_h = int(rng.integers(50, 70) * k)
    widths = [70, 420, 150, 160][: int(rng.integers(3, 5))]
    xs = [int(130 * k)]
    for cw in widths:
        xs.append(xs[-1] + int(cw * k))
    ys = [int(300 * k) + r * row_h for r in range(n_rows + 1)]
    hair = max(1, int(scale * k))  # a 0.5 pt rule: a pixel wide at 150 dpi
    for y in ys:
        y4 = y * scale + int(rng.integers(scale))
        draw.line((xs[0] * scale, y4, xs[-1] * scale, y4), fill=0, width=hair)
    for x in xs:
        x4 = x * scale + int(rng.integers(scale))
        draw.line((x4, ys[0] * scale, x4, ys[-1] * scale), fill=0, width=hair)
    for r in range(n_rows):
        y = (ys[r] + int(10 * k)) * scale
        cells = [str(r + 1), LABELS[r % len(LABELS)], "người", str(rng.integers(2, 140))]
        for c, text in enumerate(cells[: len(widths)]):
            draw.text(((xs[c] + int(10 * k)) * scale, y), text, fill=0, font=font)
    page = img.resize((w, h), Image.LANCZOS)
    skew = float(rng.choice([-1, 1]) * rng.uniform(0.8, 3.0))
    page = page.rotate(skew, resample=Image.BICUBIC, fillcolor=255)
    grey = np.asarray(page, dtype=np.float32)
    grey += rng.normal(0, float(rng.uniform(2, 10)), grey.shape)
    if standard:  # half the scan lines, each printed twice
        grey = cv2.resize(grey, (w, h // 2), interpolation=cv2.INTER_AREA)
        grey = cv2.resize(grey, (w, h), interpolation=cv2.INTER_NEAREST)
    bw = np.where(grey < int(rng.integers(120, 175)), 0, 255).astype(np.uint8)
    return geometry.rotate(bw, -skew), dpi, n_rows, (title_y, title_y + int(40 * k))


def _ink(gray: np.ndarray) -> np.ndarray:
    return cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15
    )


def test_dashed_row_rules_give_the_table_its_rows() -> None:
    found = []
    for seed in range(12):
        gray, dpi, n_rows, _title = _faxed_table(seed)
        tables = grid.find_tables(grid.ruling_lines(gray, dpi, fax=True), dpi)
        assert all(t.n_rows <= n_rows for t in tables)  # never a row that is not there
        found.append(len(tables) == 1 and tables[0].n_rows == n_rows)
    # Without the dashes chained into rules, 7 of these 12 tables were found whole.
    assert sum(found) >= 10


@pytest.mark.parametrize("seed", range(30, 36))
def test_bold_print_is_no_rule(seed: int) -> None:
    gray, dpi, _n, (y0, y1) = _faxed_table(seed)
    rules = dashed_rows(_ink(gray), dpi)
    margin = int(dpi / 10)
    assert not rules[y0 - margin : y1 + margin].any()
