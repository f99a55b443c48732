"""A table printed with grey row rules among black ones, scanned blurred at 150 dpi
(issue 10, flatbed scans, "rules=faint"): no piece of a grey rule passes the rule
finder, so the grid merged its rows into one cell ("74 74 05") and their figures were
lost. Its profile across the table (a thin dip under the paper in nearly every stretch)
adds it (`grey_rules`). Seeded pages drawn here; real Tesseract.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extract.formats.scan import read_scan

SERIF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
LABELS = (
    "Điều tra khám phá hình sự",
    "Cai nghiện tự nguyện tại TT",
    "Người nghiện có hồ sơ quản lý",
    "Người sau cai được quản lý",
)
DPI = 150


def _page(rng: np.random.Generator) -> tuple[np.ndarray, list[int]]:
    """A ruled table (150 dpi): black frame, column rules and header rule; the rules
    between its figure rows grey, the page blurred as a flatbed scan at low resolution."""
    img = Image.new("L", (1240, 900), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF, 24)
    cols = [80, 130, 560, 700, 860, 1100]
    top, head, row_h = 150, 60, 55
    figures = [int(rng.integers(10, 140)) for _ in LABELS]
    draw.text((cols[1] + 10, top + 18), "Chỉ tiêu", fill=0, font=font)
    draw.text((cols[2] + 20, top + 18), "Đơn vị", fill=0, font=font)
    draw.text((cols[3] + 20, top + 18), "Kết quả", fill=0, font=font)
    draw.text((cols[4] + 20, top + 18), "Ghi chú", fill=0, font=font)
    grey = int(rng.integers(238, 242))
    for r, (label, figure) in enumerate(zip(LABELS, figures, strict=True)):
        y = top + head + row_h * r
        draw.text((cols[0] + 15, y + 14), str(r + 1), fill=0, font=font)
        draw.text((cols[1] + 10, y + 14), label, fill=0, font=font)
        draw.text((cols[2] + 30, y + 14), "người", fill=0, font=font)
        draw.text((cols[3] + 60, y + 14), str(figure), fill=0, font=font)
        if r:  # a grey rule between two figure rows
            draw.line((cols[0], y, cols[-1], y), fill=grey, width=3)
    bottom = top + head + row_h * len(LABELS)
    for y in (top, top + head, bottom):
        draw.line((cols[0], y, cols[-1], y), fill=0, width=2)
    for x in cols:
        draw.line((x, top, x, bottom), fill=0, width=2)
    draw.text((80, bottom + 60), "Ủy ban nhân dân phường trân trọng báo cáo./.", fill=0, font=font)
    page = cv2.GaussianBlur(np.asarray(img), (0, 0), 1.1)
    return page, figures


@pytest.mark.parametrize("seed", [1, 2])
def test_grey_row_rules_part_the_rows_of_a_blurred_scan(seed: int, tmp_path: Path) -> None:
    gray, figures = _page(np.random.default_rng(seed))
    path = tmp_path / "page.png"
    cv2.imwrite(str(path), gray)
    Image.open(path).save(path, dpi=(DPI, DPI))
    doc = read_scan(path)
    (table,) = doc.tables
    assert len(table.cells) == len(LABELS) + 1
    column = [row[3] for row in table.cells[1:]]
    assert [int(c.digits) for c in column if c is not None and c.digits] == figures
