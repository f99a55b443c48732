"""A ruled table whose rules a gap parts (issue 10, layouts pass): a seal's ring lifted
with its red, or a faint stretch, breaks the row rules where it crosses them; the part
beyond (the result column) was too narrow to be a table on its own and its figure was
lost. The pieces side by side with their top and bottom rules at the same heights are
one table. Seeded pages drawn here; real Tesseract.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extract.formats.scan import read_scan
from extract.ocr import grid

SERIF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
LABELS = ("Học sinh, sinh viên được tuyên truyền", "Gia đình có người nghiện được thăm")


def _page(rng: np.random.Generator) -> tuple[np.ndarray, list[int], list[int]]:
    """The last rows of a table left alone at the top of a page (200 dpi), its rules
    broken over the result column's left part; the column lines' x."""
    img = Image.new("L", (1654, 1200), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF, 36)
    cols = [220, 300, 1000, 1200, 1570]
    top, row_h = 120, 100
    figures = [int(rng.integers(10, 140)) for _ in LABELS]
    for r, (label, figure) in enumerate(zip(LABELS, figures, strict=True)):
        y = top + row_h * r + 30
        draw.text((cols[0] + 15, y), str(13 + r), fill=0, font=font)
        draw.text((cols[1] + 12, y), label, fill=0, font=font)
        draw.text((cols[2] + 50, y), "lượt", fill=0, font=font)
        draw.text((cols[3] + 230, y), str(figure), fill=0, font=font)
    gap = (cols[3] + 15 + int(rng.integers(0, 30)), cols[3] + 75 + int(rng.integers(0, 30)))
    for k in range(len(LABELS) + 1):
        y = top + row_h * k
        draw.line((cols[0], y, gap[0], y), fill=0, width=3)
        draw.line((gap[1], y, cols[-1], y), fill=0, width=3)
    for x in cols:
        if not gap[0] <= x <= gap[1]:
            draw.line((x, top, x, top + row_h * len(LABELS)), fill=0, width=3)
    draw.text((220, 500), "Ủy ban nhân dân phường trân trọng báo cáo./.", fill=0, font=font)
    return np.asarray(img).copy(), figures, cols


@pytest.mark.parametrize("seed", [1, 2])
def test_a_table_parted_by_a_gap_in_its_rules_is_one_table(seed: int, tmp_path: Path) -> None:
    gray, figures, cols = _page(np.random.default_rng(seed))
    (table,) = grid.find_tables(grid.ruling_lines(gray, 200.0), 200.0)
    assert table.box[2] >= cols[-1] - 5 and table.n_rows == len(LABELS)
    path = tmp_path / "page.png"
    cv2.imwrite(str(path), gray)
    Image.open(path).save(path, dpi=(200, 200))
    doc = read_scan(path)
    column = [row[-1] for row in doc.tables[0].cells]
    assert [int(c.digits) for c in column if c is not None and c.digits] == figures
