"""A fax's row rule vanished in one column only (issue 10): the grid still parts its rows.

Seeded pages: a fully ruled table at 150–200 dpi, thresholded black and white as a fax
does, with one row rule between two data rows dropped in one column (a few specks of it
left). Without the split the grid gave that column one cell over two rows and two
figures ("F 45"), and both figures were lost. Each split figure is read back with real
Tesseract from its own cell. A header whose group rule runs under a few columns only
keeps the span of the columns beside it.
"""

from __future__ import annotations

import subprocess

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extract.ocr import grid

SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
LABELS = ["Điều tra khám phá", "Đưa đối tượng vào", "Lập hồ sơ đưa CNBB", "Cai nghiện tại TT"]


def _page(seed: int) -> tuple[np.ndarray, float, dict]:
    """A faxed page with one table whose rule under data row `gap` is missing in column
    `col`; its dpi and what was drawn."""
    rng = np.random.default_rng(seed)
    dpi = float(rng.choice([150, 200]))
    k = dpi / 150.0
    w, h = int(1240 * k), int(1000 * k)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF, int(17 * k))
    n_rows = int(rng.integers(4, 7))
    row_h = int(rng.integers(40, 64) * k)
    widths = [60, 320, 120, 150][: int(rng.integers(3, 5))]
    xs = [int(150 * k)]
    for cw in widths:
        xs.append(xs[-1] + int(cw * k))
    ys = [int(300 * k) + r * row_h for r in range(n_rows + 1)]
    col = int(rng.integers(2, len(widths)))  # a figure column
    gap = int(rng.integers(1, n_rows - 1))  # the rule under data row `gap` (row 0: header)
    figures = [int(rng.integers(10, 140)) for _ in range(n_rows)]
    for y in ys:
        draw.line((xs[0], y, xs[-1], y), fill=0, width=1)
    for x in xs:
        draw.line((x, ys[0], x, ys[-1]), fill=0, width=1)
    for r in range(n_rows):
        y = ys[r] + int(row_h * 0.3)
        cells = ["TT", "Chỉ tiêu", "Đơn vị", "Kết quả"] if r == 0 else [str(r), LABELS[r % 4]]
        cells = cells + [str(figures[r])] * 2
        for c in range(len(widths)):
            text = cells[c] if r == 0 or c < 2 else str(figures[r])
            draw.text((xs[c] + int(10 * k), y), text, fill=0, font=font)
    page = np.asarray(img, dtype=np.uint8).copy()
    # The fax drops the rule in that column; a few specks of it stay.
    y = ys[gap + 1]
    page[y - 1 : y + 2, xs[col] + 2 : xs[col + 1] - 1] = 255
    for x in rng.integers(xs[col] + 4, xs[col + 1] - 4, size=4):
        page[y, int(x) : int(x) + 2] = 0
    return page, dpi, {"col": col, "gap": gap, "n_rows": n_rows, "figures": figures}


def _digits(crop: np.ndarray) -> str:
    ok, png = cv2.imencode(
        ".png", cv2.copyMakeBorder(crop, 20, 20, 20, 20, cv2.BORDER_CONSTANT, value=255)
    )
    assert ok
    out = subprocess.run(
        ["tesseract", "stdin", "stdout", "--psm", "7", "-c", "tessedit_char_whitelist=0123456789"],
        input=png.tobytes(),
        capture_output=True,
        check=True,
        env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"},
    )
    return out.stdout.decode().strip()


@pytest.mark.parametrize("seed", range(6))
def test_a_row_rule_lost_in_one_column_still_parts_its_rows(seed: int) -> None:
    page, dpi, drawn = _page(seed)
    tables = grid.find_tables(grid.ruling_lines(page, dpi, fax=True), dpi)
    assert len(tables) == 1
    table = tables[0]
    assert table.n_rows == drawn["n_rows"]
    assert all(gc.rowspan == 1 and gc.colspan == 1 for gc in table.cells)
    # Each of the two figures the lost rule lay between is read from its own cell.
    for r in (drawn["gap"], drawn["gap"] + 1):
        (cell,) = [gc for gc in table.cells if gc.row == r and gc.col == drawn["col"]]
        x0, y0, x1, y1 = cell.box
        assert _digits(page[y0:y1, x0:x1]) == str(drawn["figures"][r])
    # On a grey page a row rule missing in one column is drawn so: the span stays.
    (grey,) = grid.find_tables(grid.ruling_lines(page, dpi, fax=False), dpi)
    assert any(gc.rowspan == 2 for gc in grey.cells)


def test_a_header_spanning_rows_keeps_its_span() -> None:
    """A group header over two of five columns: its rule under the group is not most
    columns' rule, so "TT", "Chỉ tiêu", "Đơn vị" keep spanning both header rows."""
    dpi = 150.0
    img = Image.new("L", (1240, 900), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF, 17)
    xs = [150, 210, 530, 650, 800, 950]
    ys = [300, 340, 380, 430, 480]
    for y in (ys[0], *ys[2:]):
        draw.line((xs[0], y, xs[-1], y), fill=0, width=1)
    draw.line((xs[3], ys[1], xs[-1], ys[1]), fill=0, width=1)  # under the group only
    for x in xs:
        draw.line((x, ys[0], x, ys[-1]), fill=0, width=1)
    draw.line((xs[4], ys[0], xs[4], ys[1]), fill=255, width=1)  # the group header
    draw.text((xs[0] + 10, ys[0] + 10), "TT", fill=0, font=font)
    draw.text((xs[1] + 10, ys[0] + 8), "Chỉ tiêu", fill=0, font=font)
    draw.text((xs[1] + 10, ys[1] + 8), "(nhiệm vụ)", fill=0, font=font)
    draw.text((xs[2] + 10, ys[0] + 28), "Đơn vị", fill=0, font=font)
    draw.text((xs[3] + 60, ys[0] + 8), "Kết quả", fill=0, font=font)
    draw.text((xs[3] + 10, ys[1] + 8), "Kế hoạch", fill=0, font=font)
    draw.text((xs[4] + 10, ys[1] + 8), "Thực hiện", fill=0, font=font)
    for r in (2, 3):
        for c, text in enumerate(["1", "Điều tra", "vụ", "12", "14"]):
            draw.text((xs[c] + 10, ys[r] + 12), text, fill=0, font=font)
    page = np.asarray(img, dtype=np.uint8)
    (table,) = grid.find_tables(grid.ruling_lines(page, dpi, fax=True), dpi)
    spans = {(gc.row, gc.col): gc.rowspan for gc in table.cells}
    assert spans[(0, 0)] == 2 and spans[(0, 1)] == 2 and spans[(0, 2)] == 2
